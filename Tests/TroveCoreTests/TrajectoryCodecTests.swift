import Testing

@testable import TroveCore

@Suite struct TrajectoryCodecTests {
    private func decode(_ json: String, line: Int = 7, options: TrajectoryCodec.Options = .init()) throws -> Trajectory
    {
        try TrajectoryCodec(options: options).decode(RawRecord(bytes: Array(json.utf8), line: line), file: "in.jsonl")
    }

    /// NUL is replaced wherever it stands, in short (inline) strings and long ones, and a text without it
    /// comes back unchanged.
    @Test func replacesNULInTextsOfEveryLength() {
        let long = String(repeating: "é-", count: 300)
        #expect(TrajectoryCodec.withoutNUL("") == "")
        #expect(TrajectoryCodec.withoutNUL("\u{0}") == "\u{FFFD}")
        #expect(TrajectoryCodec.withoutNUL("a\u{0}b") == "a\u{FFFD}b")
        #expect(TrajectoryCodec.withoutNUL(long) == long)
        #expect(TrajectoryCodec.withoutNUL(long + "\u{0}") == long + "\u{FFFD}")
        #expect(TrajectoryCodec.withoutNUL("\u{0}" + long + "\u{0}😀") == "\u{FFFD}" + long + "\u{FFFD}😀")
    }

    @Test func decodesAgentInstructFromValueWithTriStateLoss() throws {
        let trajectory = try decode(
            #"{"conversations": [{"from": "human", "loss": null, "value": "Q"}, {"from": "gpt", "loss": false, "value": "Ok."}, {"from": "gpt", "value": "A"}, {"from": "gpt", "loss": true, "value": "B"}], "id": "db_17"}"#
        )
        #expect(trajectory.id == "db_17")
        #expect(trajectory.task == "db")
        #expect(trajectory.format.description == "conversations/from-value")
        #expect(trajectory.messages.map(\.loss) == [nil, false, nil, true])
        #expect(trajectory.messages.map(\.role) == [.instruction, .agent, .agent, .agent])
        #expect(trajectory.environmentReward == nil)
        #expect(trajectory.metadata.members.isEmpty)
    }

    @Test func decodesOpenAIMessagesWithWeightsAndParts() throws {
        let trajectory = try decode(
            #"{"messages": [{"role": "system", "content": "S"}, {"role": "user", "content": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}]}, {"role": "assistant", "content": "x", "weight": 0}, {"role": "assistant", "content": null, "weight": 1}]}"#
        )
        #expect(trajectory.id == "in.jsonl:7")
        #expect(trajectory.task == "unknown")
        #expect(trajectory.messages.map(\.text) == ["S", "ab", "x", ""])
        #expect(trajectory.messages.map(\.loss) == [nil, nil, false, true])
        #expect(trajectory.format == RecordFormat(listKey: "messages", style: .roleContent))
    }

