import Foundation
import Testing
import TroveCore
import TroveTestSupport

@testable import TroveStore

/// Every fixture trove ships (fixtures/**), exported as ShareGPT, is read by LLaMA-Factory: a dialect or
/// run format added later with turns that do not alternate fails here. (QA found 6 of 717 real records
/// skipped by LLaMA-Factory's `SharegptDatasetConverter`.)
@Suite struct LLaMAFactoryAcceptanceTests {
    private let directory = TemporaryDirectory()

    /// Every file under fixtures/, in path order.
    private static let fixtureFiles: [String] = {
        let root = Fixtures.url("")
        let files =
            FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])?
            .compactMap { $0 as? URL }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true } ?? []
        return files.map(\.path).sorted()
    }()

    /// Imports `path` into a new store (rejects and unreadable files are the hostile fixtures' point),
    /// accepts every trajectory and exports it in `format`: the lines and the result.
    private func export(_ path: String, _ format: ExportFormat) throws -> (lines: [[UInt8]], result: ExportResult) {
        let store = try Store.inMemory()
        _ = try? TrajectoryImporter(store: store, options: .init(onReject: { _, _ in })).importFiles([path])
        try store.applyLabel(LabelChange(status: .accepted), matching: Filter(nil), reviewer: "qa", origin: "cli")
        let out = directory.path("\(URL(fileURLWithPath: path).lastPathComponent).\(format).jsonl")
        let output = try JSONLinesWriter(path: out)
        let request = ExportRequest(filter: Filter(nil), policy: .accepted, writer: ExportRecordWriter(format: format))
        let result = try TrajectoryExporter(store: store).export(request, to: output)
        try output.publish()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: out))
        return (bytes.split(separator: 0x0A).map { Array($0) }, result)
    }

    @Test func everyFixtureExportsAsShareGPTThatLLaMAFactoryReads() throws {
        #expect(Self.fixtureFiles.count >= 40)
        var written = 0
        var leftOut: [String] = []
        var all: [UInt8] = []
        for path in Self.fixtureFiles {
            let (lines, result) = try export(path, .sharegpt)
            written += lines.count
            leftOut += result.leftOutEmpty
            for line in lines {
                all += line + [0x0A]
                if let problem = LLaMAFactoryShareGPT.problem(in: line) {
                    let id = (try? JSONParser.parse(line).objectValue?["id"]?.stringValue) ?? "?"
                    Issue.record("\(path): \(id): \(problem)")
                }
            }
        }
        #expect(written > 12_000)
        // tau-bench's crashed episode has no turn at all; it and its compressed copies are left out.
        #expect(leftOut.contains("tau-bench/task_0/trial_0"))
        #expect(Set(leftOut) == ["tau-bench/task_0/trial_0"], "\(Set(leftOut))")
        // The same check as QA's Python, when python3 is there to run it.
        let path = directory.write("all.jsonl", String(decoding: all, as: UTF8.self))
        if let python = Python.run(LLaMAFactoryShareGPT.pythonCheck, [path]) {
            #expect(python.status == 0)
            #expect(python.stdout == "", "\(python.stdout)")
        }
    }

    /// OpenAI output of every fixture has an assistant turn to train on, and ends on it.
    @Test func everyFixtureExportsAsOpenAIEndingOnTheAssistant() throws {
        for path in Self.fixtureFiles {
            for line in try export(path, .openai).lines {
                let messages = try JSONParser.parse(line).objectValue?["messages"]?.arrayValue ?? []
                #expect(messages.last?.objectValue?["role"] == .string("assistant"), "\(path)")
            }
        }
    }
}
