import Foundation
import Testing
import TroveCore
import TroveTestSupport

@testable import TroveStore

@Suite struct PreferenceExportTests {
    /// Two runs of "tea" (tea_good, tea_bad) that part at the last agent turn, two runs of "pie".
    private func labelledStore() throws -> Store {
        let store = try Store.inMemory()
        _ = try TrajectoryImporter(store: store, options: .init(codec: .init(task: "db")))
            .importFiles([Fixtures.url("preferences/runs.jsonl").path])
        try store.applyLabel(.accept, to: ["tea_good", "pie_good", "pie_also_good"], reviewer: "ana", origin: "test")
        try store.applyLabel(.reject, to: ["tea_bad"], reviewer: "ana", origin: "test")
        return store
    }

    private func export(_ request: PreferenceRequest, store: Store) throws -> (lines: [String], result: ExportResult) {
        let directory = TemporaryDirectory()
        let output = try JSONLinesWriter(path: directory.path("out.jsonl"))
        let result = try PreferenceExporter(store: store).export(request, to: output)
        try output.publish()
        let text = try String(contentsOfFile: output.path, encoding: .utf8)
        return (text.split(separator: "\n").map(String.init), result)
    }

    private static let prompt = """
        [{"role": "user", "content": "Answer with SQL.\\nAction: Answer\\nFinal Answer: [\\"X\\"]"}, \
        {"role": "assistant", "content": "Ok."}, {"role": "user", "content": "Which shop sells tea?"}, \
        {"role": "assistant", "content": "Look.\\nAction: Operation\\n```sql\\nSELECT name FROM shop WHERE \
        product = 'tea';\\n```"}, {"role": "user", "content": "[('Leaf',)]"}]
        """

