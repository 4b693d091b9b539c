import Foundation
import Testing
import TroveCore
import TroveTestSupport

/// QA: tau-bench's crashed episode (`task_0/trial_0`, no turn at all) was exported as an empty conversation,
/// which LLaMA-Factory skips and TRL cannot train on. The converted formats leave such a record out, warn
/// with its id and count it in the manifest, in `export` and in `mix`; and WebArena's start page, an
/// `observation` in ShareGPT and a `user` message in OpenAI, is the user's in both.
@Suite struct LeftOutEmptyTests {
    private let directory = TemporaryDirectory()
    private var store: String { directory.path("store.sqlite") }
    private let empty = "tau-bench/task_0/trial_0"

    private func trove(_ command: String, _ arguments: [String]) throws -> TroveBinary.Result {
        try TroveBinary.run([command, "--store", store] + arguments, in: directory.url.path)
    }

    private func lines(_ name: String) throws -> [JSONObject] { try JSONLines.objects(atPath: directory.path(name)) }

    /// The tau-bench and WebArena fixtures, every trajectory accepted.
    private func importRuns() throws {
        let files = ["tau-bench.json", "webarena.json"].map { Fixtures.url("agent-runs/\($0)").path }
        #expect(try trove("import", files).status == 0)
        #expect(try trove("label", ["--where", "", "--accept", "--yes", "-q", "--reviewer", "qa"]).status == 0)
    }

    @Test(arguments: [ExportFormat.sharegpt, .openai])
    func exportLeavesOutARunWithNothingToTrainOnAndSaysWhich(format: ExportFormat) throws {
        try importRuns()
        let result = try trove("export", ["--format", format.rawValue, "--out", "x.jsonl"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("trove: warning: 1 trajectory left out, with no agent turn"), "\(result.stderr)")
        #expect(result.stderr.contains(empty))
        #expect(result.stderr.contains("wrote 2 lines"))
        let written = try lines("x.jsonl")
        #expect(written.count == 2)
        #expect(!written.contains { $0["id"] == .string(empty) })
        #expect(written.allSatisfy { ($0["conversations"] ?? $0["messages"])?.arrayValue?.isEmpty == false })
        let manifest = try lines("x.jsonl.manifest.json")[0]
        #expect(manifest["left_out_empty"] == .number("1"))
        // The table counts what the policy kept; the warning and the manifest what was left out of it.
        #expect(manifest["counts"]?.objectValue?["tau-bench"]?.objectValue?["kept"] == .number("2"))
    }

    @Test func agentInstructWritesEveryRecordAsImported() throws {
        try importRuns()
        let result = try trove("export", ["--format", "agentinstruct", "--out", "x.jsonl"])
        #expect(!result.stderr.contains("left out"), "\(result.stderr)")
        #expect(try lines("x.jsonl").count == 3)
        #expect(try lines("x.jsonl.manifest.json")[0]["left_out_empty"] == .number("0"))
    }

    /// The start page follows the task with no call between: ShareGPT joins it to the task's `human` turn
    /// and OpenAI writes it as a `user` message; neither calls it an observation.
    @Test func webArenasStartPageIsTheUsersInBothFormats() throws {
        try importRuns()
        _ = try trove("export", ["--format", "sharegpt", "--where", "task:webarena", "--out", "s.jsonl"])
        _ = try trove("export", ["--format", "openai", "--where", "task:webarena", "--out", "o.jsonl"])
        let turns = try #require(try lines("s.jsonl").first?["conversations"]?.arrayValue).compactMap(\.objectValue)
        #expect(
            turns.compactMap { $0["from"]?.stringValue } == ["human", "function_call", "observation", "function_call"])
        let task = try #require(turns.first?["value"]?.stringValue)
        #expect(task.hasPrefix("What is the top-1 best-selling product in 2022\n\n[1] RootWebArea 'Dashboard'"))
        #expect(try lines("s.jsonl.manifest.json")[0]["joined_turns"] == .number("1"))
        let messages = try #require(try lines("o.jsonl").first?["messages"]?.arrayValue).compactMap(\.objectValue)
        #expect(messages[1]["role"] == .string("user"))
        #expect(messages[1]["content"]?.stringValue?.hasPrefix("[1] RootWebArea 'Dashboard'") == true)
    }

    /// A split is drawn from what is written: the empty run never takes the held-out place of its task.
    @Test(arguments: [1, 2, 3, 4]) func aSplitIsDrawnFromTheRecordsWritten(seed: Int) throws {
        try importRuns()
        let result = try trove(
            "export", ["--format", "sharegpt", "--split", "valid=0.5", "--seed", "\(seed)", "--out", "x.jsonl"])
        #expect(result.status == 0, "\(result.stderr)")
        let ids = try (lines("x.jsonl") + lines("x.valid.jsonl")).compactMap { $0["id"]?.stringValue }
        #expect(Set(ids) == ["tau-bench/task_4/trial_1", "webarena/3/998877"])
        #expect(try lines("x.valid.jsonl").count == 2)
    }

    /// A mix draws only examples it writes: the empty run is left out of the agent pool before the plan,
    /// so the mix has the counts planned; from the store and from files alike.
    @Test(arguments: [true, false]) func mixLeavesOutOfItsPoolAnExampleWithNothingToTrainOn(fromStore: Bool) throws {
        var agent: [String] = ["--where", "task:tau-bench", "--policy", "accepted"]
        var (kept, leftOut) = ("tau-bench/task_4/trial_1", empty)
        if fromStore {
            try importRuns()
        } else {
            (kept, leftOut) = ("answered", "unanswered")
            let file = directory.write(
                "agent.jsonl",
                #"{"id": "answered", "conversations": [{"from": "human", "value": "q"}, {"from": "gpt", "value": "a"}]}"#
                    + "\n" + #"{"id": "unanswered", "conversations": [{"from": "human", "value": "q"}]}"# + "\n")
            agent = ["--agent", file]
        }
        let result = try trove(
            "mix",
            agent + [
                "--general", Fixtures.url("general/sharegpt-small.json").path, "--eta", "0.5", "--total", "10",
                "--seed", "1", "--format", "sharegpt", "--out", "m.jsonl",
            ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("trove: warning: 1 agent example left out"), "\(result.stderr)")
        #expect(result.stderr.contains(leftOut))
        let written = try lines("m.jsonl")
        #expect(written.count == 10)
        #expect(
            written.allSatisfy { LLaMAFactoryShareGPT.problem(in: Array(JSONWriter.string(.object($0)).utf8)) == nil })
        #expect(written.filter { $0["id"]?.stringValue?.hasPrefix(kept) == true }.count == 5)
        let manifest = try lines("m.jsonl.manifest.json")[0]
        #expect(manifest["agent_pool"] == .number("1"))
        #expect(manifest["agent"] == .number("5"))
        #expect(manifest["left_out_empty"] == .object(["agent": .number("1"), "general": .number("0")]))
    }

    /// KTO leaves the empty run out too, and says so.
    @Test func ktoLeavesOutARunWithNothingToTrainOn() throws {
        try importRuns()
        let result = try trove("export", ["--format", "kto", "--out", "k.jsonl"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains(empty), "\(result.stderr)")
        #expect(try lines("k.jsonl").count == 2)
        #expect(try lines("k.jsonl.manifest.json")[0]["left_out_empty"] == .number("1"))
    }
}
