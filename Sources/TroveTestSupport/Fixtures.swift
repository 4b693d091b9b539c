import Foundation

/// Paths to the project's own fixtures and to the shared real data beside the
/// checkout, for tests.
public enum Fixtures {
    /// The repository root, found from this source file's location.
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// `fixtures/NAME` in the repository.
    public static func url(_ name: String) -> URL {
        repositoryRoot.appendingPathComponent("fixtures").appendingPathComponent(name)
    }

    /// The dialect fixtures of agent runs (all six AgentInstruct tasks and ReAct, not the plain chats of
    /// `chat.json`), in name order: what a mix's agent pool or an export is made of in tests.
    public static var agentDialectFiles: [String] {
        get throws {
            try FileManager.default.contentsOfDirectory(atPath: url("dialects").path).sorted()
                .filter { $0 != "chat.json" }.map { url("dialects/\($0)").path }
        }
    }

    /// `../shared/data` beside the repository, or `nil` when it is absent, so
    /// conformance tests can skip cleanly.
    public static let sharedData: URL? = {
        let url = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }()
}
