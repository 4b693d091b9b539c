import Testing
import TroveTestSupport

@testable import TroveCore

/// ShareGPT output alternates as LLaMA-Factory requires (QA: 6 of 717 real records were skipped by it).
@Suite struct ShareGPTConversationTests {
    private func run(_ messages: [Message]) -> Trajectory {
        Trajectory(
            id: "r", task: "t", source: SourceLocation(file: "f", line: 1),
            format: RecordFormat(listKey: "messages", style: .roleContent), messages: messages,
            originalRecord: Array("{}".utf8))
    }

    /// The conversation written for `messages`, as `(from, value, loss)`; fails when LLaMA-Factory would skip it.
    private func turns(_ messages: [Message], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws
        -> [(from: String, value: String, loss: Bool?)]
    {
        let line = try #require(ExportRecordWriter(format: .sharegpt).line(for: run(messages), label: nil))
        #expect(LLaMAFactoryShareGPT.problem(in: line) == nil, sourceLocation: sourceLocation)
        let object = try JSONParser.parse(line).objectValue
        return try #require(object?["conversations"]?.arrayValue).map { turn in
            let fields = turn.objectValue
            var loss: Bool?
            if case .bool(let value)? = fields?["loss"] { loss = value }
            return (fields?["from"]?.stringValue ?? "", fields?["value"]?.stringValue ?? "", loss)
        }
    }

    private func call(_ name: String, id: String? = nil) -> [ToolCall] {
        [ToolCall(id: id, name: name, arguments: "{}")]
    }

    /// WebArena (ADP raw): the task, then the start page, then actions each answered by a page. The page
    /// answers no call: it joins the task as the user's, as OpenAI output writes it (a `user` message).
    @Test func aWebArenaStartPageJoinsTheTaskOnTheUserSide() throws {
        let messages = [
            Message(originalRole: "user", text: "Find the top product"),
            Message(originalRole: "observation", text: "[1] RootWebArea 'Dashboard'"),
            Message(originalRole: "assistant", text: "Open the tab.", toolCalls: call("click")),
            Message(originalRole: "observation", text: "[1200] cell 'Quest Band'"),
            Message(originalRole: "assistant", text: "It is Quest Band.", toolCalls: call("stop")),
        ]
        let written = try turns(messages)
        #expect(written.map(\.from) == ["human", "function_call", "observation", "function_call"])
        #expect(written[0].value == "Find the top product\n\n[1] RootWebArea 'Dashboard'")
        #expect(written[2].value == "[1200] cell 'Quest Band'")
        let openAI = try JSONParser.parse(
            try #require(ExportRecordWriter(format: .openai).line(for: run(messages), label: nil)))
        let roles = openAI.objectValue?["messages"]?.arrayValue?.map { $0.objectValue?["role"]?.stringValue }
        #expect(roles == ["user", "user", "assistant", "tool", "assistant"])
    }

    /// An OpenHands run in ATIF: system steps after the task (`Retrieving content for:`, `Added workspace
    /// context`) are user-side text under a `[system]` line, joined with the task.
    @Test func systemTurnsAfterTheFirstAreMarkedUserSideText() throws {
        let written = try turns([
            Message(originalRole: "system", text: "You are OpenHands agent."),
            Message(originalRole: "user", text: "Create hello.txt."),
            Message(originalRole: "system", text: "Retrieving content for: Create hello.txt."),
            Message(originalRole: "system", text: "Added workspace context"),
            Message(originalRole: "agent", text: "I create it.", toolCalls: call("str_replace_editor", id: "c1")),
            Message(originalRole: "tool", text: "File created", toolCallID: "c1"),
            Message(originalRole: "agent", text: "Done.", toolCalls: call("finish", id: "c2")),
        ])
        #expect(written.map(\.from) == ["system", "human", "function_call", "observation", "function_call"])
        #expect(written[0].value == "You are OpenHands agent.")
        #expect(
            written[1].value
                == "Create hello.txt.\n\n[system]\nRetrieving content for: Create hello.txt.\n\n[system]\nAdded workspace context"
        )
    }

