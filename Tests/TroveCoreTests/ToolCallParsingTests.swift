import Testing

@testable import TroveCore

/// Tool calls, SWE-agent command blocks, outcomes and the behaviour flags, on hand-written messages.
@Suite struct ToolCallParsingTests {
    private func call(_ name: String, _ arguments: String = "{}", id: String? = nil) -> ToolCall {
        ToolCall(id: id, name: name, arguments: arguments)
    }

    @Test func aTurnWithSeveralCallsIsOneStepObservingEveryToolAnswer() {
        let messages = [
            Message(originalRole: "user", text: "List both directories."),
            Message(originalRole: "assistant", text: "", toolCalls: [call("ls", id: "a"), call("ls", id: "b")]),
            Message(originalRole: "tool", text: "x", toolCallID: "a"),
            Message(originalRole: "tool", text: "y", toolCallID: "b"),
            Message(originalRole: "assistant", text: "Both listed."),
        ]
        let parsed = StepParser.parse(messages, task: nil, dialect: .toolCalls)
        #expect(parsed.turns == [.task, .agent, .observation, .observation, .agent])
        #expect(parsed.steps.count == 2)
        #expect(parsed.steps[0].observation == "x\n\ny")
        #expect(parsed.steps[0].action == StepAction(kind: "ls", argument: "{}"))
        // An empty text beside a call is not an empty turn, and a closing reply ends the run.
        #expect(parsed.flags.isEmpty)
    }

    /// A tool-calling run that ends on a reply calling nothing, after some call, submitted that reply (an
    /// Inspect agent's completion): its trimmed text is the final answer, not a thought, and a leading
    /// reasoning block stays the thought. A reply followed by anything, or a run that never called a tool,
    /// has no answer so read.
    @Test func aRunsFinalReplyAfterToolUseIsItsAnswer() throws {
        let messages = [
            Message(originalRole: "user", text: "Who runs AI safety work in the UK?"),
            Message(originalRole: "assistant", text: "Search.", toolCalls: [call("web_search", id: "a")]),
            Message(originalRole: "tool", text: "AISI page", toolCallID: "a"),
            Message(originalRole: "assistant", text: "<think>\nIt says so.\n</think>\n\n  Security Institute\n"),
        ]
        let parsed = StepParser.parse(messages, task: nil, dialect: .toolCalls)
        let last = try #require(parsed.steps.last)
        #expect(last.finalAnswer == "Security Institute")
        #expect(last.thought == "It says so.")
        #expect(last.action == nil)
        #expect(last.segments.map(\.text).joined() == messages[3].text)
        #expect(last.segments.contains(Segment(.finalAnswer, "Security Institute")))
        #expect(parsed.flags.isEmpty)

        let answeredByUser = messages + [Message(originalRole: "user", text: "Thanks.")]
        #expect(StepParser.parse(answeredByUser, task: nil, dialect: .toolCalls).steps.last?.finalAnswer == nil)
        let noTools = [messages[0], Message(originalRole: "assistant", text: "Security Institute")]
        let plain = StepParser.parse(noTools, task: nil, dialect: .toolCalls)
        #expect(plain.steps.last?.finalAnswer == nil)
        #expect(plain.steps.last?.thought == "Security Institute")
    }

