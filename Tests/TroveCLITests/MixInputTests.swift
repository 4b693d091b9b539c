import Foundation
import Testing
import TroveCore
import TroveTestSupport

/// What `trove mix` reads its --general and --agent files from and how it writes their records.
@Suite struct MixInputTests {
    private let directory = TemporaryDirectory()
    private var store: String { directory.path("store.sqlite") }

    private func trove(_ command: String, _ arguments: [String], stdin: String? = nil) throws -> TroveBinary.Result {
        try TroveBinary.run([command, "--store", store] + arguments, stdin: stdin, in: directory.url.path)
    }

    private func importDialects() throws {
        _ = try trove("import", ["--reward", "1"] + (try Fixtures.agentDialectFiles))
    }

    private func lines(_ path: String) throws -> [JSONObject] { try JSONLines.objects(atPath: path) }

    private func mix(general: [String], format: String, total: Int, seed: Int, out: String) throws -> TroveBinary.Result
    {
        try trove(
            "mix",
            ["--general"] + general + [
                "--total", String(total), "--seed", String(seed), "--format", format, "--out", directory.path(out),
            ])
    }

    /// QA: every compressed file failed ("the file changed while it was being mixed", or invalid JSON):
    /// its records' offsets, in the decompressed content, were read from the compressed bytes.
    @Test(arguments: ["gz", "zst"])
    func aCompressedGeneralFileMixesAsItsContentDoes(compression: String) throws {
        try importDialects()
        let plain = directory.path("chats-12000.jsonl")
        let copy = try DecompressedCopy(of: Fixtures.url("general/chats-12000.jsonl.gz").path)
        try Data(contentsOf: URL(fileURLWithPath: copy.path)).write(to: URL(fileURLWithPath: plain))
        let compressed = Fixtures.url("general/chats-12000.jsonl.\(compression)").path
        let expected = try mix(general: [plain], format: "sharegpt", total: 300, seed: 3, out: "plain.jsonl")
        #expect(expected.status == 0, "\(expected.stderr)")
        let result = try mix(general: [compressed], format: "sharegpt", total: 300, seed: 3, out: "packed.jsonl")
        #expect(result.status == 0, "\(result.stderr)")
        let written = try Data(contentsOf: URL(fileURLWithPath: directory.path("packed.jsonl")))
        #expect(written == (try Data(contentsOf: URL(fileURLWithPath: directory.path("plain.jsonl")))))
        #expect(try lines(directory.path("packed.jsonl")).count == 300)
    }

    /// QA: a pipe (`<(cat file)`) was read as a file and failed as if it had changed; it is refused as
    /// standard input is, before anything is read from it.
    @Test(arguments: ["-", "/dev/stdin"])
    func aPipeIsRefusedAsStandardInputIs(general: String) throws {
        let text = try String(contentsOf: Fixtures.url("general/openai-small.jsonl"), encoding: .utf8)
        let result = try trove(
            "mix",
            [
                "--agent", Fixtures.url("general/openai-small.jsonl").path, "--general", general, "--total", "5",
                "--format", "sharegpt", "--out", directory.path("mix.jsonl"),
            ], stdin: text)
        #expect(result.status == 66)
        #expect(result.stderr.contains("\(general): cannot open: "), "\(result.stderr)")
        #expect(result.stderr.contains("standard input"), "\(result.stderr)")
        #expect(result.stderr.contains("cannot be sampled"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.path("mix.jsonl")))
    }

    /// QA: agentinstruct wrote OpenAI general records unconverted, with no id, their repeats identical
    /// lines; they are written in AgentInstruct's layout (ShareGPT's), with their ids and `#2` on repeats.
    @Test func agentInstructWritesGeneralRecordsInItsLayoutWithTheirIds() throws {
        try importDialects()
        let general = Fixtures.url("general/openai-small.jsonl").path
        let result = try mix(general: [general], format: "agentinstruct", total: 50, seed: 7, out: "a.jsonl")
        #expect(result.status == 0, "\(result.stderr)")
        let records = try lines(directory.path("a.jsonl"))
        #expect(records.count == 50)
        let converted = records.filter { $0["id"]?.stringValue?.hasPrefix(general) == true }
        #expect(converted.count == 40)
        #expect(Set(converted.compactMap { $0["id"]?.stringValue }).count == 40)
        #expect(converted.allSatisfy { $0.keys == ["id", "conversations"] })
        #expect(converted.contains { $0["id"]?.stringValue == "\(general):2#2" })
        #expect(!records.contains { $0["messages"] != nil })
    }