    /// A system message between two agent turns is a user turn of its own.
    @Test func aSystemTurnBetweenAgentTurnsIsAUserTurn() throws {
        let written = try turns([
            Message(originalRole: "user", text: "q"), Message(originalRole: "assistant", text: "a"),
            Message(originalRole: "system", text: "Context was summarized."),
            Message(originalRole: "assistant", text: "b"),
        ])
        #expect(written.map(\.from) == ["human", "gpt", "human", "gpt"])
        #expect(written[2].value == "[system]\nContext was summarized.")
    }

    /// System messages before anything was said are all the system prompt.
    @Test func leadingSystemTurnsAreOneSystemPrompt() throws {
        let written = try turns([
            Message(originalRole: "system", text: "Rules."), Message(originalRole: "system", text: "Tools."),
            Message(originalRole: "user", text: "q"), Message(originalRole: "assistant", text: "a"),
        ])
        #expect(written.map(\.from) == ["system", "human", "gpt"])
        #expect(written[0].value == "Rules.\n\nTools.")
    }

    /// SWE-agent with a demonstration: the demonstration, then the task, both the user's: one turn.
    @Test func aDemonstrationAndTheTaskAreOneHumanTurn() throws {
        let written = try turns([
            Message(originalRole: "system", text: "SETTING: …"),
            Message(originalRole: "user", text: "Here is a demonstration …"),
            Message(originalRole: "user", text: "ISSUE: …"),
            Message(originalRole: "assistant", text: "Let me look.\n```\nls\n```"),
            Message(originalRole: "user", text: "a.py"),
            Message(originalRole: "assistant", text: "submit"),
        ])
        #expect(written.map(\.from) == ["system", "human", "gpt", "human", "gpt"])
        #expect(written[1].value == "Here is a demonstration …\n\nISSUE: …")
    }

    /// A conversation the agent opens starts with an empty `human` turn, with or without a system prompt.
    @Test func anAgentTurnFirstFollowsAnEmptyHumanTurn() throws {
        let greeting = [
            Message(originalRole: "assistant", text: "Hi!"), Message(originalRole: "user", text: "Hello."),
            Message(originalRole: "assistant", text: "How can I help?"),
        ]
        #expect(try turns(greeting).map(\.from) == ["human", "gpt", "human", "gpt"])
        #expect(try turns(greeting)[0].value == "")
        let prompted = try turns([Message(originalRole: "system", text: "s")] + greeting)
        #expect(prompted.map(\.from) == ["system", "human", "gpt", "human", "gpt"])
    }

