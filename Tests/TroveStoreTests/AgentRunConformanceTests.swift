import Foundation
import GRDB
import Testing
import TroveCore
import TroveTestSupport

@testable import TroveStore

/// Every agent-run file in ../shared/data (SOURCES.md), imported as `trove import DIR` does: no rejects,
/// and per format the trajectories, steps, rewards, tool calls and outcomes read. Skipped without the data.
@Suite(.enabled(if: Fixtures.sharedData != nil, "../shared/data is absent"))
struct AgentRunConformanceTests {
    struct Expected: Sendable, CustomTestStringConvertible {
        var directory: String
        var trajectories: Int
        var steps: Int
        var rewards: Int
        var rewardsOfOne: Int
        var toolCallMessages: Int
        var outcomes: [String: Int]

        var testDescription: String { directory }
    }

    static let formats = [
        Expected(
            directory: "sweagent_traj", trajectories: 3, steps: 28, rewards: 0, rewardsOfOne: 0, toolCallMessages: 16,
            outcomes: ["submitted": 3]),
        Expected(
            directory: "miniswe_traj", trajectories: 2, steps: 41, rewards: 1, rewardsOfOne: 1, toolCallMessages: 31,
            outcomes: ["submitted": 1]),
        Expected(
            directory: "openhands", trajectories: 5, steps: 111, rewards: 0, rewardsOfOne: 0, toolCallMessages: 111,
            outcomes: ["step-limit": 1]),
        Expected(
            directory: "inspect_ai", trajectories: 11, steps: 15, rewards: 11, rewardsOfOne: 9, toolCallMessages: 4,
            outcomes: [:]),
        Expected(
            directory: "atif", trajectories: 3, steps: 11, rewards: 1, rewardsOfOne: 1, toolCallMessages: 8,
            outcomes: [:]),
        Expected(
            directory: "tau_bench", trajectories: 1, steps: 0, rewards: 1, rewardsOfOne: 0, toolCallMessages: 0,
            outcomes: ["error": 1]),
        Expected(
            directory: "fireact_react", trajectories: 465, steps: 1241, rewards: 465, rewardsOfOne: 200,
            toolCallMessages: 0, outcomes: [:]),
        Expected(
            directory: "swe_hf_datasets", trajectories: 5, steps: 49, rewards: 5, rewardsOfOne: 5, toolCallMessages: 0,
            outcomes: ["submitted": 5]),
        Expected(
            directory: "webarena", trajectories: 3, steps: 4, rewards: 0, rewardsOfOne: 0, toolCallMessages: 4,
            outcomes: [:]),
    ]

