import Testing

@testable import TroveCore

@Suite struct ExportRecordWriterTests {
    private let trajectory = Trajectory(
        id: "db_1", task: "db", source: SourceLocation(file: "f", line: 1),
        format: RecordFormat(listKey: "conversations", style: .fromValue),
        messages: [
            Message(originalRole: "human", text: "prompt"), Message(originalRole: "gpt", text: "Ok.", loss: false),
            Message(originalRole: "human", text: "question\t\u{1B}[K"),
            Message(originalRole: "gpt", text: "answer", loss: true),
            Message(originalRole: "gpt", text: "no flag"),
        ], environmentReward: 1,
        originalRecord: Array(#"{"conversations": [], "id": "db_1"}"#.utf8))

    private func line(_ writer: ExportRecordWriter, label: ReviewLabel? = nil) -> String {
        String(decoding: writer.line(for: trajectory, label: label) ?? [], as: UTF8.self)
    }

    @Test func agentInstructWritesTheOriginalBytesAndCanCarryTheReview() {
        #expect(line(ExportRecordWriter(format: .agentinstruct)) == #"{"conversations": [], "id": "db_1"}"#)
        let labeled = line(
            ExportRecordWriter(format: .agentinstruct, withLabels: true),
            label: ReviewLabel(status: .accepted, reward: 0.5, tags: ["x"], note: "n"))
        #expect(
            labeled
                == #"{"conversations": [], "id": "db_1", "trove": {"status": "accepted", "reward": 0.5, "env_reward": 1, "review_reward": 0.5, "tags": ["x"], "note": "n", "masked_turns": [], "corrected_turns": []}}"#
        )
    }

    @Test func prettyPrintedRecordsAreCompactedOntoOneLineWithStringsUntouched() {
        let pretty = Array("{\n  \"a\": \"x  y\\n\",\n  \"b\": [1, 2]\n}".utf8)
        #expect(
            String(decoding: JSONCompactor.compactIfMultiline(pretty), as: UTF8.self) == #"{"a":"x  y\n","b":[1,2]}"#)
    }

    /// A run that ends on an observation (FireAct's `Episode finished, reward = True`) is written up to its
    /// last agent turn in both converted formats.
    @Test func convertedFormatsEndOnTheLastAgentTurn() {
        let run = Trajectory(
            id: "r", task: "t", source: SourceLocation(file: "f", line: 1),
            format: RecordFormat(listKey: "conversations", style: .fromValue),
            messages: [
                Message(originalRole: "human", text: "task"), Message(originalRole: "gpt", text: "Action: go"),
                Message(originalRole: "human", text: "Observation: Episode finished, reward = True"),
            ], originalRecord: Array("{}".utf8))
        let shareGPT = String(
            decoding: ExportRecordWriter(format: .sharegpt).line(for: run, label: nil) ?? [], as: UTF8.self)
        #expect(!shareGPT.contains("Episode finished") && shareGPT.contains("Action: go"))
        let openAI = String(
            decoding: ExportRecordWriter(format: .openai).line(for: run, label: nil) ?? [], as: UTF8.self)
        #expect(
            !openAI.contains("Episode finished")
                && openAI.hasSuffix(#""role": "assistant", "content": "Action: go"}]}"#))
        let agentInstruct = ExportRecordWriter(format: .agentinstruct).line(for: run, label: nil)
        #expect(agentInstruct == Array("{}".utf8))
    }

    /// A record with nothing to train on (no messages, a question with no reply, a handshake with no task
    /// done) has no line in the converted formats: writing it would give LLaMA-Factory an empty or
    /// odd conversation it skips, and TRL nothing or a handshake to train on. `agentinstruct` writes it as
    /// imported. (Cutting a handshake's record back to its handshake would drop its task, so it is not cut.)
    @Test(arguments: [
        [Message](),
        [Message(originalRole: "human", text: "only a question")],
        [Message(originalRole: "system", text: "s"), Message(originalRole: "user", text: "q")],
        [Message(originalRole: "assistant", text: "Hi!"), Message(originalRole: "user", text: "bye")],
        [
            Message(originalRole: "human", text: "You are an assistant that will act like a person."),
            Message(originalRole: "gpt", text: "OK"),
            Message(originalRole: "human", text: "Now, I will start a new problem. My problem is: count files."),
        ],
    ])
    func aRecordWithNothingToTrainOnHasNoConvertedLine(messages: [Message]) {
        var run = trajectory
        run.messages = messages
        for format in [ExportFormat.sharegpt, .openai] {
            let writer = ExportRecordWriter(format: format)
            #expect(writer.trainsNothing(run))
            #expect(writer.line(for: run, label: nil) == nil)
            #expect(writer.thoughtsLeftOut(of: run) == 0)
        }
        #expect(!ExportRecordWriter(format: .agentinstruct).trainsNothing(run))
        #expect(ExportRecordWriter(format: .agentinstruct).line(for: run, label: nil) == run.originalRecord)
    }

    /// An imported ShareGPT record whose last turn is a `function_call` (its role normalizes to `tool`)
    /// ends on the agent side: it is written.
    @Test func anImportedFunctionCallTurnIsSomethingToTrainOn() throws {
        var run = trajectory
        run.messages = [
            Message(originalRole: "human", text: "list"),
            Message(originalRole: "function_call", text: #"{"name": "ls", "arguments": {}}"#),
        ]
        let writer = ExportRecordWriter(format: .sharegpt)
        #expect(!writer.trainsNothing(run))
        #expect(try Self.tags(writer.line(for: run, label: nil)) == ["human", "function_call"])
    }

    /// An ATIF run's `agent.tool_definitions` are its tools, written as the record's `tools` would be.
    @Test func anATIFRunsToolDefinitionsAreExportedAsItsTools() throws {
        let definitions = JSONValue.array([.object(["type": "function", "function": .object(["name": "bash"])])])
        let run = Trajectory(
            id: "a", task: "atif", source: SourceLocation(file: "f", line: 1),
            format: RecordFormat(listKey: "steps", style: .fromValue),
            messages: [Message(originalRole: "user", text: "go"), Message(originalRole: "agent", text: "ok")],
            metadata: JSONObject([.init(key: "agent", value: .object(["name": "x", "tool_definitions": definitions]))]),
            originalRecord: Array("{}".utf8))
        #expect(run.toolSchemas == definitions)
        let openAI = try JSONParser.parse(ExportRecordWriter(format: .openai).line(for: run, label: nil) ?? [])
            .objectValue
        #expect(openAI?["tools"] == definitions)
        let shareGPT = try JSONParser.parse(ExportRecordWriter(format: .sharegpt).line(for: run, label: nil) ?? [])
            .objectValue
        #expect(shareGPT?["tools"] == .string(JSONWriter.string(definitions)))
    }

    /// `loss` as imported; the last two agent turns are one (LLaMA-Factory needs the turns to alternate),
    /// trained since both are (`true`, and absent on the agent side).
    @Test func shareGPTKeepsLossAsImported() {
        #expect(
            line(ExportRecordWriter(format: .sharegpt))
                == #"{"id": "db_1", "conversations": [{"from": "human", "value": "prompt"}, {"from": "gpt", "value": "Ok.", "loss": false}, {"from": "human", "value": "question\t\u001b[K"}, {"from": "gpt", "value": "answer\n\nno flag", "loss": true}]}"#
        )
    }

    @Test func openAIWeighsOutAssistantTurnsWhoseLossIsFalseAndAddsTheSystemPrompt() {
        #expect(
            line(ExportRecordWriter(format: .openai, systemPrompt: "Be helpful."))
                == #"{"messages": [{"role": "system", "content": "Be helpful."}, {"role": "user", "content": "prompt"}, {"role": "assistant", "content": "Ok.", "weight": 0}, {"role": "user", "content": "question\t\u001b[K"}, {"role": "assistant", "content": "answer"}, {"role": "assistant", "content": "no flag"}]}"#
        )
    }

    /// An OpenAI record whose assistant turn says `text` and calls `calls` (`ls` with no arguments when not given).
    private func toolCalling(_ text: String, calls: [ToolCall] = [ToolCall(id: "c1", name: "ls", arguments: "{}")])
        -> Trajectory
    {
        var record = trajectory
        record.messages = [
            Message(originalRole: "user", text: "list"),
            Message(originalRole: "assistant", text: text, toolCalls: calls),
            Message(originalRole: "tool", text: "a b", toolCallID: "c1"),
            Message(originalRole: "assistant", text: "Done."),
        ]
        return record
    }

    private func shareGPTLine(_ record: Trajectory) -> String {
        String(decoding: ExportRecordWriter(format: .sharegpt).line(for: record, label: nil) ?? [], as: UTF8.self)
    }

    /// The `from` of each turn of a ShareGPT line.
    static func tags(_ line: [UInt8]?) throws -> [String] {
        let object = try JSONParser.parse(try #require(line)).objectValue
        return try #require(object?["conversations"]?.arrayValue).compactMap { $0.objectValue?["from"]?.stringValue }
    }

    @Test func shareGPTPutsTheAgentsTextBeforeItsCallsAsLLaMAFactoryReadsAThought() {
        #expect(
            shareGPTLine(toolCalling("I will list."))
                == #"{"id": "db_1", "conversations": [{"from": "human", "value": "list"}, {"from": "function_call", "value": "<think>\nI will list.\n</think>\n\n{\"name\": \"ls\", \"arguments\": {}}"}, {"from": "observation", "value": "a b"}, {"from": "gpt", "value": "Done."}]}"#
        )
    }

    @Test(arguments: ["", " \n\t "]) func shareGPTWritesOnlyTheCallsWhenTheTextIsBlank(text: String) {
        #expect(
            shareGPTLine(toolCalling(text)).contains(
                #"{"from": "function_call", "value": "{\"name\": \"ls\", \"arguments\": {}}"}"#))
    }

    @Test func shareGPTCountsTheTurnsWrittenWithoutTheirTextAndOtherFormatsNone() {
        let record = toolCalling("<think>\nI reason.\n</think>\n\nThen I list.")
        #expect(
            shareGPTLine(record).contains(
                #"{"from": "function_call", "value": "<think>\nI reason.\n</think>\n\n{\"name\": \"ls\", \"arguments\": {}}"}"#
            ))
        #expect(ExportRecordWriter(format: .sharegpt).thoughtsLeftOut(of: record) == 1)
        #expect(ExportRecordWriter(format: .sharegpt).thoughtsLeftOut(of: toolCalling("I will list.")) == 0)
        #expect(ExportRecordWriter(format: .openai).thoughtsLeftOut(of: record) == 0)
        let corrected = TurnLabel(turn: 1, train: nil, text: "I will list.")
        #expect(ExportRecordWriter(format: .sharegpt).thoughtsLeftOut(of: record, turns: [corrected]) == 0)
    }

    @Test func shareGPTKeepsTheTextBeforeSeveralCallsAndItsLoss() {
        var record = toolCalling(
            "Two at once.",
            calls: [
                ToolCall(id: nil, name: "ls", arguments: #"{"path": "/"}"#),
                ToolCall(id: nil, name: "pwd", arguments: "not json"),
            ])
        record.messages[1].loss = false
        #expect(
            shareGPTLine(record).contains(
                #"{"from": "function_call", "value": "<think>\nTwo at once.\n</think>\n\n[{\"name\": \"ls\", \"arguments\": {\"path\": \"/\"}}, {\"name\": \"pwd\", \"arguments\": \"not json\"}]", "loss": false}"#
            ))
    }

    /// A tool message no call asked for is the user side, as in the OpenAI layout (QA: Terminus's
    /// terminal output was an `observation` in ShareGPT and a `user` message in OpenAI).
    @Test func rolesFromOtherFormatsMapOntoShareGPTNames() {
        var openAI = trajectory
        openAI.messages = [
            Message(originalRole: "system", text: "s"), Message(originalRole: "user", text: "u"),
            Message(originalRole: "assistant", text: "a"), Message(originalRole: "tool", text: "t"),
            Message(originalRole: "assistant", text: "b"),
        ]
        let text = String(
            decoding: ExportRecordWriter(format: .sharegpt).line(for: openAI, label: nil) ?? [], as: UTF8.self)
        #expect(
            text.contains(
                #"{"from": "system", "value": "s"}, {"from": "human", "value": "u"}, {"from": "gpt", "value": "a"}, {"from": "human", "value": "t"}"#
            ))
    }
}