    /// Consecutive agent turns are one: texts joined, calls in one list; with calls, the text is the thought.
    @Test func consecutiveAgentTurnsAreOneTurn() throws {
        let written = try turns([
            Message(originalRole: "user", text: "list"),
            Message(originalRole: "assistant", text: "I look first."),
            Message(originalRole: "assistant", text: "Then I list.", toolCalls: call("ls", id: "c1")),
            Message(originalRole: "assistant", text: " ", toolCalls: call("pwd", id: "c2")),
            Message(originalRole: "tool", text: "a b", toolCallID: "c1"),
            Message(originalRole: "assistant", text: "Done."),
            Message(originalRole: "assistant", text: "Anything else?"),
        ])
        #expect(written.map(\.from) == ["human", "function_call", "observation", "gpt"])
        #expect(
            written[1].value
                == "<think>\nI look first.\n\nThen I list.\n</think>\n\n[{\"name\": \"ls\", \"arguments\": {}}, {\"name\": \"pwd\", \"arguments\": {}}]"
        )
        #expect(written[3].value == "Done.\n\nAnything else?")
    }

    /// An imported ShareGPT record's `function_call` turn after a `gpt` turn: read back into its thought and
    /// calls, so the joined turn is still one LLaMA-Factory parses.
    @Test func anImportedFunctionCallJoinsByItsThoughtAndCalls() throws {
        let written = try turns([
            Message(originalRole: "human", text: "list"), Message(originalRole: "gpt", text: "Sure."),
            Message(
                originalRole: "function_call",
                text: "<think>\nI list.\n</think>\n\n{\"name\": \"ls\", \"arguments\": {}}"),
            Message(originalRole: "observation", text: "a b"), Message(originalRole: "gpt", text: "Listed."),
        ])
        #expect(written.map(\.from) == ["human", "function_call", "observation", "gpt"])
        #expect(written[1].value == "<think>\nSure.\n\nI list.\n</think>\n\n{\"name\": \"ls\", \"arguments\": {}}")
    }

    /// Review: text the agent said after a call that got no answer was joined into the call's turn, which
    /// writes text first: it moved before the call. Such calls get an empty answer; calls after calls still join.
    @Test func textAfterAnUnansweredCallFollowsItsEmptyAnswer() throws {
        let written = try turns([
            Message(originalRole: "user", text: "q"),
            Message(originalRole: "assistant", text: "I list.", toolCalls: call("ls")),
            Message(originalRole: "assistant", text: "", toolCalls: call("pwd")),
            Message(originalRole: "assistant", text: "Nothing came back; I stop."),
            Message(
                originalRole: "function_call",
                text: "<think>\nOnce more.\n</think>\n\n{\"name\": \"ls\", \"arguments\": {}}"),
        ])
        #expect(written.map(\.from) == ["human", "function_call", "observation", "function_call"])
        #expect(
            written[1].value
                == "<think>\nI list.\n</think>\n\n[{\"name\": \"ls\", \"arguments\": {}}, {\"name\": \"pwd\", \"arguments\": {}}]"
        )
        #expect(written[2].value == "")
        #expect(
            written[3].value
                == "<think>\nNothing came back; I stop.\n\nOnce more.\n</think>\n\n{\"name\": \"ls\", \"arguments\": {}}"
        )
    }

    /// An imported `function_call` turn right after a call is the agent's next call, not the first's answer.
    @Test func anImportedFunctionCallAfterACallIsNotItsAnswer() throws {
        let written = try turns([
            Message(originalRole: "user", text: "q"),
            Message(originalRole: "assistant", text: "", toolCalls: call("ls")),
            Message(originalRole: "function_call", text: #"{"name": "pwd", "arguments": {}}"#),
        ])
        #expect(written.map(\.from) == ["human", "function_call"])
        #expect(written[1].value == #"[{"name": "ls", "arguments": {}}, {"name": "pwd", "arguments": {}}]"#)
    }

    /// Never train on a masked turn's text: a joined turn is trained only when all its parts are (absent
    /// counts as trained on the agent side and untrained on the user side); the agent turns that lose their
    /// training so are counted.
    @Test(arguments: [
        (Bool?.some(false), Bool?.some(true), Bool?.some(false), 1),
        (false, nil, false, 1), (true, nil, true, 0), (nil, nil, nil, 0), (true, true, true, 0),
        (false, false, false, 0),
    ])
    func aJoinedAgentTurnIsTrainedOnlyWhenAllItsPartsAre(first: Bool?, second: Bool?, joined: Bool?, lost: Int) throws {
        let record = run([
            Message(originalRole: "user", text: "q"), Message(originalRole: "assistant", text: "a", loss: first),
            Message(originalRole: "assistant", text: "b", loss: second),
        ])
        let written = try #require(ExportRecordWriter(format: .sharegpt).record(for: record, label: nil))
        let turn = try JSONParser.parse(written.line).objectValue?["conversations"]?.arrayValue?.last?.objectValue
        #expect(turn?["loss"] == joined.map { .bool($0) })
        #expect(written.maskedByJoining == lost)
        #expect(written.joinedTurns == 1)
    }

    /// A reviewer's mask (``TurnLabel``) on one of two consecutive agent turns keeps the joined turn untrained.
    @Test func aMaskedTurnKeepsItsJoinedTurnUntrained() throws {
        let record = run([
            Message(originalRole: "user", text: "q"), Message(originalRole: "assistant", text: "a"),
            Message(originalRole: "assistant", text: "b"),
        ])
        let written = try #require(
            ExportRecordWriter(format: .sharegpt).record(
                for: record, label: nil, turns: [TurnLabel(turn: 1, train: false, text: nil)]))
        #expect(
            String(decoding: written.line, as: UTF8.self).hasSuffix(
                #"{"from": "gpt", "value": "a\n\nb", "loss": false}]}"#))
        #expect(written.maskedByJoining == 1)
    }

    @Test func aJoinedUserTurnIsTrainedOnlyWhenAllItsPartsSaySo() throws {
        let written = try turns([
            Message(originalRole: "user", text: "q", loss: true), Message(originalRole: "user", text: "r"),
            Message(originalRole: "assistant", text: "a"),
        ])
        #expect(written[0].loss == false)
    }

    /// Two reasoning blocks joined: LLaMA-Factory reads one before the calls; the rest is counted as left out.
    @Test func joinedThoughtsLeftOutAreCounted() throws {
        let record = run([
            Message(originalRole: "user", text: "q"),
            Message(originalRole: "assistant", text: "<think>R1</think>", toolCalls: call("a", id: "1")),
            Message(originalRole: "assistant", text: "<think>R2</think>", toolCalls: call("b", id: "2")),
        ])
        let written = try #require(ExportRecordWriter(format: .sharegpt).record(for: record, label: nil))
        #expect(written.thoughtsLeftOut == 1)
        #expect(String(decoding: written.line, as: UTF8.self).contains(#"<think>\nR1\n</think>\n\n[{"#))
    }

    /// Whatever the roles' order, what is written is a record LLaMA-Factory reads.
    @Test func everyWrittenRecordAlternates() throws {
        var generator = SeededGenerator(seed: 7)
        var written = 0
        for _ in 0..<3000 {
            let messages = (0..<Int.random(in: 0...7, using: &generator)).map { index in
                Self.message(kind: Int.random(in: 0..<8, using: &generator), index: index)
            }
            let writer = ExportRecordWriter(format: .sharegpt)
            guard let line = writer.line(for: run(messages), label: nil) else {
                #expect(writer.trainsNothing(run(messages)))
                continue
            }
            written += 1
            let problem = LLaMAFactoryShareGPT.problem(in: line)
            #expect(problem == nil, "\(messages.map(\.originalRole)): \(problem ?? "")")
        }
        #expect(written > 1000)
    }

    /// A message of one of eight kinds: roles of every side, calls made and imported, masked.
    private static func message(kind: Int, index: Int) -> Message {
        let call = [ToolCall(id: nil, name: "f", arguments: "{}")]
        switch kind {
        case 0: return Message(originalRole: "system", text: "s\(index)")
        case 1: return Message(originalRole: "user", text: "u\(index)")
        case 2: return Message(originalRole: "assistant", text: "a\(index)")
        case 3: return Message(originalRole: "assistant", text: "c\(index)", toolCalls: call)
        case 4: return Message(originalRole: "tool", text: "t\(index)")
        case 5: return Message(originalRole: "observation", text: "o\(index)")
        case 6: return Message(originalRole: "gpt", text: "g\(index)", loss: false)
        default: return Message(originalRole: "function_call", text: #"{"name": "f", "arguments": {}}"#)
        }
    }
}

/// The rule the tests hold ShareGPT output to, on the records QA found LLaMA-Factory skipping.
@Suite struct LLaMAFactoryShareGPTRuleTests {
    @Test(arguments: [
        ["system", "human", "system", "system", "function_call", "observation", "function_call"],
        ["system", "human", "human", "gpt"], [], ["system"], ["human", "observation", "function_call"],
        ["human", "gpt", "human"], ["gpt", "human"],
    ])
    func recordsQAFoundSkippedBreakTheRule(tags: [String]) {
        #expect(LLaMAFactoryShareGPT.problem(tags: tags) != nil)
    }

    @Test(arguments: [
        ["system", "human", "function_call", "observation", "gpt"], ["human", "gpt"],
        ["observation", "function_call"], ["human", "function_call", "observation", "function_call"],
    ])
    func alternatingRecordsKeepTheRule(tags: [String]) {
        #expect(LLaMAFactoryShareGPT.problem(tags: tags) == nil)
    }
}
