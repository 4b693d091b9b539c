import Foundation
import Testing
import TroveCore
import TroveTestSupport

/// `--split` replaces its train and valid files and their manifests as one:
/// killed at any point, the outputs are the old ones or (once the next export
/// to the same file has finished the journal) the new ones, never some of each.
@Suite struct SplitCommitTests {
    private let directory = TemporaryDirectory()
    private var store: String { directory.path("store.sqlite") }
    private static let outputs = [
        "agent.jsonl", "agent.valid.jsonl", "agent.jsonl.manifest.json",
        "agent.valid.jsonl.manifest.json",
    ]

    private func export(seed: Int, into folder: String, killAt point: String? = nil) throws -> TroveBinary.Result {
        try TroveBinary.run(
            [
                "export", "--store", store, "--policy", "agenttuning", "--format", "sharegpt", "--split", "valid=0.5",
                "--seed", String(seed), "--out", folder + "/agent.jsonl",
            ], environment: point.map { ["TROVE_KILL_AT": $0] } ?? [:], in: directory.url.path)
    }

    /// The two files' hashes and the hashes each manifest lists ("absent" for a missing file):
    /// equal for two folders that hold the same export.
    private func pair(in folder: String) -> [String] {
        Self.outputs.map { name in
            guard let bytes = FileManager.default.contents(atPath: folder + "/" + name) else { return "absent" }
            guard name.hasSuffix(".manifest.json") else { return SHA256.hash(Array(bytes)).hexString }
            let outputs = (try? JSONParser.parse(Array(bytes)))?.objectValue?["outputs"]?.arrayValue ?? []
            return outputs.compactMap { $0.objectValue?["sha256"]?.stringValue }.joined(separator: ",")
        }
    }

    @Test(arguments: ["commit", "rename-0", "rename-1", "rename-2", "rename-3", "journal-removal"])
    func aKillAtAnyPointLeavesAllOldOrAllNew(point: String) throws {
        _ = try TroveBinary.run(["import", "--store", store, "--reward", "1"] + (try Fixtures.agentDialectFiles))
        for (folder, seed) in [("old", 1), ("new", 2), ("out", 1)] {
            try FileManager.default.createDirectory(atPath: directory.path(folder), withIntermediateDirectories: true)
            if folder != "out" { #expect(try export(seed: seed, into: directory.path(folder)).status == 0) }
        }
        let out = directory.path("out")
        #expect(try export(seed: 1, into: out).status == 0)
        let old = pair(in: directory.path("old"))
        let new = pair(in: directory.path("new"))
        #expect(old != new)
        #expect(pair(in: out) == old)

        let killed = try export(seed: 2, into: out, killAt: point)
        #expect(killed.status != 0)
        if point == "commit" { #expect(pair(in: out) == old) }
        // The next export to the same file finishes the journal first; killed right at its own
        // commit point, it shows what the killed run left once recovered.
        _ = try export(seed: 3, into: out, killAt: "commit")
        #expect(pair(in: out) == (point == "commit" ? old : new), "killed at \(point)")
        #expect(try export(seed: 2, into: out).status == 0)
        #expect(pair(in: out) == new)
        let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(names == Self.outputs.sorted(), "temporaries or a journal left behind: \(names)")
    }
}
