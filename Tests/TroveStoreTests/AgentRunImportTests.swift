import Foundation
import Testing
import TroveCore
import TroveTestSupport

@testable import TroveStore

/// Each agent-run format, from a small hand-made file in fixtures/agent-runs shaped like the real thing:
/// imported through the real pipeline and read back from the store.
@Suite struct AgentRunImportTests {
    /// Imports `names` from fixtures/agent-runs into a new store; fails on any reject.
    private func store(_ names: String..., codec: TrajectoryCodec.Options = .init()) throws -> Store {
        let store = try Store.inMemory()
        var rejects: [String] = []
        let options = TrajectoryImporter.Options(
            codec: codec, onReject: { error, _ in rejects.append(error.description) })
        try TrajectoryImporter(store: store, options: options).importFiles(
            names.map { Fixtures.url("agent-runs/\($0)").path })
        #expect(rejects == [])
        return store
    }

    private func trajectory(_ store: Store, _ id: String) throws -> StoredTrajectory {
        try #require(try store.trajectory(id: id), "no trajectory \(id)")
    }

    @Test func sweAgentToolCallingRunKeepsItsCallsAndItsExitStatus() throws {
        let stored = try trajectory(try store("sweagent.traj"), "sweagent")
        #expect(stored.trajectory.task == "swe-agent")
        #expect(stored.trajectory.outcome == .submitted)
        #expect(stored.parsed.dialect == .toolCalls)
        #expect(
            stored.parsed.steps.map(\.action) == [
                StepAction(kind: "find_file", argument: #"{"file_name":"missing.py"}"#),
                StepAction(kind: "submit", argument: "{}"),
            ])
        #expect(stored.parsed.steps[0].observation == "Found 1 matches")
        #expect(stored.trajectory.messages[3].toolCallID == "call_1")
        #expect(stored.parsed.flags.isEmpty)
    }