    /// QA: agentinstruct wrote the store's agent records in their own layouts (FireAct, SWE-agent, ATIF,
    /// OpenAI: no id, no conversations, repeats identical lines, masks not applied), and a general record
    /// with nothing to train on. Every line is now in AgentInstruct's layout with its id (`#2` on a
    /// repeat), a converted record with its masks; the empty record is left out with a warning.
    @Test func agentInstructWritesEveryExampleInItsLayoutWithItsIdAndLeavesOutAnEmptyOne() throws {
        let runs = ["fireact.json", "sweagent.traj", "atif.trajectory.json"].map {
            Fixtures.url("agent-runs/\($0)").path
        }
        #expect(try trove("import", ["--reward", "1"] + runs + [Fixtures.url("dialects/db.json").path]).status == 0)
        for (id, turn) in [("fireact_6238", "1"), ("db_f1", "3")] {
            let masked = try trove("label", [id, "--turn", turn, "--train", "no", "--reviewer", "ana"])
            #expect(masked.status == 0, "\(masked.stderr)")
        }
        let general = directory.write(
            "g.jsonl",
            #"{"id":"g1","conversations":[{"from":"human","value":"q"},{"from":"gpt","value":"a"}]}"# + "\n"
                + #"{"id":"g6","conversations":[{"from":"human","value":"only a question"}]}"# + "\n")
        let result = try trove(
            "mix",
            [
                "--general", general, "--agent-epochs", "2", "--eta", "0.5", "--format", "agentinstruct", "--out",
                directory.path("a.jsonl"),
            ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("1 general example left out"), "\(result.stderr)")
        let records = try lines(directory.path("a.jsonl"))
        #expect(records.allSatisfy { $0.keys.contains("id") && $0.keys.contains("conversations") })
        let ids = Set(records.compactMap { $0["id"]?.stringValue })
        for id in ["fireact_6238", "sweagent", "qa-runner/login-check", "db_f1"] {
            #expect(ids.contains(id) && ids.contains(id + "#2"), "\(id): \(ids.sorted())")
        }
        #expect(!ids.contains("g6"))
        let fireact = try #require(records.first { $0["id"]?.stringValue == "fireact_6238" })
        #expect(fireact["conversations"]?.arrayValue?.last?.objectValue?["loss"] == .bool(false))
        let manifest = try JSONLines.objects(atPath: directory.path("a.jsonl.manifest.json"))[0]
        #expect(manifest["masked_turns"] == .integer(4))
        // db_f1 is in AgentInstruct's layout: written as imported, its mask is not in the mix.
        #expect(manifest["masks_written"] == .bool(false))
    }

    /// QA: with --agent files, --min-reward and --policy (which choose store trajectories) were ignored
    /// silently, while --where was refused.
    @Test(arguments: [["--min-reward", "*=1"], ["--policy", "accepted"], ["--where", "task:db"]])
    func storeSelectionIsRefusedWithAgentFiles(option: [String]) throws {
        let result = try trove(
            "mix",
            ["--agent", Fixtures.url("import/db-small.jsonl").path] + option + [
                "--general", Fixtures.url("general/sharegpt-small.json").path, "--total", "20", "--format",
                "sharegpt", "--out", directory.path("m.jsonl"),
            ])
        #expect(result.status == 64)
        #expect(result.stderr.contains("\(option[0]) chooses store trajectories"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.path("m.jsonl")))
    }

    /// A general record already in AgentInstruct's layout is written as it is, as agent records are.
    @Test func agentInstructWritesAShareGPTRecordWithAnIdAsItIs() throws {
        try importDialects()
        let general = directory.path("sg.jsonl")
        let record =
            #"{"id": "sg_1", "conversations": [{"from": "human", "value": "hi"}, {"from": "gpt", "value": "hello"}], "extra": 1}"#
        try (record + "\n").write(toFile: general, atomically: true, encoding: .utf8)
        let result = try mix(general: [general], format: "agentinstruct", total: 10, seed: 1, out: "a.jsonl")
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOfFile: directory.path("a.jsonl"), encoding: .utf8)
        #expect(text.split(separator: "\n").contains { $0 == record })
        #expect(text.contains(#""id": "sg_1#2""#) || text.contains(#""id":"sg_1#2""#), "\(text)")
    }

    /// QA: a --general file given twice doubled the pool silently, its examples repeated under one id.
    @Test(arguments: [false, true])
    func aFileNamedTwiceIsRefused(throughALink: Bool) throws {
        try importDialects()
        let general = Fixtures.url("general/sharegpt-small.json").path
        var second = general
        if throughALink {
            second = directory.path("link.json")
            try FileManager.default.createSymbolicLink(atPath: second, withDestinationPath: general)
        }
        let result = try mix(general: [general, second], format: "sharegpt", total: 20, seed: 1, out: "m.jsonl")
        #expect(result.status == 64)
        #expect(
            result.stderr.contains("--general \(second) is the same file as --general \(general)"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.path("m.jsonl")))
    }

    /// A byte-identical copy under another name is not the same file: it is mixed, with a warning that
    /// its records repeat ids.
    @Test func aCopyOfAGeneralFileIsWarnedAbout() throws {
        try importDialects()
        let general = Fixtures.url("general/sharegpt-small.json").path
        let copy = directory.path("copy.json")
        try FileManager.default.copyItem(atPath: general, toPath: copy)
        let result = try mix(general: [general, copy], format: "sharegpt", total: 20, seed: 1, out: "m.jsonl")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stderr.contains("records of the --general files have the id of an earlier one (the first: sg000_0)"),
            "\(result.stderr)")
    }
}
