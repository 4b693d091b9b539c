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
                == #"{"conversations": [], "id": "db_1", "trove": {"id": "db_1", "status": "accepted", "reward": 0.5, "env_reward": 1, "review_reward": 0.5, "tags": ["x"], "note": "n", "masked_turns": [], "corrected_turns": []}}"#
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

    /// A ShareGPT record whose last turn is a `function_call` that a store of an earlier trove holds as a
    /// `tool` message ends on the agent side: it is written.
    @Test func aStoredFunctionCallTurnIsSomethingToTrainOn() throws {
        var run = trajectory
        run.messages = [
            Message(originalRole: "human", text: "list"),
            Message(role: .tool, originalRole: "function_call", text: #"{"name": "ls", "arguments": {}}"#),
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

    /// LLaMA-Factory's ShareGPT with a `function_call` turn, its `tools` as JSON text: decoded, the call is
    /// the agent's, so OpenAI output writes an assistant `tool_calls` message (arguments as JSON text, an
    /// id made up), the observation a `tool` message answering it, and the tools in OpenAI's wrapper; a
    /// run that ends on its call is written; and ShareGPT output read back keeps the calls.
    @Test func shareGPTFunctionCallTurnsAreTheAgentsCalls() throws {
        let record = #"""
            {"id":"lf1","conversations":[{"from":"human","value":"Create hello.txt"},{"from":"function_call","value":"{\"name\": \"bash\", \"arguments\": {\"cmd\": \"echo hi > hello.txt\"}}"},{"from":"observation","value":"ok"},{"from":"gpt","value":"Done."}],"tools":"[{\"name\": \"bash\", \"parameters\": {\"type\": \"object\", \"properties\": {}}}]"}
            """#
        let run = try TrajectoryCodec().decode(RawRecord(bytes: Array(record.utf8), line: 1), file: "lf.jsonl")
        #expect(run.messages[1].role == .agent && run.messages[1].text.isEmpty)
        #expect(
            run.messages[1].toolCalls == [
                ToolCall(id: nil, name: "bash", arguments: #"{"cmd": "echo hi > hello.txt"}"#)
            ])
        let openAI = try #require(ExportRecordWriter(format: .openai).line(for: run, label: nil))
        #expect(
            String(decoding: openAI, as: UTF8.self)
                == #"{"messages": [{"role": "user", "content": "Create hello.txt"}, {"role": "assistant", "content": "", "tool_calls": [{"id": "call_1_0", "type": "function", "function": {"name": "bash", "arguments": "{\"cmd\": \"echo hi > hello.txt\"}"}}]}, {"role": "tool", "tool_call_id": "call_1_0", "content": "ok"}, {"role": "assistant", "content": "Done."}], "tools": [{"type": "function", "function": {"name": "bash", "parameters": {"type": "object", "properties": {}}}}]}"#
        )
        var endsOnCall = run
        endsOnCall.messages = Array(run.messages.prefix(2))
        #expect(!ExportRecordWriter(format: .openai).trainsNothing(endsOnCall))

        let shareGPT = try #require(ExportRecordWriter(format: .sharegpt).line(for: run, label: nil))
        #expect(
            String(decoding: shareGPT, as: UTF8.self).hasSuffix(
                #""tools": "[{\"name\": \"bash\", \"parameters\": {\"type\": \"object\", \"properties\": {}}}]"}"#))
        let again = try TrajectoryCodec().decode(RawRecord(bytes: shareGPT, line: 1), file: "again.jsonl")
        #expect(ExportRecordWriter(format: .openai).line(for: again, label: nil) == openAI)
        #expect(again.dialect == .toolCalls)
    }

    /// Legacy OpenAI function calling: the assistant's `function_call` is its one call, the `function`
    /// message the result, `developer` the system prompt, `functions` the tools (wrapped), and
    /// `parallel_tool_calls` is kept.
    @Test func legacyOpenAIFunctionCallingIsWrittenAsToolCalls() throws {
        let record = #"""
            {"messages":[{"role":"developer","content":"Be brief."},{"role":"user","content":"Weather?"},{"role":"assistant","content":null,"function_call":{"name":"weather","arguments":"{\"city\":\"Oslo\"}"}},{"role":"function","name":"weather","content":"rain"},{"role":"assistant","content":"Rain."}],"functions":[{"name":"weather","parameters":{}}],"parallel_tool_calls":false}
            """#
        let run = try TrajectoryCodec().decode(RawRecord(bytes: Array(record.utf8), line: 1), file: "f.jsonl")
        #expect(run.messages.map(\.role) == [.system, .instruction, .agent, .tool, .agent])
        let line = String(
            decoding: try #require(ExportRecordWriter(format: .openai).line(for: run, label: nil)), as: UTF8.self)
        #expect(
            line
                == #"{"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Weather?"}, {"role": "assistant", "content": "", "tool_calls": [{"id": "call_2_0", "type": "function", "function": {"name": "weather", "arguments": "{\"city\":\"Oslo\"}"}}]}, {"role": "tool", "tool_call_id": "call_2_0", "content": "rain"}, {"role": "assistant", "content": "Rain."}], "tools": [{"type": "function", "function": {"name": "weather", "parameters": {}}}], "parallel_tool_calls": false}"#
        )
        #expect(ExportRecordWriter(format: .openai).emptyTrainedTurns(of: run) == 0)
    }

    /// A ShareGPT record's top-level `system` (LLaMA-Factory's system column) is its system prompt.
    @Test func theSystemColumnIsTheSystemPrompt() throws {
        let record =
            #"{"id":"g7","system":"TOPSYS","conversations":[{"from":"human","value":"hi"},{"from":"gpt","value":"yo"}]}"#
        let run = try TrajectoryCodec().decode(RawRecord(bytes: Array(record.utf8), line: 1), file: "g.jsonl")
        let line = String(
            decoding: try #require(ExportRecordWriter(format: .openai).line(for: run, label: nil)), as: UTF8.self)
        #expect(line.hasPrefix(#"{"messages": [{"role": "system", "content": "TOPSYS"}, {"role": "user""#))
        #expect(run.metadata["system"] == nil)
    }

    /// `--system` goes first, as a `system` turn or message, in both converted formats, when a run has none.
    @Test func theSystemPromptIsWrittenInShareGPTToo() throws {
        let shareGPT = try Self.tags(
            ExportRecordWriter(format: .sharegpt, systemPrompt: "MY SYSTEM").line(for: trajectory, label: nil))
        #expect(shareGPT.first == "system")
        let line = String(
            decoding: try #require(
                ExportRecordWriter(format: .sharegpt, systemPrompt: "MY SYSTEM").line(for: trajectory, label: nil)),
            as: UTF8.self)
        #expect(line.contains(#"{"from": "system", "value": "MY SYSTEM"}"#))
        var withSystem = trajectory
        withSystem.messages.insert(Message(originalRole: "system", text: "OWN"), at: 0)
        let own = String(
            decoding: try #require(
                ExportRecordWriter(format: .sharegpt, systemPrompt: "MY SYSTEM").line(for: withSystem, label: nil)),
            as: UTF8.self)
        #expect(!own.contains("MY SYSTEM") && own.contains("OWN"))
    }

    /// `--with-labels` in `agentinstruct`: a list-shaped record is wrapped, not written into its last event;
    /// a record's own `trove` member is replaced, not repeated; the id is always in the review.
    @Test func theReviewGoesAtTheTopLevelOnly() throws {
        let writer = ExportRecordWriter(format: .agentinstruct, withLabels: true)
        let label = ReviewLabel(status: .accepted)
        var run = trajectory
        run.id = "oh/1"
        run.originalRecord = Array(#"[{"id":1,"observation":"x"},{"id":2,"action":"finish"}]"#.utf8)
        let wrapped = try #require(writer.line(for: run, label: label))
        let value = try JSONParser.parse(wrapped)
        #expect(value.objectValue?.members.map(\.key) == ["id", "record", "trove"])
        #expect(value.objectValue?["record"]?.arrayValue?.count == 2)
        #expect(value.objectValue?["trove"]?.objectValue?["id"] == .string("oh/1"))

        run.originalRecord = Array(#"{"conversations":[],"trove":{"old":true},"x":1}"#.utf8)
        let replaced = String(decoding: try #require(writer.line(for: run, label: label)), as: UTF8.self)
        #expect(replaced.hasPrefix(#"{"conversations":[],"trove":{"id": "oh/1", "status": "accepted""#))
        #expect(replaced.hasSuffix(#""corrected_turns": []},"x":1}"#))
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