    @Test func readsRewardsAndIdsFromTheKeysEachDatasetUses() throws {
        let eto = try decode(
            #"{"id": "webshop_3", "conversations": [{"from": "human", "value": "x"}], "reward": 0.75, "source": "human"}"#
        )
        #expect(eto.environmentReward == 0.75)
        #expect(eto.metadata.keys == ["reward", "source"])
        let agentGym = try decode(
            #"{"item_id": "alfworld_9", "conversations": [{"from": "human", "value": "x"}], "success": true}"#)
        #expect(agentGym.id == "alfworld_9")
        #expect(agentGym.task == "alfworld")
        #expect(agentGym.environmentReward == 1)
        let swe = try decode(#"{"instance_id": 42, "messages": [{"role": "user", "content": "x"}], "score": 0}"#)
        #expect(swe.id == "42")
        #expect(swe.environmentReward == 0)
    }

    @Test func keepsDuplicatesThatChangeNoMeaningInTheOriginalBytes() throws {
        let json =
            #"{"id": "a_1", "id": "a_1", "conversations": [{"from": "human", "value": "x", "value": "x"}], "source": 1, "source": 2}"#
        let trajectory = try decode(json)
        #expect(trajectory.id == "a_1")
        #expect(trajectory.messages.map(\.text) == ["x"])
        #expect(trajectory.metadata.keys == ["source", "source"])
        #expect(trajectory.originalRecord == Array(json.utf8))
    }

    @Test func rewardFallsBackToTheSidecarThenTheDefault() throws {
        let options = TrajectoryCodec.Options(task: "os", rewards: ["a_1": 0.5], defaultReward: 1)
        let record = #"{"id": "a_1", "conversations": [{"from": "human", "value": "x"}]}"#
        #expect(try decode(record, options: options).environmentReward == 0.5)
        #expect(try decode(record, options: options).task == "os")
        let other = #"{"id": "a_2", "conversations": [{"from": "human", "value": "x"}]}"#
        #expect(try decode(other, options: options).environmentReward == 1)
    }

    @Test(arguments: [
        ("web_shop_12", "web_shop"), ("os_12", "os"), ("mind2web_96", "mind2web"), ("identity_0", "identity"),
        ("i6IyJda_0", "unknown"), ("db_tri_3", "db"), ("plain", "unknown"),
    ])
    func derivesTheTaskFromTheIdPrefix(id: String, task: String) {
        #expect(TrajectoryCodec.task(fromID: id) == task)
    }

    @Test(arguments: [
        (#"[1]"#, "in.jsonl:7: expected a trajectory object, found an array"),
        (#"{"id": "x"}"#, #"in.jsonl:7: no message list: expected one of "conversations", "messages", "conversation""#),
        (#"{"conversations": null}"#, #"in.jsonl:7: "conversations" is null, expected an array of messages"#),
        (#"{"conversations": []}"#, #"in.jsonl:7: "conversations" is empty"#),
        (
            #"{"conversations": [{"from": "human", "value": 3}]}"#,
            #"in.jsonl:7: conversations[0]: "value" is a number, expected a string"#
        ),
        (
            #"{"conversations": [{"from": "human", "value": "x", "loss": "yes"}]}"#,
            #"in.jsonl:7: conversations[0]: "loss" is a string, expected true, false or null"#
        ),
        (
            #"{"conversations": [{"x": 1}]}"#,
            #"in.jsonl:7: conversations[0] has neither "from"/"value" nor "role"/"content""#
        ),
        (
            #"{"conversations": [{"from": "human", "value": "x"}], "reward": 5}"#,
            #"in.jsonl:7: "reward" is 5.0, outside 0...1"#
        ),
        (
            #"{"conversations": [{"from": "human", "value": "x"}], "id": ["a"]}"#,
            #"in.jsonl:7: "id" is an array, expected a string or a number"#
        ),
        (
            #"{"conversations": [{"from": "human", "value": "x"}], "id": ""}"#,
            #"in.jsonl:7: "id" is empty, expected a non-empty string or a number"#
        ),
        (#"{"conversations": [}"#, "in.jsonl:7: invalid JSON at byte 20: unexpected '}', expected a value"),
        // Issue 18 item 3: trove read the first of duplicates, Python's json and trainers the last.
        (
            #"{"id": "a", "conversations": [{"from": "human", "value": "x"}], "id": "b"}"#,
            #"in.jsonl:7: duplicate key "id""#
        ),
        (
            #"{"conversations": [{"from": "human", "value": "x"}], "conversations": [{"from": "human", "value": "y"}]}"#,
            #"in.jsonl:7: duplicate key "conversations""#
        ),
        (
            #"{"conversations": [{"from": "human", "value": "x"}], "reward": 0, "reward": 1}"#,
            #"in.jsonl:7: duplicate key "reward""#
        ),
        (
            #"{"conversations": [{"from": "human", "value": "x"}, {"from": "gpt", "from": "human", "value": "y"}]}"#,
            #"in.jsonl:7: conversations[1]: duplicate key "from""#
        ),
        (
            #"{"conversations": [{"from": "human", "value": "x"}], "model": "a", "model": "b"}"#,
            #"in.jsonl:7: duplicate key "model""#
        ),
        (
            #"{"conversations": [{"from": "gpt", "value": "x", "loss": true, "loss": false}]}"#,
            #"in.jsonl:7: conversations[0]: duplicate key "loss""#
        ),
        (
            #"{"messages": [{"role": "user", "content": "a", "role": "assistant"}]}"#,
            #"in.jsonl:7: messages[0]: duplicate key "role""#
        ),
        (
            #"{"messages": [{"role": "user", "content": "a", "weight": 0, "content": "b"}]}"#,
            #"in.jsonl:7: messages[0]: duplicate key "content""#
        ),
        (
            #"{"messages": [{"role": "user", "content": [{"type": "text", "text": "a", "text": "b"}]}]}"#,
            #"in.jsonl:7: messages[0]: duplicate key "text" in a content part"#
        ),
    ])
    func rejectsMalformedRecordsNamingFileAndLine(json: String, message: String) {
        #expect {
            try decode(json)
        } throws: { error in
            (error as? RecordRejection)?.description == message
        }
    }

    /// A ShareGPT `function_call` turn is the agent's: its thought (LLaMA-Factory's thought words) the
    /// text, its calls (one object or a list) the message's calls; a value that is no call stays the text.
    @Test func readsFunctionCallTurnsAsTheAgentsCalls() throws {
        let run = try decode(
            #"""
            {"conversations": [{"from": "human", "value": "go"},
             {"from": "function_call", "value": "<think>\nI list.\n</think>\n\n[{\"name\": \"ls\", \"arguments\": {}}, {\"name\": \"pwd\", \"arguments\": \"x\"}]"},
             {"from": "observation", "value": "a"}, {"from": "function_call", "value": "not a call"}]}
            """#)
        #expect(run.messages.map(\.role) == [.instruction, .agent, .environment, .agent])
        #expect(run.messages[1].text == "I list.")
        #expect(
            run.messages[1].toolCalls == [
                ToolCall(id: nil, name: "ls", arguments: "{}"), ToolCall(id: nil, name: "pwd", arguments: "x"),
            ])
        #expect(run.messages[3].text == "not a call" && run.messages[3].toolCalls.isEmpty)
        #expect(run.dialect == .toolCalls)
    }
}
