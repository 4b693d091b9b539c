import Foundation
import Testing
import TroveCore
import TroveTestSupport

@Suite struct MixAndSplitTests {
    private let directory = TemporaryDirectory()
    private var store: String { directory.path("store.sqlite") }

    private func trove(_ command: String, _ arguments: [String]) throws -> TroveBinary.Result {
        try TroveBinary.run([command, "--store", store] + arguments, in: directory.url.path)
    }

    private func importDialects() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.url("dialects").path).sorted()
            .filter { $0 != "chat.json" }.map { Fixtures.url("dialects/\($0)").path }
        _ = try trove("import", ["--reward", "1"] + files)
    }

    private func lines(_ path: String) throws -> [JSONObject] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONParser.parse(Array($0.utf8)).objectValue)
        }
    }

    @Test func mixHasExactCountsIsDeterministicAndWritesAManifest() throws {
        try importDialects()
        let general = [
            Fixtures.url("general/sharegpt-small.json").path, Fixtures.url("general/openai-small.jsonl").path,
        ]
        let arguments =
            ["--general"] + general + ["--eta", "0.25", "--total", "40", "--seed", "3", "--format", "openai"]
        let first = try trove("mix", arguments + ["--out", directory.path("a.jsonl")])
        #expect(first.status == 0)
        _ = try trove("mix", arguments + ["--out", directory.path("b.jsonl")])
        let a = try Data(contentsOf: URL(fileURLWithPath: directory.path("a.jsonl")))
        #expect(a == (try Data(contentsOf: URL(fileURLWithPath: directory.path("b.jsonl")))))
        let records = try lines(directory.path("a.jsonl"))
        #expect(records.count == 40)
        #expect(records.allSatisfy { $0.keys == ["messages"] })
        let manifest = try #require(
            try JSONParser.parse(
                Array(try Data(contentsOf: URL(fileURLWithPath: directory.path("a.jsonl.manifest.json"))))
            )
            .objectValue)
        #expect(manifest["agent"] == .number("10"))
        #expect(manifest["general"] == .number("30"))
        #expect(manifest["achieved_ratio"] == .number("0.25"))
        #expect(manifest["general_pool"] == .number("16"))
    }

    @Test func mixWarnsAboutHeavyRepetitionAndNumbersRepeatedIds() throws {
        try importDialects()
        let result = try trove(
            "mix",
            [
                "--general", Fixtures.url("general/sharegpt-small.json").path, "--total", "200", "--seed", "1",
                "--format", "sharegpt", "--out", directory.path("mix.jsonl"),
            ])
        #expect(result.status == 0)
        #expect(result.stderr.contains("trove: warning: the general pool is used"))
        let ids = try lines(directory.path("mix.jsonl")).compactMap { $0["id"]?.stringValue }
        #expect(ids.count == 200)
        #expect(Set(ids).count == 200)
        #expect(ids.contains("sg000_0#2"))
    }

    @Test func mixRefusesAnEmptyAgentPool() throws {
        try importDialects()
        let result = try trove(
            "mix",
            [
                "--where", "task:nothing", "--general", Fixtures.url("general/sharegpt-small.json").path, "--total",
                "10",
                "--format", "sharegpt",
            ])
        #expect(result.status == 65)
        #expect(result.stderr.contains("the agent pool is empty"))
    }

    @Test func exportSplitsEveryTaskIntoTwoFiles() throws {
        try importDialects()
        let out = directory.path("agent.jsonl")
        let result = try trove(
            "export",
            ["--policy", "agenttuning", "--format", "sharegpt", "--split", "valid=0.5", "--seed", "2", "--out", out])
        #expect(result.status == 0)
        let train = try lines(out)
        let valid = try lines(directory.path("agent.valid.jsonl"))
        #expect(!valid.isEmpty)
        let trainIDs = Set(train.compactMap { $0["id"]?.stringValue })
        let validIDs = Set(valid.compactMap { $0["id"]?.stringValue })
        #expect(trainIDs.isDisjoint(with: validIDs))
        let exported = try trove("export", ["--policy", "agenttuning", "--dry-run"])
        #expect(exported.stdout.contains("total"))
        #expect(FileManager.default.fileExists(atPath: directory.path("agent.valid.jsonl.manifest.json")))
    }
}