    /// What the environment shows before the first agent turn (WebArena's start page) is the run's own
    /// observation, of no step; what the user side adds there (workspace context) stays context.
    @Test func theEnvironmentsFirstPageIsAnObservationAndTheUsersContextIsNot() {
        let messages = [
            Message(originalRole: "system", text: "You browse."),
            Message(originalRole: "user", text: "Find the best seller."),
            Message(originalRole: "user", text: "Workspace: the admin panel."),
            Message(originalRole: "observation", text: "[1] RootWebArea 'Dashboard'"),
            Message(originalRole: "assistant", text: "Open it.", toolCalls: [call("click")]),
            Message(originalRole: "observation", text: "[2] cell 'Quest Band'"),
            Message(originalRole: "assistant", text: "Done.", toolCalls: [call("stop", #"{"answer": "Quest Band"}"#)]),
        ]
        let parsed = StepParser.parse(messages, task: nil, dialect: .toolCalls)
        #expect(parsed.turns == [.other, .task, .other, .observation, .agent, .observation, .agent])
        #expect(parsed.steps.map(\.observation) == ["[2] cell 'Quest Band'", nil])
        #expect(TextSharing(of: messages[3].text, turn: parsed.turns[3]) == .shared(context: false))
    }

    @Test func aCallLeftUnansweredBeforeTheLastStepIsFlagged() {
        let messages = [
            Message(originalRole: "user", text: "Fix it."),
            Message(originalRole: "assistant", text: "Run.", toolCalls: [call("bash", #"{"command": "make"}"#)]),
            Message(originalRole: "assistant", text: "Again.", toolCalls: [call("bash", #"{"command": "make -k"}"#)]),
            Message(originalRole: "tool", text: "ok"),
        ]
        let parsed = StepParser.parse(messages, task: nil, dialect: .toolCalls)
        #expect(parsed.flags.contains(.unansweredAction))
        #expect(parsed.flags.contains(.noAnswer))
    }

    /// WebArena's `stop`, Inspect's `submit`, Cline's `attempt_completion`: the answer the finishing call
    /// carries is the step's final answer (written out, since the message's text does not hold it).
    @Test(arguments: [
        ("stop", #"{"action_type": 17, "answer": "Quest Lumaflex™ Band", "element_id": ""}"#, "Quest Lumaflex™ Band"),
        ("submit", #"{"answer": "42"}"#, "42"),
        ("attempt_completion", #"{"result": "Fixed the bug."}"#, "Fixed the bug."),
        ("finish", #"{"answer": "  ", "message": "done"}"#, "done"), ("finish", "{}", nil), ("submit", "not json", nil),
    ])
    func aFinishingCallsAnswerIsTheFinalAnswer(name: String, arguments: String, answer: String?) {
        let messages = [
            Message(originalRole: "user", text: "Which product sold best?"),
            Message(originalRole: "assistant", text: "Let's click.", toolCalls: [call("click", #"{"id": 3}"#)]),
            Message(originalRole: "tool", text: "page"),
            Message(originalRole: "assistant", text: "The table says so.", toolCalls: [call(name, arguments)]),
        ]
        let parsed = StepParser.parse(messages, task: nil, dialect: .toolCalls)
        #expect(parsed.steps.last?.finalAnswer == answer)
        #expect(parsed.steps.last?.action == StepAction(kind: name, argument: arguments))
        #expect(!parsed.flags.contains(.noAnswer))
        let stored = StepCoding.json(parsed.steps, spansIn: messages)
        #expect(answer.map { stored.contains(JSONWriter.string(.string($0))) } ?? true, "\(stored)")
    }

    /// QA: WebArena's `stop [answer]` on the start page was flagged `answer-without-action`. The page is
    /// the environment's own observation, so an answer read off it is not flagged; the same finishing call
    /// with nothing shown first (an OpenHands `finish` before any command) still is.
    @Test(arguments: [true, false])
    func aFinishingCallsAnswerIsFlaggedOnlyWithNothingFromTheEnvironment(startPage: Bool) {
        var messages = [Message(originalRole: "user", text: "What is the top-1 best-selling product in 2022?")]
        if startPage { messages.append(Message(originalRole: "observation", text: "[1] cell 'Quest Band'")) }
        messages.append(
            Message(
                originalRole: "assistant", text: "The dashboard lists it.",
                toolCalls: [call("stop", #"{"answer": "Quest Band"}"#)]))
        let parsed = StepParser.parse(messages, task: nil, dialect: .toolCalls)
        #expect(parsed.steps.map(\.finalAnswer) == ["Quest Band"])
        #expect(parsed.flags.contains(.answerWithoutAction) == !startPage)
        #expect(!parsed.flags.contains(.noAnswer))
    }

    /// An observation that answers a step that did not act (a thought, a malformed call) is not the
    /// environment's state: an answer after it, with no action before, is still flagged.
    @Test func anAnswerAfterOnlyANonActingStepsObservationIsFlagged() {
        let messages = [
            Message(originalRole: "user", text: "Who directed Alien?"),
            Message(originalRole: "assistant", text: "I know this one."),
            Message(originalRole: "tool", text: "Invalid action."),
            Message(originalRole: "assistant", text: "", toolCalls: [call("finish", #"{"answer": "Ridley Scott"}"#)]),
        ]
        let parsed = StepParser.parse(messages, task: nil, dialect: .toolCalls)
        #expect(parsed.steps.last?.finalAnswer == "Ridley Scott")
        #expect(parsed.flags.contains(.answerWithoutAction))
    }

    @Test func commandBlockTakesTheLastFencedBlockAsTheAction() {
        let text = "The log said:\n```\nerror: x\n```\nSo I run the tests.\n```\npython -m pytest -q\n```"
        let messages = [
            Message(originalRole: "user", text: "ISSUE: tests fail"),
            Message(originalRole: "assistant", text: text),
            Message(originalRole: "user", text: "Traceback (most recent call last):"),
        ]
        let parsed = StepParser.parse(messages, task: nil, dialect: .commandBlock)
        let step = parsed.steps[0]
        #expect(step.action == StepAction(kind: "python", argument: "python -m pytest -q"))
        #expect(step.thought == "The log said:\n```\nerror: x\n```\nSo I run the tests.")
        #expect(step.segments.map(\.text).joined() == text)
        #expect(step.parsedBy == .commandBlock)
    }

    @Test func threeErrorsInARowAndThreeIdenticalActionsAreFlagged() {
        var messages = [Message(originalRole: "user", text: "Build it.")]
        for _ in 0..<3 {
            messages.append(Message(originalRole: "assistant", text: "Try.\n```\nmake\n```"))
            messages.append(Message(originalRole: "user", text: "bash: make: command not found"))
        }
        let parsed = StepParser.parse(messages, task: nil, dialect: .commandBlock)
        #expect(parsed.flags.isSuperset(of: [.errorStreak, .repeatedAction]))
        let twice = StepParser.parse(Array(messages.prefix(5)), task: nil, dialect: .commandBlock)
        #expect(twice.flags.isDisjoint(with: [.errorStreak, .repeatedAction]))
    }

    @Test(arguments: [
        ("<returncode>2</returncode>", true), ("<returncode>0</returncode>", false), ("Error: no such file", true),
        ("1054 (42S22): Unknown column", true), ("[('59.555',)]", false), ("all good", false),
    ])
    func errorObservations(text: String, isError: Bool) {
        #expect(StepParser.isErrorObservation(text) == isError)
    }

    @Test(arguments: [
        ("submitted", RunOutcome.submitted), ("Submitted", .submitted), ("submitted (exit_cost)", .costLimit),
        ("exit_context", .contextLimit), ("Timeout", .timeout), ("LimitsExceeded", .stepLimit),
        ("RuntimeError: Agent reached maximum iteration in headless mode", .stepLimit), ("exit_format", .error),
    ])
    func exitStatusesNormalize(status: String, outcome: RunOutcome) {
        #expect(RunOutcome(status: status) == outcome)
    }

    @Test func unknownExitStatusIsNoOutcome() {
        #expect(RunOutcome(status: "early_exit_by_user_request") == nil)
    }

    @Test func chatRecordWithOpenAIToolCallsParsesAsToolCallsAndTakesResolvedAsReward() throws {
        let record =
            #"{"instance_id": "r-1", "resolved": true, "messages": [{"role": "user", "content": "go"}, "#
            + #"{"role": "assistant", "content": null, "tool_calls": [{"id": "c", "type": "function", "#
            + #""function": {"name": "run", "arguments": "{\"x\": 1}"}}]}, {"role": "tool", "tool_call_id": "c", "#
            + #""content": [{"type": "text", "text": "done"}]}]}"#
        let trajectory = try TrajectoryCodec().decode(RawRecord(bytes: Array(record.utf8), line: 1), file: "in.jsonl")
        #expect(trajectory.environmentReward == 1)
        #expect(trajectory.dialect == .toolCalls)
        #expect(trajectory.messages[1].toolCalls == [ToolCall(id: "c", name: "run", arguments: #"{"x": 1}"#)])
        #expect(trajectory.messages[2].text == "done")
        #expect(trajectory.messages[2].toolCallID == "c")
    }

    /// `trove show` writes every call of a turn, as the review screen does, each with readable arguments.
    @Test func theReportShowsEveryCallOfATurn() {
        let trajectory = Trajectory(
            id: "t", task: "browser", source: SourceLocation(file: "f", line: 1),
            format: RecordFormat(listKey: "messages", style: .roleContent),
            messages: [
                Message(originalRole: "user", text: "Open it."),
                Message(
                    originalRole: "assistant", text: "",
                    toolCalls: [
                        ToolCall(id: "a", name: "go", arguments: #"{"url": "https://example.org/"}"#),
                        ToolCall(id: "b", name: "type", arguments: #"{"text": "one\ntwo"}"#),
                    ]),
                Message(originalRole: "tool", text: "page", toolCallID: "a"),
            ], dialect: .toolCalls, originalRecord: [])
        let text = TrajectoryReport.text(trajectory, StepParser.parse(trajectory), .unreviewed)
        #expect(
            text.contains("Action [go]:\n  url: https://example.org/\nAction [type]:\n  text: |-\n    one\n    two\n"),
            "\(text)")
    }

    /// QA: an OpenHands `create` call's `file_text` was one JSON string on the screen, its code unreadable
    /// behind `\n` escapes. Arguments read as `key: value` lines, a multi-line string as a block.
    @Test func toolCallArgumentsAreLaidOutForReading() {
        #expect(
            ToolCall.readable(
                arguments: #"{"command": "create", "path": "/w/g.py", "file_text": "import a\n\nx = 1\n"}"#)
                == "command: create\npath: /w/g.py\nfile_text: |\n  import a\n\n  x = 1")
        #expect(ToolCall.readable(arguments: #"{"keys": "ls -la\nexit"}"#) == "keys: |-\n  ls -la\n  exit")
        #expect(
            ToolCall.readable(arguments: #"{"a": [1, {}, {"b": "x"}], "c": {"d": null}, "e": [], "f": {}}"#)
                == "a:\n  - 1\n  - {}\n  -\n    b: x\nc:\n  d: null\ne: []\nf: {}")
        // A string that bare would read as another value keeps its quotes.
        #expect(
            ToolCall.readable(arguments: #"{"a": "", "b": "42", "c": "true", "d": " x", "e": "k: v", "f": "-v"}"#)
                == #"a: ""\#nb: "42"\#nc: "true"\#nd: " x"\#ne: "k: v"\#nf: "-v""#)
        // Review: CRLF lines lost the block's indent; keys that would misread are quoted.
        #expect(ToolCall.readable(arguments: #"{"f": "x = 1\r\ny = 2\r\n"}"#) == "f: |\n  x = 1\r\n  y = 2\r")
        #expect(ToolCall.readable(arguments: #"{"a: b": "c", "": 1, "k\nq": 2}"#) == #""a: b": c\#n"": 1\#n"k\nq": 2"#)
        #expect(ToolCall.readable(arguments: "{}") == "{}")
        #expect(ToolCall.readable(arguments: #""just text""#) == "just text")
        #expect(ToolCall.readable(arguments: "not json") == "not json")
    }
}
