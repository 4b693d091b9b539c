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
        _ = try trove("import", ["--reward", "1"] + (try Fixtures.agentDialectFiles))
    }

    private func lines(_ path: String) throws -> [JSONObject] { try JSONLines.objects(atPath: path) }

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

    /// Review: the mix wrote the store's examples as imported, training on a turn reviewers masked and
    /// on the text they corrected; it writes them as `export` does and counts them in its manifest.
    @Test func mixAppliesTurnMasksAndCorrectionsAsExportDoes() throws {
        // The fixture's third line is cut short: the import rejects it (exit 65) and stores the others.
        #expect(try trove("import", [Fixtures.url("import/db-small.jsonl").path]).status == 65)
        let correction = directory.path("correction.txt")
        try "Thought: CORRECTED. I am done.\nAction: Answer\nFinal Answer: [\"6\"]".write(
            toFile: correction, atomically: true, encoding: .utf8)
        for arguments in [
            ["label", "db_0", "--accept"], ["label", "db_0", "--turn", "3", "--train", "no"],
            ["edit", "db_0", "--turn", "5", "--text-file", correction],
        ] {
            let result = try trove(arguments[0], Array(arguments.dropFirst()) + ["--reviewer", "ana"])
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let general = Fixtures.url("general/sharegpt-small.json").path
        let mixed = try trove(
            "mix",
            ["--where", "id:db_0", "--policy", "accepted", "--general", general, "--total", "2", "--eta", "0.5"]
                + ["--format", "sharegpt", "--out", directory.path("mix.jsonl")])
        #expect(mixed.status == 0, "\(mixed.stderr)")
        let exported = try trove("export", ["--format", "sharegpt", "--out", directory.path("export.jsonl")])
        #expect(exported.status == 0, "\(exported.stderr)")
        let mix = try lines(directory.path("mix.jsonl"))
        let agent = try #require(mix.first { $0["id"] == .string("db_0") })
        let export = try lines(directory.path("export.jsonl"))
        #expect(agent["conversations"] == export.first?["conversations"])
        let conversation = try #require(agent["conversations"]?.arrayValue)
        let turns = conversation.compactMap(\.objectValue)
        #expect(turns[3]["loss"] == .bool(false))
        #expect(turns[5]["value"]?.stringValue?.hasPrefix("Thought: CORRECTED.") == true)
        let manifest = try #require(
            try JSONParser.parse(
                Array(try Data(contentsOf: URL(fileURLWithPath: directory.path("mix.jsonl.manifest.json"))))
            )
            .objectValue)
        #expect(manifest["masked_turns"] == .integer(1))
        #expect(manifest["edited_turns"] == .integer(1))
        #expect(manifest["masks_written"] == .bool(true))
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

    /// QA: with --agent-epochs an empty pool used to be "the mix would be empty: give a positive
    /// --total or --agent-epochs"; both sizes now name the pool and the selection that emptied it.
    @Test(arguments: [["--total", "10"], ["--agent-epochs", "1"]])
    func mixRefusesAnEmptyAgentPoolAndSaysWhatSelectedNothing(size: [String]) throws {
        try importDialects()
        let result = try trove(
            "mix",
            ["--where", "task:OS", "--general", Fixtures.url("general/sharegpt-small.json").path]
                + size + ["--format", "sharegpt"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("trove: the agent pool is empty: nothing to sample from"))
        #expect(
            result.stderr.contains(
                "trove: --where 'task:OS' and --policy agenttuning select no trajectory of \(store). "
                    + "Filter values are case-sensitive (task:os is not task:OS); trove stats lists the tasks."),
            "\(result.stderr)")
    }

    /// QA: ShareGPT output dropped the text an agent wrote beside its tool call; export and mix share
    /// the writer, and both keep it as LLaMA-Factory reads a thought.
    @Test func shareGPTExportAndMixKeepTheAgentsTextBeforeItsToolCall() throws {
        let record =
            #"{"id": "ls_1", "messages": [{"role": "user", "content": "list"}, {"role": "assistant", "#
            + #""content": "I will list.", "tool_calls": [{"id": "c1", "type": "function", "function": "#
            + #"{"name": "ls", "arguments": "{\"path\": \".\"}"}}]}, {"role": "tool", "tool_call_id": "c1", "#
            + #""content": "a b"}, {"role": "assistant", "content": "a and b."}]}"#
        let agent = directory.write("agent.jsonl", record + "\n")
        #expect(try trove("import", ["--reward", "1", agent]).status == 0)
        #expect(
            try trove("export", ["--policy", "agenttuning", "--format", "sharegpt", "--out", "x.jsonl"]).status == 0)
        let mix = try trove(
            "mix",
            [
                "--agent", agent, "--general", Fixtures.url("general/sharegpt-small.json").path, "--total", "5",
                "--format", "sharegpt", "--out", "m.jsonl",
            ])
        #expect(mix.status == 0, "\(mix.stderr)")
        let expected: JSONValue = .object([
            "from": "function_call",
            "value": .string("<think>\nI will list.\n</think>\n\n{\"name\": \"ls\", \"arguments\": {\"path\": \".\"}}"),
        ])
        for path in ["x.jsonl", "m.jsonl"] {
            let turns = try lines(directory.path(path)).compactMap { $0["conversations"]?.arrayValue }
                .first { $0.contains(expected) }
            #expect(
                turns?.compactMap { $0.objectValue?["from"]?.stringValue } == [
                    "human", "function_call", "observation", "gpt",
                ], "\(path)")
        }
    }

    /// A text holding LLaMA-Factory's closing thought words outside a block of its own would fail the
    /// trainer on the whole dataset: export and mix write such a turn's calls only, say so, and the
    /// manifest counts it.
    @Test func shareGPTExportAndMixWarnOfTurnsWrittenWithoutTheirText() throws {
        let record =
            #"{"id": "r_1", "messages": [{"role": "user", "content": "list"}, {"role": "assistant", "#
            + #""content": "<think>\nI reason.\n</think>\n\nI will list.", "tool_calls": [{"id": "c1", "#
            + #""type": "function", "function": {"name": "ls", "arguments": "{}"}}]}, {"role": "tool", "#
            + #""tool_call_id": "c1", "content": "a b"}, {"role": "assistant", "content": "a and b."}]}"#
        let agent = directory.write("reasoning.jsonl", record + "\n")
        #expect(try trove("import", ["--reward", "1", agent]).status == 0)
        let warning = "trove: warning: 1 function_call turn written without some of the agent's text"
        let export = try trove("export", ["--policy", "agenttuning", "--format", "sharegpt", "--out", "x.jsonl"])
        #expect(export.status == 0)
        #expect(export.stderr.contains(warning), "\(export.stderr)")
        #expect(try lines(directory.path("x.jsonl.manifest.json"))[0]["thoughts_left_out"] == .number("1"))
        let turns = try lines(directory.path("x.jsonl"))[0]["conversations"]?.arrayValue
        let kept = "<think>\nI reason.\n</think>\n\n" + #"{"name": "ls", "arguments": {}}"#
        #expect(turns?[1] == .object(["from": "function_call", "value": .string(kept)]))
        let openAI = try trove("export", ["--policy", "agenttuning", "--format", "openai", "--out", "o.jsonl"])
        #expect(!openAI.stderr.contains("warning"), "\(openAI.stderr)")
        let mix = try trove(
            "mix",
            [
                "--agent", agent, "--general", Fixtures.url("general/sharegpt-small.json").path, "--total", "5",
                "--format", "sharegpt", "--out", "m.jsonl",
            ])
        #expect(mix.status == 0, "\(mix.stderr)")
        #expect(mix.stderr.contains("written without some of the agent's text"), "\(mix.stderr)")
    }

    /// QA: `--split 'a/b=0.1'` said the fraction was wrong. Each part of a bad value gets its own message,
    /// and nothing is written.
    @Test(arguments: [
        ("a/b=0.1", "--split: the split's name 'a/b' holds '/': the name goes into the second file's name"),
        ("a b=0.1", "--split: the split's name 'a b' holds ' '"),
        ("=0.1", "--split: the split needs a name before '='"),
        ("valid=x", "--split: the fraction 'x' is not a number"),
        ("valid=", "--split: the fraction '' is not a number"),
        ("valid=1", "--split: the fraction 1 is not between 0 and 1 (exclusive)"),
        ("valid=-0.5", "--split: the fraction -0.5 is not between 0 and 1 (exclusive)"),
        ("valid", "--split: 'valid' is not name=fraction"),
    ])
    func aBadSplitNamesThePartThatIsWrong(split: String, message: String) throws {
        let out = directory.path("agent.jsonl")
        let result = try trove("export", ["--format", "sharegpt", "--split", split, "--out", out])
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// QA: the summary named the first file's manifest for the split's file too. Each file names its own,
    /// or the one `--manifest` gives both.
    @Test func aSplitsSummaryNamesEachFilesOwnManifest() throws {
        try importDialects()
        let out = directory.path("agent.jsonl")
        let split = try trove(
            "export",
            ["--policy", "agenttuning", "--format", "sharegpt", "--split", "valid=0.5", "--seed", "2", "--out", out])
        #expect(split.status == 0, "\(split.stderr)")
        #expect(split.stderr.contains("to \(out) (manifest: \(out).manifest.json)"), "\(split.stderr)")
        let valid = directory.path("agent.valid.jsonl")
        #expect(split.stderr.contains("to \(valid) (manifest: \(valid).manifest.json)"), "\(split.stderr)")
        let named = directory.path("both.json")
        let one = try trove(
            "export",
            ["--policy", "agenttuning", "--format", "sharegpt", "--split", "valid=0.5", "--manifest", named]
                + ["--out", out])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stderr.components(separatedBy: "(manifest: \(named))").count == 3, "\(one.stderr)")
    }

    /// QA: a split too small for every task wrote an empty file without a word; a split that holds out
    /// everything left the first file empty. Each warns, naming the split and the empty file.
    @Test func aSplitThatGetsNoRecordsIsWarnedAbout() throws {
        try importDialects()
        let out = directory.path("agent.jsonl")
        let arguments = ["--policy", "agenttuning", "--format", "sharegpt", "--seed", "2", "--out", out]
        let small = try trove("export", arguments + ["--split", "valid=0.01"])
        #expect(small.status == 0, "\(small.stderr)")
        #expect(
            small.stderr.contains(
                "trove: warning: the split valid got no records: \(directory.path("agent.valid.jsonl")) is empty"),
            "\(small.stderr)")
        #expect(try lines(directory.path("agent.valid.jsonl")).isEmpty)
        let large = try trove("export", arguments + ["--split", "held-out=0.99"])
        #expect(large.status == 0, "\(large.stderr)")
        #expect(
            large.stderr.contains("trove: warning: \(out) got no records: the split held-out took all"),
            "\(large.stderr)")
        #expect(try lines(out).isEmpty)
        let half = try trove("export", arguments + ["--split", "valid=0.5"])
        #expect(!half.stderr.contains("got no records"), "\(half.stderr)")
    }

    /// QA: a malformed line in a --general file was left out with a note, and the mix exited 0 with
    /// fewer general examples than the files hold. Like import, the mix names every bad record by file and
    /// line; it exits 65 and writes nothing (no output, no manifest), for --agent files too.
    @Test(arguments: ["--general", "--agent"])
    func aRecordThatDoesNotDecodeStopsTheMixAndWritesNothing(option: String) throws {
        try importDialects()
        let good = try String(contentsOf: Fixtures.url("general/openai-small.jsonl"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let bad = directory.path("bad.jsonl")
        try
            (good.prefix(3) + [#"{"messages": [{"role": "user", "content": "hi"}"#, #"{"messages": 3}"#]
            + good.dropFirst(3)).joined(separator: "\n").appending("\n")
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let general = option == "--general" ? bad : Fixtures.url("general/sharegpt-small.json").path
        let agent = option == "--agent" ? ["--agent", bad] : []
        let out = directory.path("mix.jsonl")
        let result = try trove(
            "mix",
            ["--general", general] + agent + ["--total", "20", "--format", "openai", "--out", out])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(bad):4: invalid JSON"), "\(result.stderr)")
        #expect(result.stderr.contains("\(bad):5: \"messages\" is a number"), "\(result.stderr)")
        #expect(
            result.stderr.contains("trove: 2 records of the \(option) files do not decode; nothing was written"),
            "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(!FileManager.default.fileExists(atPath: out + ".manifest.json"))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { $0.hasSuffix(".tmp") }
                .isEmpty)
    }

    /// Review: when every trajectory the policy kept had nothing to train on, the mix said the policy
    /// selected no trajectory. It names the examples left out instead, with the filter that leaves them out.
    @Test func aPoolEmptiedByExamplesWithNothingToTrainOnSaysSo() throws {
        let tasks = directory.path("tasks.jsonl")
        try
            (["e1", "e2"].map { #"{"id": "\#($0)", "conversations": [{"from": "human", "value": "do \#($0)"}]}"# }
            .joined(separator: "\n") + "\n").write(toFile: tasks, atomically: true, encoding: .utf8)
        _ = try trove("import", [tasks])
        _ = try trove("label", ["e1", "e2", "--accept", "--reviewer", "r1"])
        let out = directory.path("mix.jsonl")
        let general = Fixtures.url("general/sharegpt-small.json").path
        let fromStore = try trove(
            "mix",
            ["--general", general, "--policy", "accepted", "--total", "10", "--format", "sharegpt", "--out", out])
        #expect(fromStore.status == 65)
        #expect(
            fromStore.stderr.contains(
                "all 2 agent examples selected were left out, with no agent turn after the task to train on "
                    + "(an empty run, a task with no reply): e1, e2. --where 'steps>0' leaves most out."),
            "\(fromStore.stderr)")
        #expect(!fromStore.stderr.contains("selects no trajectory"), "\(fromStore.stderr)")
        let fromFiles = try trove(
            "mix", ["--general", tasks, "--agent", general, "--total", "10", "--format", "sharegpt", "--out", out])
        #expect(fromFiles.status == 65)
        #expect(fromFiles.stderr.contains("the general pool is empty"), "\(fromFiles.stderr)")
        #expect(fromFiles.stderr.contains("all 2 general examples selected were left out"), "\(fromFiles.stderr)")
        #expect(!fromFiles.stderr.contains("--where"), "\(fromFiles.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
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