    @Test func anAcceptedAndARejectedRunOfOneTaskMakeOneDPOLine() throws {
        // Given a group with an accepted and a rejected run, and a group with two accepted runs
        let store = try labelledStore()
        // When the runs are exported as DPO pairs
        let (lines, result) = try export(
            PreferenceRequest(filter: try Filter.parse(""), policy: .accepted, format: .dpo), store: store)
        // Then the tea runs give one pair whose prompt is everything before the last agent turn, and the
        // pie group, with nothing rejected, gives none
        #expect(
            lines == [
                """
                {"prompt": \(Self.prompt), \
                "chosen": [{"role": "assistant", "content": "Done.\\nAction: Answer\\nFinal Answer: [\\"Leaf\\"]"}], \
                "rejected": [{"role": "assistant", "content": "Guess.\\nAction: Answer\\nFinal Answer: [\\"Moss\\"]"}]}
                """
            ])
        #expect(result.preferences == ["db": ["runs": 1]])
        #expect(result.outcomes["db"]?[.kept] == 3)
    }

    /// Review: `kto` and the DPO pairs of runs wrote the turns as imported, not the reviewers'
    /// corrections, and trained on turns they masked. Corrections are written as every export writes them;
    /// a masked turn is never in a continuation: KTO's prompt runs on past it, a DPO pair holding one is
    /// not written, and the runs that lost an example are named.
    @Test func reviewersCorrectionsAndMasksReachDPOAndKTO() throws {
        let store = try labelledStore()
        let all = try Filter.parse("")
        try store.setText(
            "Done right.\nAction: Answer\nFinal Answer: [\"Leaf\"]", turn: 5, of: "tea_good", reviewer: "ana",
            origin: "test")
        var (pairs, result) = try export(PreferenceRequest(filter: all, policy: .accepted, format: .dpo), store: store)
        #expect(pairs.count == 1 && pairs[0].contains("Done right.") && !pairs[0].contains("\"Done.\\n"), "\(pairs)")
        #expect(result.editedTurns == 1 && result.maskedTurns == 0)
        var (examples, _) = try export(PreferenceRequest(filter: all, policy: .accepted, format: .kto), store: store)
        #expect(examples.filter { $0.contains("Done right.") }.count == 1, "\(examples)")

        // A mask in the prompt the runs share trains nothing: the pair stays; KTO's prompt runs on past it.
        try store.setTraining(.no, turn: 3, of: "tea_good", reviewer: "ana", origin: "test")
        (pairs, result) = try export(PreferenceRequest(filter: all, policy: .accepted, format: .dpo), store: store)
        #expect(pairs.count == 1 && result.maskedTurns == 1 && result.leftOutMasked.isEmpty)
        (examples, result) = try export(PreferenceRequest(filter: all, policy: .accepted, format: .kto), store: store)
        let good = try #require(
            examples.compactMap { try? JSONParser.parse(Array($0.utf8)).objectValue }
                .first {
                    $0["completion"]?.arrayValue?.first?.objectValue?["content"]
                        == "Done right.\nAction: Answer\nFinal Answer: [\"Leaf\"]"
                })
        #expect(good["completion"]?.arrayValue?.count == 1)
        #expect(good["prompt"]?.arrayValue?.count == 5)

        // A masked turn in a continuation: no pair, no completion; the runs are named.
        try store.setTraining(.no, turn: 5, of: "tea_bad", reviewer: "ana", origin: "test")
        (pairs, result) = try export(PreferenceRequest(filter: all, policy: .accepted, format: .dpo), store: store)
        #expect(pairs.isEmpty && result.leftOutMasked == ["tea_bad"])
        (examples, result) = try export(PreferenceRequest(filter: all, policy: .accepted, format: .kto), store: store)
        #expect(examples.count == 3 && result.leftOutMasked == ["tea_bad"] && result.leftOutEmpty.isEmpty)
        #expect(examples.allSatisfy { !$0.contains("Guess.") })
    }

    /// Review: `dpo` and `kto` dropped a tool-calling run's function schemas, which `openai` writes.
    @Test func toolCallingRunsKeepTheirToolsInPreferenceLines() throws {
        let directory = TemporaryDirectory()
        func run(_ id: String, _ answer: String) -> String {
            #"{"id":"\#(id)","tools":[{"type":"function","function":{"name":"search","parameters":{}}}],"#
                + #""messages":[{"role":"user","content":"Find the capital of France."},"#
                + #"{"role":"assistant","content":"","tool_calls":[{"id":"c1","type":"function","#
                + #""function":{"name":"search","arguments":"{\"q\":\"France\"}"}}]},"#
                + #"{"role":"tool","tool_call_id":"c1","content":"Paris is the capital."},"#
                + #"{"role":"assistant","content":"\#(answer)"}]}"#
        }
        let file = directory.write("runs.jsonl", run("good", "Paris.") + "\n" + run("bad", "Lyon.") + "\n")
        let store = try Store.inMemory()
        _ = try TrajectoryImporter(store: store).importFiles([file])
        try store.applyLabel(.accept, to: ["good"], reviewer: "ana", origin: "test")
        try store.applyLabel(.reject, to: ["bad"], reviewer: "ana", origin: "test")
        let tools: JSONValue = .array([
            .object(["type": "function", "function": .object(["name": "search", "parameters": .object([:])])])
        ])
        for format in PreferenceFormat.allCases {
            let (lines, _) = try export(
                PreferenceRequest(filter: try Filter.parse(""), policy: .accepted, format: format), store: store)
            #expect(lines.count == (format == .dpo ? 1 : 2), "\(format)")
            for line in lines {
                #expect(try JSONParser.parse(Array(line.utf8)).objectValue?["tools"] == tools, "\(line)")
            }
        }
    }

    /// FireAct-style runs close on the environment's `reward = True` / `reward = False`: neither DPO's
    /// continuations nor KTO's completions carry it, and two runs that differ only there make no pair.
    @Test func closingObservationsStayOutOfPreferenceData() throws {
        let directory = TemporaryDirectory()
        func run(_ id: String, _ action: String, _ reward: String) -> String {
            #"{"id":"\#(id)","conversations":[{"from":"human","value":"Question: Who wrote Hamlet?"},"#
                + #"{"from":"gpt","value":"Thought: I know it.\nAction: finish[\#(action)]"},"#
                + #"{"from":"human","value":"Observation: Episode finished, reward = \#(reward)"}]}"#
        }
        let file = directory.write(
            "runs.jsonl",
            [run("good", "Shakespeare", "True"), run("bad", "Marlowe", "False"), run("same", "Shakespeare", "False")]
                .joined(separator: "\n") + "\n")
        let store = try Store.inMemory()
        _ = try TrajectoryImporter(store: store).importFiles([file])
        try store.applyLabel(.accept, to: ["good"], reviewer: "ana", origin: "test")
        try store.applyLabel(.reject, to: ["bad", "same"], reviewer: "ana", origin: "test")
        let (pairs, _) = try export(
            PreferenceRequest(filter: try Filter.parse(""), policy: .accepted, format: .dpo), store: store)
        #expect(pairs.count == 1, "\(pairs)")
        #expect(pairs.allSatisfy { !$0.contains("Episode finished") })
        #expect(pairs.first?.contains("Marlowe") == true)
        let (examples, _) = try export(
            PreferenceRequest(filter: try Filter.parse(""), policy: .accepted, format: .kto), store: store)
        #expect(examples.count == 3)
        #expect(examples.allSatisfy { !$0.contains("Episode finished") })
    }

    /// A run that crashed before its first reply (tau-bench's empty episode) has nothing to train on: KTO
    /// leaves it out, DPO pairs it with no run, and both name it as left out.
    @Test func aRunWithNothingToTrainOnIsLeftOutOfPreferenceDataAndNamed() throws {
        let directory = TemporaryDirectory()
        let file = directory.write(
            "runs.jsonl",
            #"{"id":"done","conversations":[{"from":"human","value":"Who wrote Hamlet?"},"#
                + #"{"from":"gpt","value":"Shakespeare."}]}"# + "\n"
                + #"{"id":"crashed","conversations":[{"from":"human","value":"Who wrote Hamlet?"}]}"# + "\n")
        let store = try Store.inMemory()
        _ = try TrajectoryImporter(store: store).importFiles([file])
        try store.applyLabel(.accept, to: ["done"], reviewer: "ana", origin: "test")
        try store.applyLabel(.reject, to: ["crashed"], reviewer: "ana", origin: "test")
        let (pairs, dpo) = try export(
            PreferenceRequest(filter: try Filter.parse(""), policy: .accepted, format: .dpo), store: store)
        #expect(pairs.isEmpty)
        #expect(dpo.leftOutEmpty == ["crashed"])
        let (examples, kto) = try export(
            PreferenceRequest(filter: try Filter.parse(""), policy: .accepted, format: .kto), store: store)
        #expect(examples.count == 1)
        #expect(examples.first?.contains("Shakespeare") == true)
        #expect(kto.leftOutEmpty == ["crashed"])
        #expect(Array(kto.preferences.values) == [["desirable": 1]])
    }

    @Test func aKeptAndARejectedRunMakeKTOLinesWithTheTaskInThePrompt() throws {
        // Given the accepted and the rejected tea run
        let store = try labelledStore()
        // When they are exported as KTO examples
        let (lines, result) = try export(
            PreferenceRequest(filter: try Filter.parse("id:tea_*"), policy: .accepted, format: .kto), store: store)
        // Then each is its task (the handshake's agent turn included) and its own turns, labelled
        let task = """
            [{"role": "user", "content": "Answer with SQL.\\nAction: Answer\\nFinal Answer: [\\"X\\"]"}, \
            {"role": "assistant", "content": "Ok."}, {"role": "user", "content": "Which shop sells tea?"}]
            """
        let look = """
            {"role": "assistant", "content": "Look.\\nAction: Operation\\n```sql\\nSELECT name FROM shop WHERE \
            product = 'tea';\\n```"}, {"role": "user", "content": "[('Leaf',)]"}
            """
        #expect(
            lines == [
                """
                {"prompt": \(task), "completion": [\(look), \
                {"role": "assistant", "content": "Done.\\nAction: Answer\\nFinal Answer: [\\"Leaf\\"]"}], "label": true}
                """,
                """
                {"prompt": \(task), "completion": [\(look), \
                {"role": "assistant", "content": "Guess.\\nAction: Answer\\nFinal Answer: [\\"Moss\\"]"}], "label": false}
                """,
            ])
        #expect(result.preferences == ["db": ["desirable": 1, "undesirable": 1]])
    }

    @Test func theSameSeedChoosesTheSamePairsAndTheLimitHolds() throws {
        // Given five accepted and three rejected runs of one question: fifteen possible pairs
        let store = try Store.inMemory()
        let directory = TemporaryDirectory()
        let runs = (0..<8).map { index in
            """
            {"id": "r\(index)", "conversations": [{"from": "human", "value": "Which shop sells tea?"}, \
            {"from": "gpt", "value": "Answer \(index).\\nAction: Answer\\nFinal Answer: [\\"\(index)\\"]"}]}
            """
        }
        let file = directory.write("runs.jsonl", runs.joined(separator: "\n") + "\n")
        _ = try TrajectoryImporter(store: store, options: .init(codec: .init(task: "db"))).importFiles([file])
        try store.applyLabel(.accept, to: (0..<5).map { "r\($0)" }, reviewer: "ana", origin: "test")
        try store.applyLabel(.reject, to: (5..<8).map { "r\($0)" }, reviewer: "ana", origin: "test")
        func pairs(seed: UInt64) throws -> [String] {
            try export(
                PreferenceRequest(
                    filter: try Filter.parse(""), policy: .accepted, format: .dpo, maxPairsPerGroup: 4, seed: seed),
                store: store
            ).lines
        }
        // Then each seed gives four pairs, the same ones every time, and another seed others
        let first = try pairs(seed: 1)
        #expect(first.count == 4)
        #expect(try pairs(seed: 1) == first)
        #expect(Set(try (2..<6).map { try pairs(seed: $0) }).count > 1)
    }

    @Test func theManifestCountsPairsPerTaskAndSource() throws {
        let store = try labelledStore()
        let request = PreferenceRequest(
            filter: try Filter.parse(""), policy: .accepted, format: .dpo, maxPairsPerGroup: 2, seed: 9)
        let directory = TemporaryDirectory()
        let output = try JSONLinesWriter(path: directory.path("out.jsonl"))
        let result = try PreferenceExporter(store: store).export(request, to: output)
        let manifest = ExportSummary.manifest(result, request: request, storePath: "s", outputs: [output]).objectValue
        #expect(manifest?["format"] == .string("dpo"))
        #expect(manifest?["max_pairs_per_group"] == .number("2"))
        #expect(manifest?["seed"] == .number("9"))
        #expect(manifest?["preferences"] == .object(["db": .object(["runs": .number("1")])]))
        #expect(manifest?["outputs"]?.arrayValue?.first?.objectValue?["lines"] == .number("1"))
    }

    /// TRL's DPO trainer reads `prompt`, `chosen`, `rejected`; its KTO trainer `prompt`, `completion`, `label`.
    @Test(arguments: [PreferenceFormat.dpo, .kto])
    func huggingFaceDatasetsLoadsThePreferences(format: PreferenceFormat) throws {
        guard let probe = Python.run("import datasets") else { return }
        guard probe.status == 0 else {
            withKnownIssue("python3 with Hugging Face datasets is not installed: the export was not loaded") {
                Issue.record("datasets missing")
            }
            return
        }
        let store = try labelledStore()
        let directory = TemporaryDirectory()
        let output = try JSONLinesWriter(path: directory.path("\(format).jsonl"))
        _ = try PreferenceExporter(store: store).export(
            PreferenceRequest(filter: try Filter.parse(""), policy: .accepted, format: format), to: output)
        try output.publish()
        let load = try #require(
            Python.run(
                "import datasets, sys; d = datasets.load_dataset('json', data_files=sys.argv[1], split='train'); "
                    + "print(len(d), sorted(d.column_names), d[0]['prompt'][-1]['role'])", [output.path]))
        #expect(load.status == 0)
        let expected =
            switch format {
            case .dpo: "1 ['chosen', 'prompt', 'rejected'] user"
            case .kto: "4 ['completion', 'label', 'prompt'] user"
            }
        #expect(load.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == expected)
    }

    @Test func aRunWhoseBytesChangedStopsTheExportAndNothingIsWritten() throws {
        let store = try labelledStore()
        try store.testSeam.write { db in
            try db.execute(
                sql: """
                    UPDATE trajectory SET original = CAST(replace(CAST(original AS TEXT), 'Moss', 'Mass') AS BLOB)
                    WHERE external_id = 'tea_bad'
                    """)
        }
        let directory = TemporaryDirectory()
        let output = try JSONLinesWriter(path: directory.path("out.jsonl"))
        #expect(throws: AlteredRecordError(trajectory: "tea_bad")) {
            try PreferenceExporter(store: store).export(
                PreferenceRequest(filter: try Filter.parse(""), policy: .accepted, format: .dpo), to: output)
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path("out.jsonl")))
    }
}