    /// QA: SWE-agent 1.x stops its `history` before the last step, which is only in `trajectory[]`: the run
    /// showed no `submit` though its outcome is `submitted`. The step now follows the history: its response,
    /// a call of its action, its observation (the diff) as the call's answer.
    @Test func sweAgentStepPastTheHistoryFollowsIt() throws {
        let stored = try trajectory(try store("sweagent-short-history.traj"), "sweagent-short-history")
        #expect(stored.trajectory.outcome == .submitted)
        #expect(
            stored.trajectory.messages.map(\.originalRole) == [
                "system", "user", "assistant", "tool", "assistant", "tool",
            ])
        #expect(
            stored.parsed.steps.map(\.action) == [
                StepAction(kind: "bash", argument: #"{"command":"python3 colon.py"}"#),
                StepAction(kind: "submit", argument: "{}"),
            ])
        #expect(stored.parsed.steps[1].thought == "It runs.\n\nI submit the fix.")
        #expect(
            stored.parsed.steps[1].observation == "\r\ndiff --git a/colon.py b/colon.py\r\n-def f()\r\n+def f():\r\n")
        #expect(stored.parsed.flags.isEmpty)
    }

    @Test func sweAgentZeroXRunReadsCommandBlocksAndACostLimit() throws {
        let stored = try trajectory(try store("sweagent-0x.traj"), "sweagent-0x")
        #expect(stored.parsed.dialect == .commandBlock)
        #expect(stored.trajectory.outcome == .costLimit)
        #expect(stored.parsed.steps.map(\.action?.kind) == ["create", "edit"])
        #expect(stored.parsed.steps[0].thought == "First I reproduce the bug.")
        #expect(stored.parsed.steps[1].action?.argument == "edit 1:1\nprint(1)\nend_of_edit")
        #expect(stored.parsed.flags.contains(.cutByLimit))
        // Its history runs a turn past its one step: nothing is added from the steps.
        #expect(stored.trajectory.messages.count == 5)
    }

    @Test func miniSWEAgentRunFlagsItsLoopItsErrorsAndItsLimit() throws {
        let stored = try trajectory(try store("miniswe.traj.json"), "example__repo-1")
        #expect(stored.trajectory.task == "mini-swe-agent")
        #expect(stored.trajectory.outcome == .stepLimit)
        #expect(stored.parsed.steps.count == 3)
        #expect(stored.parsed.steps[0].action == StepAction(kind: "bash", argument: #"{"command": "cat view.py"}"#))
        #expect(stored.parsed.flags.isSuperset(of: [.repeatedAction, .errorStreak, .cutByLimit, .noAnswer]))
        let shown = TrajectoryReport.text(stored.trajectory, stored.parsed, stored.label)
        #expect(shown.contains("review pending  outcome step-limit\n"))
    }

    @Test func legacyMiniSWEAgentMessageListIsOneTrajectoryNamedAfterItsFile() throws {
        let store = try store("miniswe-legacy.traj.json")
        #expect(try store.trajectoryCount() == 1)
        let stored = try trajectory(store, "miniswe-legacy")
        #expect(stored.parsed.dialect == .commandBlock)
        #expect(stored.parsed.steps.map(\.action?.kind) == ["cat", "echo"])
        #expect(!stored.parsed.flags.contains(.noAnswer))
    }

    @Test func openHandsEventStreamPairsObservationsWithTheModelsToolCalls() throws {
        let stored = try trajectory(try store("openhands-events.json"), "openhands-events")
        let messages = stored.trajectory.messages
        #expect(messages.map(\.originalRole) == ["user", "assistant", "tool", "assistant"])
        #expect(
            messages[1].toolCalls == [
                ToolCall(id: "toolu_01", name: "execute_bash", arguments: #"{"command": "mv test.txt renamed.txt"}"#)
            ])
        #expect(messages[1].text == "I'll rename the file.")
        #expect(messages[2].toolCallID == "toolu_01")
        #expect(messages[3].toolCalls.map(\.name) == ["finish"])
        #expect(stored.parsed.steps.count == 2)
        #expect(!stored.parsed.flags.contains(.noAnswer))
    }

    @Test func openHandsOutputLinesCarryTheirErrorAsOutcomeAndResolvedAsReward() throws {
        let store = try store("openhands-output.jsonl")
        let limited = try trajectory(store, "example__repo-2")
        #expect(limited.trajectory.outcome == .stepLimit)
        #expect(limited.trajectory.messages.map(\.originalRole) == ["system", "user", "assistant", "tool"])
        #expect(limited.parsed.steps.first?.observation == "make: *** No targets.  Stop.")
        let resolved = try trajectory(store, "example__repo-3")
        #expect(resolved.trajectory.environmentReward == 1)
        #expect(resolved.trajectory.outcome == nil)
    }

    @Test func inspectLogMakesOneTrajectoryPerSampleWithItsScoreAndItsExactBytes() throws {
        let store = try store("inspect-log.json")
        let first = try trajectory(store, "browser/1_epoch_1")
        #expect(first.trajectory.environmentReward == 1)
        #expect(first.trajectory.metadata["reward_scorer"] == .string("includes"))
        #expect(
            first.parsed.steps.map(\.action) == [
                StepAction(kind: "web_browser_go", argument: #"{"url": "https://example.org/"}"#), nil,
            ])
        #expect(first.parsed.steps[0].observation == #"[1] link "About""#)
        // Inspect lists the tools only in its model events: the last that lists some gives the schemas.
        #expect(
            first.trajectory.toolSchemas
                == .array([
                    .object([
                        "type": "function",
                        "function": .object([
                            "name": "web_browser_go", "description": "Navigate to a URL.",
                            "parameters": .object([
                                "type": "object", "properties": .object(["url": .object(["type": "string"])]),
                                "required": .array(["url"]),
                            ]),
                        ]),
                    ])
                ]))
        let bytes = String(decoding: first.trajectory.originalRecord, as: UTF8.self)
        #expect(
            bytes.hasPrefix("{") && bytes.hasSuffix("}") && bytes.contains("\"id\": 1,") && !bytes.contains("\"two\""))
        let second = try trajectory(store, "browser/two_epoch_2")
        #expect(second.trajectory.environmentReward == 0)
        #expect(second.trajectory.outcome == .timeout)
        #expect(second.parsed.steps[0].observation == "Timed out clicking")
        #expect(second.trajectory.toolSchemas == nil)
    }

    @Test func inspectEvalArchiveReadsEverySampleUnderItsHeadersTask() throws {
        let store = try store("inspect.eval")
        #expect(try store.trajectoryCount() == 2)
        #expect(try trajectory(store, "popularity/1_epoch_1").trajectory.environmentReward == 1)
        let second = try trajectory(store, "popularity/2_epoch_1")
        #expect(second.trajectory.environmentReward == 0)
        #expect(second.trajectory.task == "popularity")
    }

    @Test func atifStepsBecomeToolCallsAndResultsWithTheVerdictAsReward() throws {
        let stored = try trajectory(try store("atif.trajectory.json"), "qa-runner/login-check")
        #expect(stored.trajectory.environmentReward == 1)
        #expect(stored.trajectory.messages.map(\.originalRole) == ["user", "assistant", "tool", "assistant", "tool"])
        #expect(stored.parsed.steps.map(\.action?.kind) == ["navigate", "finish"])
        #expect(stored.parsed.steps[0].observation == "ok: /login")
    }

    /// QA: an ATIF step's `reasoning_content` was dropped. It is a reasoning block before the step's message
    /// now, so it is the start of the step's thought, and `has:` and `thought:` find it.
    @Test func atifReasoningIsTheStartOfTheStepsThought() throws {
        let store = try store("atif.trajectory.json")
        let stored = try trajectory(store, "qa-runner/login-check")
        #expect(stored.trajectory.messages[1].text == "<think>\nOpen the page.\n</think>\n\nnavigate to /login")
        #expect(stored.parsed.steps.map(\.thought) == ["Open the page.\n\nnavigate to /login", "finish"])
        for source in [#"has:"open the page""#, #"thought:"open the page""#] {
            #expect(try store.trajectoryIDs(matching: Filter.parse(source)) == ["qa-runner/login-check"], "\(source)")
        }
    }

    /// QA: an ATIF run's `agent.tool_definitions` never reached the exports, which read the stored metadata's
    /// `tools`. They are the metadata's `tools` now, as OpenAI function schemas (a bare definition wrapped);
    /// the agent's own member stays as the record has it.
    @Test func atifToolDefinitionsAreTheRunsTools() throws {
        let stored = try trajectory(try store("atif-tools.trajectory.json"), "openhands-like/tools-session")
        let tools = try #require(stored.trajectory.metadata["tools"]?.arrayValue)
        #expect(tools.map { $0.objectValue?["type"] } == [.string("function"), .string("function")])
        #expect(
            tools.map { $0.objectValue?["function"]?.objectValue?["name"] } == [
                .string("execute_bash"), .string("finish"),
            ])
        #expect(tools[1].objectValue?["function"]?.objectValue?["description"] == .string("End the task."))
        #expect(stored.trajectory.metadata["agent"]?.objectValue?["tool_definitions"]?.arrayValue?.count == 2)
        #expect(stored.trajectory.toolSchemas == .array(tools))
        let bare = try trajectory(try store("atif.trajectory.json"), "qa-runner/login-check")
        #expect(bare.trajectory.metadata["tools"] == nil)
    }

    /// Terminus runs (harbor's Terminus-2 in ATIF, JSON and XML replies) read their replies as thoughts,
    /// keystrokes and completion, the same from the store as parsed afresh, and the filter finds them by
    /// their dialect and their steps' texts.
    @Test func terminusRunsReadTheirRepliesAsThoughtsKeystrokesAndCompletion() throws {
        let store = try store("terminus.trajectory.json", "terminus-xml.trajectory.json")
        let json = try trajectory(store, "terminus-2/terminus-json-fixture")
        #expect(json.parsed.dialect == .terminus)
        #expect(json.parsed == StepParser.parse(json.trajectory))
        let steps = json.parsed.steps
        #expect(steps.map(\.parsedBy) == [.terminus, .terminus, .raw, .terminus, .terminus])
        #expect(steps.map(\.action?.kind) == ["keystrokes", "keystrokes", nil, "task_complete", "task_complete"])
        #expect(
            steps[0].thought
                == "Nothing has run yet; the prompt is at /app — I can't tell if events.log is \"plain\" text or "
                + "gzip’d.\n\n1. List /app.\n2. Peek at the first lines of events.log.")
        #expect(steps[0].action?.argument == "ls -la\nhead -n 3 events.log\n")
        #expect(steps[0].observation?.hasPrefix("root@sandbox:/app# ls -la\ntotal 12\n") == true)
        #expect(steps[2].observation?.hasPrefix("Previous response had parsing errors:\n") == true)
        #expect(steps[4].observationIndex == nil)
        #expect(json.parsed.flags == [.rawFallback])
        let xml = try trajectory(store, "terminus-2/terminus-xml-fixture")
        #expect(xml.parsed == StepParser.parse(xml.trajectory))
        #expect(
            xml.parsed.steps.map(\.action) == [
                StepAction(kind: "keystrokes", argument: "echo hi > greeting.txt\ncat greeting.txt\n"),
                StepAction(kind: "task_complete", argument: ""),
            ])
        #expect(xml.parsed.steps[1].thought == "greeting.txt holds \"hi\".\n\nDone.")
        #expect(xml.parsed.flags.isEmpty)
        let both = ["terminus-2/terminus-json-fixture", "terminus-2/terminus-xml-fixture"]
        for (source, expected) in [
            ("dialect:terminus", both), ("action:task_complete", both), ("action:\"cat greeting.txt\"", [both[1]]),
            ("thought:\"gzip’d\"", [both[0]]), ("observation:\"10:01 ERROR\"", [both[0]]), ("dialect!=terminus", []),
        ] {
            #expect(try store.trajectoryIDs(matching: Filter.parse(source)).sorted() == expected, "\(source)")
        }
    }

    /// QA: `has:` missed a word a Terminus reply writes right after a JSON escape (`\nMissingHeader` is the
    /// index's word `nMissingHeader`); it now also reads a Terminus run's decoded replies, as the index
    /// would, and still finds what the index finds. Other runs are searched as before.
    @Test(arguments: [
        ("has:MissingHeader", true), ("has:TabbedWord", true), (#"has:"ThenRebuild with make""#, true),
        ("has:café", true), ("has:cafe", true), (#"has:"libfoo-dev make""#, true), ("has:NothingLeft", true),
        ("has:QuotedWord", true), ("has:sandbox", true), ("has!=MissingHeader", false), ("has:\"Header in\"", false),
        ("has:nMissingHeader", true), ("has:\"no such words\"", false), ("context:MissingHeader", false),
    ])
    func hasFindsAWordAfterAJSONEscapeInATerminusReply(source: String, found: Bool) throws {
        let store = try store("terminus-escapes.trajectory.json", "terminus.trajectory.json", "miniswe.traj.json")
        let ids = try store.trajectoryIDs(matching: Filter.parse(source))
        #expect(ids.contains("terminus-2/terminus-escapes-fixture") == found, "\(source): \(ids)")
    }

    /// QA: a Terminus reply's durations were not read. Each command's wait is harbor's (1 s when unstated,
    /// 60 s at most) and `trove show` prints them under the keys; a wait alone shows though no key is sent.
    @Test func terminusWaitsAreHarborsAndShown() throws {
        let store = try store("terminus-escapes.trajectory.json")
        let stored = try #require(try store.reportedTrajectory(id: "terminus-2/terminus-escapes-fixture"))
        let shown = TrajectoryReport.text(stored.trajectory, stored.parsed, stored.label, turns: stored.turns)
        #expect(shown.contains("Action [keystrokes]:\n  apt-get install -y libfoo-dev\n  make\n"), "\(shown)")
        #expect(shown.contains("Waits: 60 s (asked 120) + 5 s = 65 s\n"), "\(shown)")
        #expect(shown.contains("Waits: 1 s (default)\n"), "\(shown)")
    }

    @Test func tauBenchEpisodesKeepRewardAndACrashedEpisodeImportsEmpty() throws {
        let store = try store("tau-bench.json")
        let solved = try trajectory(store, "tau-bench/task_4/trial_1")
        #expect(solved.trajectory.environmentReward == 1)
        #expect(solved.parsed.steps.first?.action?.kind == "cancel_pending_order")
        #expect(solved.parsed.steps.first?.observation == #"{"status": "cancelled"}"#)
        let crashed = try trajectory(store, "tau-bench/task_0/trial_0")
        #expect(crashed.trajectory.messages.isEmpty)
        #expect(crashed.trajectory.environmentReward == 0)
        #expect(crashed.trajectory.outcome == .error)
    }

    @Test func fireActFileMakesOneTrajectoryPerQuestionWithItsOwnBytes() throws {
        let store = try store("fireact.json")
        let right = try trajectory(store, "fireact_6238")
        #expect(right.trajectory.environmentReward == 1)
        #expect(right.parsed.dialect == .react)
        #expect(right.parsed.steps.first?.finalAnswer == "Seth MacFarlane")
        let wrong = try trajectory(store, "fireact_17")
        #expect(wrong.trajectory.environmentReward == 0)
        #expect(wrong.trajectory.metadata["f1"] == .number("0.4"))
        #expect(wrong.trajectory.source.line == 2)
        #expect(String(decoding: wrong.trajectory.originalRecord, as: UTF8.self).hasPrefix(#"{"reward": false"#))
    }

    @Test func nebiusRowsUseTargetAsRewardAndMaskAsLoss() throws {
        let stored = try trajectory(try store("nebius.json"), "example__lib-7_3")
        #expect(stored.trajectory.environmentReward == 1)
        #expect(stored.trajectory.outcome == .submitted)
        #expect(stored.trajectory.messages.map(\.loss) == [false, false, true, false, true])
        #expect(stored.parsed.steps.map(\.action?.kind) == ["find_file", "submit"])
    }

    /// The dataset's system turn has `"text": null` and its prompt in `system_prompt`.
    @Test func nebiusSystemTurnWithoutTextReadsItsSystemPrompt() throws {
        let store = try store("nebius-system-prompt.json")
        let null = try trajectory(store, "example__cli-12_4")
        #expect(null.trajectory.messages[0].role == .system)
        #expect(null.trajectory.messages[0].text.hasPrefix("SETTING: You are an autonomous programmer.\n\nCOMMANDS:"))
        #expect(null.trajectory.messages[0].text.hasSuffix("DISCUSSION then one command block."))
        #expect(String(decoding: null.trajectory.originalRecord, as: UTF8.self).contains(#""text": null}"#))
        #expect(null.parsed.steps.map(\.action?.kind) == ["open", "submit"])
        let empty = try trajectory(store, "example__cli-12_5")
        #expect(empty.trajectory.messages[0].text == "SETTING: You are an autonomous programmer.")
        // A system_prompt on another role's message is not its text.
        #expect(empty.trajectory.messages[1].text == "ISSUE: cli.py ignores --quiet")
        #expect(
            try store.trajectoryIDs(matching: Filter.parse("context:autonomous")) == [
                "example__cli-12_4", "example__cli-12_5",
            ])
    }

    @Test func webArenaPagesAreObservationsAndActionsToolCalls() throws {
        let stored = try trajectory(try store("webarena.json"), "webarena/3/998877")
        #expect(stored.parsed.steps.map(\.action?.kind) == ["click", "stop"])
        #expect(stored.parsed.steps[0].thought == "The Bestsellers tab lists it.")
        #expect(stored.parsed.steps[0].observation?.contains("Quest Band") == true)
        #expect(stored.parsed.taskIndex == 0)
        #expect(stored.parsed.steps[1].finalAnswer == "Quest Band")
    }

    /// QA: the start page, before the first action, was a context turn that `has:` does not search. It is
    /// the run's own observation (of no step: the steps' observations follow their actions).
    @Test func webArenaStartPageIsTheRunsOwnObservation() throws {
        let store = try store("webarena.json")
        let stored = try trajectory(store, "webarena/3/998877")
        #expect(stored.parsed.turns == [.task, .observation, .agent, .observation, .agent])
        #expect(stored.parsed.steps.map(\.observationIndex) == [3, nil])
        #expect(try store.trajectoryIDs(matching: Filter.parse("has:1121")) == ["webarena/3/998877"])
        #expect(try store.trajectoryIDs(matching: Filter.parse("context:1121")).isEmpty)
    }

    /// QA: a tool call's name and arguments, and a finishing call's answer, are written out rather than
    /// cut from the turn's text, so the search index never held them and `action:` missed them.
    @Test func stepFiltersFindToolCallsAndFinalAnswersTheTextDoesNotHold() throws {
        let store = try store("webarena.json", "inspect-log.json", "miniswe.traj.json")
        let webArena = ["webarena/3/998877"]
        for (source, expected) in [
            ("action:stop", webArena), ("action:\"element_id\"", ["browser/two_epoch_2"] + webArena),
            ("action:1121", webArena),
            ("action:web_browser_go", ["browser/1_epoch_1"]), ("answer:\"quest band\"", webArena),
            ("answer!=\"quest band\"", ["browser/1_epoch_1", "browser/two_epoch_2", "example__repo-1"]),
            ("action:\"no such call\"", []),
        ] {
            let found = try store.trajectoryIDs(matching: Filter.parse(source)).sorted()
            #expect(found == expected, "\(source): \(found)")
        }
    }

    @Test func outcomeFilterFindsTheRunsCutByATimeLimit() throws {
        let store = try store("inspect-log.json", "sweagent.traj", "miniswe.traj.json")
        #expect(try store.trajectoryIDs(matching: Filter.parse("outcome:timeout")) == ["browser/two_epoch_2"])
        #expect(try store.trajectoryIDs(matching: Filter.parse("outcome:none")) == ["browser/1_epoch_1"])
        #expect(try store.trajectoryIDs(matching: Filter.parse("outcome:submitted")) == ["sweagent"])
        let rows = try store.rows(matching: Filter(nil), sortedBy: ListSort(column: .order), after: nil, limit: 10)
        #expect(rows.map(\.outcome) == [nil, .timeout, .submitted, .stepLimit])
    }
}