@Suite struct ExportPolicyTests {
    @Test(arguments: [
        (LabelStatus.accepted, Double?.none, "db", ExportOutcome.kept),
        (.pending, 1, "db", .notAccepted), (.rejected, 1, "db", .rejected),
    ])
    func acceptedKeepsOnlyAccepted(status: LabelStatus, reward: Double?, task: String, outcome: ExportOutcome) {
        #expect(ExportPolicy.accepted.outcome(status: status, effectiveReward: reward, task: task) == outcome)
    }

    @Test(arguments: [
        (LabelStatus.pending, Double?.some(1), "db", ExportOutcome.kept), (.pending, 0.99, "db", .belowThreshold),
        (.accepted, nil, "os", .noReward), (.rejected, 1, "os", .rejected), (.pending, 0.6667, "mind2web", .kept),
        (.pending, 2.0 / 3.0, "mind2web", .kept), (.pending, 0.66, "mind2web", .belowThreshold),
    ])
    func agentTuningUsesPerTaskThresholdsAndTreatsNoRewardAsUnknown(
        status: LabelStatus, reward: Double?, task: String, outcome: ExportOutcome
    ) {
        #expect(
            ExportPolicy.agentTuning(.agentTuning).outcome(status: status, effectiveReward: reward, task: task)
                == outcome)
    }

    @Test func thresholdsCanBeOverridden() throws {
        let thresholds = try RewardThresholds.agentTuning.overriding("mind2web=0.5, db=2/3,*=0.9")
        #expect(thresholds.threshold(for: "mind2web") == 0.5)
        #expect(thresholds.threshold(for: "db") == 2.0 / 3.0)
        #expect(thresholds.threshold(for: "os") == 0.9)
        #expect(throws: RewardThresholdsError.self) { try RewardThresholds.agentTuning.overriding("db=2") }
        #expect(throws: RewardThresholdsError.self) { try RewardThresholds.agentTuning.overriding("db") }
    }
}