    /// The store `trove import DIR` makes of one directory of ../shared/data (`--reward` when `defaultReward`).
    private func store(_ directory: String, defaultReward: Double? = nil) throws -> Store {
        let path = Fixtures.sharedData!.appendingPathComponent(directory).path
        var files: [String] = []
        var rewards: [String: Double] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: path).sorted() {
            let file = (path as NSString).appendingPathComponent(name)
            if name.hasSuffix("report.json"), let report = try SWEBenchReport.load(path: file) {
                rewards.merge(report) { _, new in new }
            } else {
                files.append(file)
            }
        }
        let store = try Store.inMemory()
        var rejects: [String] = []
        let options = TrajectoryImporter.Options(
            codec: .init(rewards: rewards, defaultReward: defaultReward),
            onReject: { error, _ in rejects.append(error.description) })
        try TrajectoryImporter(store: store, options: options).importFiles(files)
        #expect(rejects == [])
        return store
    }

    /// The records `trove export --format FORMAT --where FILTER --policy agenttuning --min-reward 0` writes.
    private func exported(_ store: Store, _ format: ExportFormat, where filter: String) throws -> [JSONObject] {
        let directory = TemporaryDirectory()
        let path = directory.path("out.jsonl")
        let request = ExportRequest(
            filter: try Filter.parse(filter), policy: .agentTuning(RewardThresholds(defaultThreshold: 0)),
            writer: ExportRecordWriter(format: format))
        let output = try JSONLinesWriter(path: path)
        _ = try TrajectoryExporter(store: store).export(request, to: output)
        try output.publish()
        return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
            try #require(try JSONParser.parse(Array(line.utf8)).objectValue)
        }
    }

    @Test(arguments: formats)
    func everyFileImportsWithNoRejectsAndTheCountsItHolds(expected: Expected) throws {
        let store = try store(expected.directory)
        let counts = try store.testSeam.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT count(*), COALESCE(sum(step_count), 0), count(env_reward), COALESCE(sum(env_reward = 1), 0),
                           (SELECT count(*) FROM message WHERE tool_calls IS NOT NULL)
                    FROM trajectory
                    """)!
        }
        #expect(counts[0] == expected.trajectories)
        #expect(counts[1] == expected.steps)
        #expect(counts[2] == expected.rewards)
        #expect(counts[3] == expected.rewardsOfOne)
        #expect(counts[4] == expected.toolCallMessages)
        let outcomes = try store.testSeam.read { db in
            try Row.fetchAll(db, sql: "SELECT outcome, count(*) FROM trajectory WHERE outcome IS NOT NULL GROUP BY 1")
        }
        #expect(Dictionary(uniqueKeysWithValues: outcomes.map { ($0[0] as String, $0[1] as Int) }) == expected.outcomes)
    }

    /// Blind review hides the member a record's reward was read from (``RewardField``): found, in the
    /// excerpt the review screen reads, for every trajectory whose reward is its record's own.
    @Test(arguments: formats)
    func theRewardsFieldIsFoundInTheReviewsExcerpt(expected: Expected) throws {
        let store = try store(expected.directory)
        let ids = try store.testSeam.read { db in
            try String.fetchAll(db, sql: "SELECT external_id FROM trajectory WHERE env_reward_source = 'record field'")
        }
        for id in ids {
            let excerpt = try #require(try store.excerpt(id: id, textBudget: 1 << 16, blindReviewer: "me"))
            #expect(!RewardField.paths(of: excerpt.stored.trajectory).isEmpty, "\(id)")
        }
        if expected.directory == "swe_hf_datasets" {
            #expect(ids.count == 5)
            let first = try #require(try store.excerpt(id: ids[0], textBudget: 1 << 16, blindReviewer: "me"))
            #expect(RewardField.paths(of: first.stored.trajectory) == [["target"]])
        }
    }

    @Test func sweAgentRunsReadTheirStepsAndTheirCalls() throws {
        let store = try store("sweagent_traj")
        let old = try #require(try store.trajectory(id: "pydicom__pydicom-1458"))
        #expect(old.parsed.dialect == .commandBlock)
        #expect(old.parsed.steps.first?.action?.kind == "create")
        #expect(old.parsed.steps.last?.action?.kind == "submit")
        let new = try #require(try store.trajectory(id: "demo_function_calling_marshmallow-1867"))
        #expect(new.parsed.steps.first?.action == StepAction(kind: "create", argument: #"{"filename":"reproduce.py"}"#))
        #expect(new.parsed.steps.first?.observation?.hasPrefix("[File: reproduce.py (1 lines total)]") == true)
    }

    /// QA: the test repo's run has 5 steps in `trajectory[]`, ending in `submit` with the diff as its
    /// observation, while its `history` stops after step 4: trove showed 4 steps, the last `bash`. The
    /// 0.x pydicom run's history ends on its `submit` without the diff, which its step holds.
    @Test func sweAgentRunsShowTheSubmitStepTheirHistoryLacks() throws {
        let store = try store("sweagent_traj")
        let run = try #require(try store.trajectory(id: "6e44b9__sweagenttestrepo-1c2844"))
        #expect(run.parsed.steps.map(\.action?.kind) == ["find_file", "open", "edit", "bash", "submit"])
        #expect(run.parsed.steps.last?.action?.argument == "{}")
        #expect(run.parsed.steps.last?.thought?.hasSuffix("I will now submit the changes to finalize the fix.") == true)
        #expect(run.parsed.steps.last?.observation?.contains("+def division(a: float, b: float) -> float:") == true)
        let old = try #require(try store.trajectory(id: "pydicom__pydicom-1458"))
        #expect(old.trajectory.messages.count == 27)
        #expect(old.parsed.steps.count == 12)
        #expect(old.parsed.steps.last?.observation?.contains("diff --git a/pydicom/pixel_data_handlers") == true)
        // The 1.x demonstration's history has every step: nothing is added.
        let replay = try #require(try store.trajectory(id: "demo_function_calling_marshmallow-1867"))
        #expect(replay.trajectory.messages.count == 24)
    }

    @Test func miniSWEAgentRunIsResolvedByItsReport() throws {
        let stored = try #require(try store("miniswe_traj").trajectory(id: "django__django-14752"))
        #expect(stored.trajectory.environmentReward == 1)
        #expect(stored.trajectory.outcome == .submitted)
        #expect(stored.parsed.steps.first?.action?.kind == "bash")
        #expect(stored.trajectory.messages.contains { $0.role == .tool && $0.toolCallID != nil })
    }

    @Test func nebiusSystemTurnsAreTheirSystemPrompts() throws {
        let store = try store("swe_hf_datasets")
        let ids = try store.trajectoryIDs(matching: Filter(nil))
        #expect(ids.count == 5)
        for id in ids {
            let system = try #require(try store.trajectory(id: id)?.trajectory.messages.first)
            #expect(system.role == .system)
            #expect(system.text.unicodeScalars.count == 4_873)
            #expect(system.text.hasPrefix("SETTING: You are an autonomous programmer"))
        }
    }

    /// Harbor's Terminus-2 golden run (a scripted model, JSON replies): each reply reads as its analysis and
    /// plan, its keystrokes and the terminal's output. The run hands over to a continuation file at a context
    /// summarization, so it ends without marking the task complete.
    @Test func terminusRunReadsItsRepliesAsThoughtsAndKeystrokes() throws {
        let stored = try #require(try store("atif").trajectory(id: "terminus-2/NORMALIZED_SESSION_ID"))
        #expect(stored.parsed.dialect == .terminus)
        #expect(StepParser.detectDialect(stored.trajectory.messages) == .terminus)
        let steps = stored.parsed.steps
        #expect(steps.map(\.parsedBy) == [.terminus, .terminus, .terminus])
        #expect(
            steps.map(\.action) == [
                StepAction(kind: "keystrokes", argument: "mkdir test_dir\n"),
                StepAction(kind: "keystrokes", argument: "echo 'test1' > test_dir/file1.txt\n"),
                StepAction(kind: "keystrokes", argument: "echo 'test2' > test_dir/file2.txt\n"),
            ])
        #expect(
            steps[0].thought
                == "Terminal is ready. Let me create a test directory first.\n\nCreate test_dir to set up some context."
        )
        #expect(steps[0].observation == "root@CONTAINER_ID:/app# mkdir test_dir\n\n")
        #expect(stored.parsed.flags == [.noAnswer])
    }

    /// QA: OpenAgents' qa-runner gives every agent step a `reasoning_content` ("Chose action …"), which the
    /// import dropped: no stored text held it and `has:` found nothing. It now starts each step's thought.
    @Test func qaRunnerReasoningStartsEveryStepsThought() throws {
        let store = try store("atif")
        let id = "openagents-qa-runner/login-trace-trajectory"
        let stored = try #require(try store.trajectory(id: id))
        #expect(stored.parsed.steps.count == 6)
        #expect(
            stored.parsed.steps.first?.thought
                == "Chose action \"navigate\" against /login; outcome ok.\n\nnavigate to /login")
        #expect(
            stored.parsed.steps.last?.thought
                == "Final verdict PASS after 5 action(s).\n\nGoal verified. Marking the session complete.")
        for source in [#"has:"chose action""#, #"thought:"chose action""#, #"thought:"final verdict""#] {
            #expect(try store.trajectoryIDs(matching: Filter.parse(source)) == [id], "\(source)")
        }
    }

    /// QA: harbor's OpenHands run defines 6 tools in `agent.tool_definitions`, yet its OpenAI export had only
    /// `messages`. The export of the store now writes them as `tools`.
    @Test func openHandsATIFRunExportsItsSixTools() throws {
        let lines = try exported(try store("atif", defaultReward: 1), .openai, where: "id:openhands/*")
        #expect(lines.count == 1)
        let record = try #require(lines.first)
        let names = record["tools"]?.arrayValue?.compactMap {
            $0.objectValue?["function"]?.objectValue?["name"]?.stringValue
        }
        #expect(
            names == ["execute_bash", "think", "finish", "execute_ipython_cell", "task_tracker", "str_replace_editor"])
    }

    /// QA: the 3 Multi-SWE-bench runs of OpenHands' `output.jsonl` list their 4 tools in `history[0]`'s
    /// `args.tools` (the `system` action), yet their exports had no `tools`. Both exports write them now;
    /// the 2 replay fixtures, whose events list none, have none.
    @Test(arguments: [ExportFormat.openai, .sharegpt])
    func openHandsOutputRunsExportTheirSystemEventsTools(format: ExportFormat) throws {
        let lines = try exported(try store("openhands", defaultReward: 1), format, where: "task:openhands")
        #expect(lines.count == 5)
        let tools = try lines.map { line -> [String]? in
            let value: JSONValue? =
                switch line["tools"] {
                case .string(let text)?: try JSONParser.parse(Array(text.utf8))
                case let other: other
                }
            return value?.arrayValue?.compactMap { $0.objectValue?["function"]?.objectValue?["name"]?.stringValue }
        }
        let names = ["execute_bash", "think", "finish", "str_replace_editor"]
        #expect(tools.filter { $0 == names }.count == 3)
        #expect(tools.filter { $0 == nil }.count == 2)
    }

    /// QA: each WebArena run's start page was a context turn, so `has:` (a run's own turns) missed it:
    /// `has:"Magento Admin Panel"` matched the 1 run of 3 that saw a second page. It is the run's own
    /// observation now; the exports write the runs as before.
    @Test func webArenaStartPagesAreTheRunsOwnObservations() throws {
        let store = try store("webarena", defaultReward: 1)
        let runs = try store.trajectoryIDs(matching: Filter(nil))
        #expect(runs.count == 3)
        #expect(try store.trajectoryIDs(matching: Filter.parse(#"has:"Magento Admin Panel""#)).count == 3)
        #expect(try store.trajectoryIDs(matching: Filter.parse(#"context:"Magento Admin Panel""#)).isEmpty)
        for id in runs {
            let stored = try #require(try store.trajectory(id: id))
            #expect(stored.parsed.turns.prefix(3) == [.task, .observation, .agent], "\(id)")
        }
        let openAI = try exported(store, .openai, where: "task:webarena")
        #expect(openAI.count == 3)
        #expect(openAI.allSatisfy { $0["messages"]?.arrayValue?[1].objectValue?["role"] == .string("user") })
        #expect(try exported(store, .sharegpt, where: "task:webarena").count == 3)
    }

    /// QA: the 2 WebArena runs that answer with `stop [answer]` on their start page were flagged
    /// `answer-without-action`, though the page they read holds the answer. A run whose environment shows
    /// its state first may answer from it; the runs that answer from nothing stay flagged: 150 FireAct runs
    /// call `finish[…]` before any search, and no run with a finishing call (OpenHands `finish`, SWE-agent
    /// `submit`, Inspect `submit`, Terminus `task_complete`) answers before acting.
    @Test(arguments: [
        ("webarena", 0), ("fireact_react", 150), ("openhands", 0), ("sweagent_traj", 0), ("miniswe_traj", 0),
        ("swe_hf_datasets", 0), ("inspect_ai", 0), ("atif", 0), ("tau_bench", 0),
    ])
    func answerWithoutActionFlagsOnlyAnswersWithNothingFromTheEnvironment(directory: String, flagged: Int) throws {
        let store = try store(directory)
        #expect(try store.trajectoryIDs(matching: Filter.parse("flag:answer-without-action")).count == flagged)
        if directory == "webarena" {
            let answered = try store.trajectoryIDs(matching: Filter.parse("steps:1"))
            #expect(answered.count == 2)
            for id in answered {
                let stored = try #require(try store.trajectory(id: id))
                #expect(stored.parsed.steps.first?.finalAnswer == "Quest Lumaflex™ Band", "\(id)")
            }
        }
    }

    @Test func openHandsRunCutAtFiftyIterationsIsFlagged() throws {
        let stored = try #require(try store("openhands").trajectory(id: "ponylang__ponyc-4588"))
        #expect(stored.trajectory.outcome == .stepLimit)
        #expect(stored.parsed.flags.contains(.cutByLimit))
        #expect(stored.parsed.steps.first?.action?.kind == "execute_bash")
    }

    @Test func inspectScoresBecomeRewardsWithTheirScorer() throws {
        let store = try store("inspect_ai")
        let browser = try #require(try store.trajectory(id: "browser/1_epoch_1"))
        #expect(browser.trajectory.environmentReward == 1)
        #expect(browser.trajectory.metadata["reward_scorer"] == .string("includes"))
        #expect(browser.parsed.steps.first?.action?.kind == "web_browser_go")
        #expect(try store.trajectory(id: "popularity/9_epoch_1")?.trajectory.environmentReward == 1)
    }

    /// QA: the browser sample's last assistant message, which calls no tool, is the completion the
    /// `includes` scorer graded `C`, yet it was read as a thought: no final answer, `answer:` missed it.
    /// It is the run's final answer now, and the popularity samples, plain chats, read as before.
    @Test func inspectBrowserRunsFinalReplyIsItsAnswer() throws {
        let store = try store("inspect_ai")
        let browser = try #require(try store.trajectory(id: "browser/1_epoch_1"))
        let last = try #require(browser.parsed.steps.last)
        #expect(last.finalAnswer?.hasPrefix("The AI Security Institute (AISI) is the premier governmental") == true)
        #expect(last.thought == nil)
        #expect(last.action == nil)
        #expect(!browser.parsed.flags.contains(.noAnswer))
        #expect(
            try store.trajectoryIDs(matching: Filter.parse(#"answer:"Security Institute""#)) == ["browser/1_epoch_1"])
        let chats = try store.trajectoryIDs(matching: Filter.parse("id:popularity/*"))
        #expect(chats.count == 10)
        for id in chats {
            let stored = try #require(try store.trajectory(id: id))
            #expect(stored.parsed.dialect == .chat, "\(id)")
            #expect(stored.parsed.steps.allSatisfy { $0.finalAnswer == nil && $0.thought != nil }, "\(id)")
        }
    }

    @Test func fireActRewardsSplitTwoHundredToTwoHundredSixtyFive() throws {
        let store = try store("fireact_react")
        #expect(try store.trajectoryIDs(matching: Filter.parse("env_reward:1")).count == 200)
        #expect(try store.trajectoryIDs(matching: Filter.parse("env_reward:0")).count == 265)
        let first = try #require(try store.trajectory(id: "fireact_6238"))
        #expect(first.parsed.steps.first?.finalAnswer == "Seth MacFarlane")
    }
}
