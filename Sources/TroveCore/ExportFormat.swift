/// The record layouts `trove export` and `trove mix` write, one JSON object per line.
public enum ExportFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// Each record exactly as imported (AgentInstruct, or whatever the input was).
    /// Records imported from pretty-printed JSON are compacted onto one line
    /// (white space between tokens removed, nothing else changed).
    case agentinstruct
    /// ShareGPT in LLaMA-Factory's layout: `{"id", "conversations": [{"from", "value", "loss"?}], "tools"?}`,
    /// tool calls as `function_call` turns. FastChat reads the records with no `system` turn and no call.
    case sharegpt
    /// OpenAI / TRL chat: `{"messages": [{"role", "content", "weight"?}]}`.
    case openai
}

/// Writes one trajectory as one JSONL line in an ``ExportFormat``.
///
/// The converted formats end on the last agent turn: the turns after it train nothing, and a
/// ShareGPT reader that pairs turns (LLaMA-Factory) drops an example that ends on an observation. A
/// trajectory with nothing to train on, whose messages cannot end on an agent turn after its task (an
/// empty run, a question with no answer, a handshake with no task done), is not written in them: it has
/// no line (``trainsNothing(_:)``), and the exports count and name it.
///
/// Role mapping for the converted formats:
///
/// | normalized role | ShareGPT `from`         | OpenAI `role` |
/// |-----------------|-------------------------|---------------|
/// | instruction     | `human`                 | `user`        |
/// | agent           | `gpt`                   | `assistant`   |
/// | system          | `system`                | `system`      |
/// | environment     | `human`                 | `user`        |
/// | tool            | `human`                 | `user`        |
///
/// A tool's answer to a call of the record is a `tool` message in OpenAI output and
/// part of the `observation` turn after the `function_call` in ShareGPT output
/// (below); a tool message no call asked for (a Terminus run's terminal output)
/// is on the user side in both. ShareGPT output keeps a message's original
/// `from` when the record was ShareGPT-shaped already, and then makes the turns
/// alternate as LLaMA-Factory requires (``ShareGPTConversation``): a `system` turn
/// after the first is user-side text under a `[system]` line, consecutive user-side
/// turns are one turn (WebArena's task and start page: the page is the user's, as
/// in OpenAI output), and so are consecutive agent turns. OpenAI output keeps one
/// message per message.
///
/// Tool calls: OpenAI output writes an agent message's calls as `tool_calls`
/// (`{"id", "type": "function", "function": {"name", "arguments"}}`) and each
/// answer as a `"tool"` message with its `tool_call_id`; a call without an id
/// gets `call_<message>_<n>`, and the `tool` or environment messages right
/// after it answer such calls in order (an answer left over is a `user`
/// message). The record's tools (``Trajectory/toolSchemas``: its `tools` list, a legacy `functions`
/// list, or an ATIF run's `agent.tool_definitions`), when it had some, are written as
/// `tools`: in OpenAI's wrapper (``Trajectory/openAITools``), with the record's `parallel_tool_calls`.
/// A `developer` message is the system prompt (``MessageRole``), written as `system`, which every
/// OpenAI-style trainer reads. ShareGPT output follows LLaMA-Factory: an agent message with calls
/// is a `function_call` turn whose value is the call as JSON text (`{"name",
/// "arguments"}`, a list for several calls), the answers after it are one
/// `observation` turn, and `tools` is the list as JSON text. The message's own
/// text, unless it is empty or only white space, goes first, framed by the
/// `thought_words` of LLaMA-Factory's default template: `<think>\n` + text +
/// `\n</think>\n\n` + calls. This follows LLaMA-Factory's `FunctionFormatter`,
/// the reader this layout is for: it cuts the first span so framed out of the
/// value, parses the rest as the calls and writes the span back before the
/// formatted call, so the text the agent wrote with its action is trained with
/// it instead of being lost. A reasoning model's own `<think>` block is written
/// as that thought; text no framing can carry (after such a block, or holding
/// `</think>` elsewhere) is left out of the turn and counted (``ShareGPTThought``,
/// ``thoughtsLeftOut(of:turns:)``), since the reader would fail on the whole dataset. `loss` is written as
/// imported (the key is left out when the record had none; a joined ShareGPT turn is trained only when
/// all its parts are); OpenAI output marks assistant turns whose loss is
/// `false` with `"weight": 0` and leaves the others unweighted (trained).
public struct ExportRecordWriter: Sendable {
    public var format: ExportFormat
    /// A system prompt to put first in the converted formats' records that have none (AgentLM used
    /// Llama-2-chat's "You are a helpful, respectful and honest assistant."): an OpenAI `system` message,
    /// a ShareGPT `system` turn, which LLaMA-Factory reads as the system prompt with no column to map.
    /// `agentinstruct` writes records as imported, without it; the commands refuse it there.
    public var systemPrompt: String?
    /// Adds the review under the `"trove"` key (status, reward, env_reward, tags, note).
    public var withLabels: Bool

    /// The messages a converted format writes of `trajectory` with `turns` applied
    /// (``Trajectory/applying(_:)``), up to its last agent turn (``endingOnTheAgent(_:)``).
    func writtenMessages(of trajectory: Trajectory, turns: [TurnLabel]) -> [Message] {
        endingOnTheAgent(turns.isEmpty ? trajectory : trajectory.applying(turns))
    }

    /// The trajectory's messages up to its last agent turn after the task
    /// (``TrainingMessages/endingOnTheAgent(_:taskIndex:isAgent:)``), an agent turn being one the format
    /// writes on the agent side (``isAgentSide(_:)``); the task turn is looked up in the messages'
    /// structure (no turn is parsed again) only when the record does not end on an agent turn already.
    func endingOnTheAgent(_ trajectory: Trajectory) -> [Message] {
        guard let last = trajectory.messages.last, !isAgentSide(last) else { return trajectory.messages }
        return TrainingMessages.endingOnTheAgent(
            trajectory.messages, taskIndex: StepParser.taskIndex(of: trajectory), isAgent: isAgentSide)
    }

    /// Whether the format writes `message` on the agent side: an OpenAI `assistant` message; a ShareGPT
    /// `gpt` or `function_call` turn, which a `function_call` turn a store of an earlier trove holds as a
    /// `tool` message is too.
    func isAgentSide(_ message: Message) -> Bool {
        format == .sharegpt ? ShareGPTConversation.isAgentSide(message) : message.role == .agent
    }

    public init(format: ExportFormat, systemPrompt: String? = nil, withLabels: Bool = false) {
        self.format = format
        self.systemPrompt = systemPrompt
        self.withLabels = withLabels
    }

    /// Whether a converted format leaves `trajectory` out for having nothing to train on: its messages,
    /// up to the last agent turn after its task (``endingOnTheAgent(_:)``), do not end on a turn the
    /// format writes on the agent side (an OpenAI `assistant` message; a ShareGPT `gpt` or
    /// `function_call` turn). False for `agentinstruct`, which writes every record as imported. Turn
    /// labels change no role, so they change nothing here.
    public func trainsNothing(_ trajectory: Trajectory) -> Bool {
        guard format != .agentinstruct else { return false }
        guard let last = endingOnTheAgent(trajectory).last else { return true }
        return !isAgentSide(last)
    }

    /// As ``trainsNothing(_:)``, for `messages` whose task turn is at `taskIndex` (a store's turn kinds).
    public func trainsNothing(_ messages: [Message], taskIndex: Int?) -> Bool {
        guard format != .agentinstruct else { return false }
        let last = TrainingMessages.endingOnTheAgent(messages, taskIndex: taskIndex, isAgent: isAgentSide).last
        return !(last.map(isAgentSide) ?? false)
    }

    /// How many agent turns of `trajectory`, as ``line(for:label:turns:)`` writes it with `turns`,
    /// lose some of their text: ShareGPT `function_call` turns whose text
    /// ``ShareGPTThought/leavesOut(_:)`` some of; zero for the other formats and a record not written.
    public func thoughtsLeftOut(of trajectory: Trajectory, turns: [TurnLabel] = []) -> Int {
        guard format == .sharegpt else { return 0 }
        return record(for: trajectory, label: nil, turns: turns)?.thoughtsLeftOut ?? 0
    }

    /// How many agent turns ``line(for:label:turns:)`` writes for `trajectory`, with `turns` applied, that
    /// hold no text and no call and are trained (a blank correction, an empty turn imported): a trainer
    /// learns to answer them with nothing. 0 for `agentinstruct`, which writes the record as imported.
    public func emptyTrainedTurns(of trajectory: Trajectory, turns: [TurnLabel] = []) -> Int {
        guard format != .agentinstruct else { return 0 }
        return writtenMessages(of: trajectory, turns: turns).count {
            $0.role == .agent && $0.toolCalls.isEmpty && $0.loss != false && TurnLabel.blanks($0.text)
        }
    }

    /// Whether ``line(for:label:turns:)`` writes text of `trajectory` that trove could not decode, with
    /// `turns` applied: `agentinstruct` its record's bytes when they are not valid UTF-8 (a JSON reader
    /// then fails on the line), the other formats a text they write (a message up to the last agent
    /// turn, a tool call's name or arguments) holding U+FFFD.
    public func writesUndecodedText(of trajectory: Trajectory, turns: [TurnLabel] = []) -> Bool {
        func undecoded(_ text: String) -> Bool { text.withTurnText { $0.contains("\u{FFFD}") } }
        switch format {
        case .agentinstruct:
            return trajectory.originalRecord.withUnsafeBufferPointer { bytes in
                bytes.baseAddress.map { UTF8Validation.classify($0, count: bytes.count) == .invalid } ?? false
            }
        case .sharegpt, .openai:
            return writtenMessages(of: trajectory, turns: turns).contains { message in
                undecoded(message.text) || message.toolCalls.contains { undecoded($0.name) || undecoded($0.arguments) }
            }
        }
    }

    /// One trajectory as written: its line and what an export counts of it.
    public struct WrittenRecord: Sendable, Hashable {
        /// The line, without the line break.
        public var line: [UInt8]
        /// ShareGPT `function_call` turns written without some of the agent's text (``ShareGPTThought``).
        public var thoughtsLeftOut = 0
        /// ShareGPT turns joined into the turn before them so that the turns alternate
        /// (``ShareGPTConversation``).
        public var joinedTurns = 0
        /// Agent turns trained on their own and written untrained, joined with a masked one.
        public var maskedByJoining = 0
    }

    /// The line for `trajectory` (without the line break); nil when a converted format leaves it out
    /// for having nothing to train on (``trainsNothing(_:)``). See ``record(for:label:turns:)``.
    public func line(for trajectory: Trajectory, label: ReviewLabel?, turns: [TurnLabel] = []) -> [UInt8]? {
        record(for: trajectory, label: label, turns: turns)?.line
    }

    /// `trajectory` as written, with what an export counts of it; nil when a converted format leaves it
    /// out for having nothing to train on (``trainsNothing(_:)``). The converted formats write the turns
    /// `turns` masks untrained and the corrected ones with their corrected text
    /// (``Trajectory/applying(_:)``); `agentinstruct` keeps the record's bytes and, with ``withLabels``,
    /// lists the masked turns under `"trove"` as `"masked_turns"` and the corrections as
    /// `"corrected_turns"` (`[{"turn", "text"}]`).
    public func record(for trajectory: Trajectory, label: ReviewLabel?, turns: [TurnLabel] = []) -> WrittenRecord? {
        guard !trainsNothing(trajectory) else { return nil }
        let masked = turns.filter(\.isMasked).map(\.turn)
        let corrected = turns.compactMap { turn in turn.text.map { (turn.turn, $0) } }
        let trajectory = turns.isEmpty ? trajectory : trajectory.applying(turns)
        switch format {
        case .agentinstruct:
            var bytes = JSONCompactor.compactIfMultiline(trajectory.originalRecord)
            if withLabels, let label {
                bytes = Self.withReview(
                    review(trajectory, label, masked: masked, corrected: corrected), id: trajectory.id, of: bytes)
            }
            return WrittenRecord(line: bytes)
        case .sharegpt:
            let conversation = ShareGPTConversation(withSystemPrompt(endingOnTheAgent(trajectory)))
            var members: [JSONObject.Member] = [
                .init(key: "id", value: .string(trajectory.id)),
                .init(key: "conversations", value: .array(conversation.turns)),
            ]
            if let tools = trajectory.toolSchemas {
                members.append(.init(key: "tools", value: .string(JSONWriter.string(tools))))
            }
            if withLabels, let label {
                members.append(
                    .init(key: "trove", value: review(trajectory, label, masked: masked, corrected: corrected)))
            }
            var out: [UInt8] = []
            JSONWriter.write(.object(JSONObject(members)), into: &out)
            return WrittenRecord(
                line: out, thoughtsLeftOut: conversation.thoughtsLeftOut, joinedTurns: conversation.joinedTurns,
                maskedByJoining: conversation.maskedByJoining)
        case .openai:
            let messages = Self.openAIMessages(withSystemPrompt(endingOnTheAgent(trajectory)))
            var members: [JSONObject.Member] = [.init(key: "messages", value: .array(messages))]
            if let tools = trajectory.openAITools {
                members.append(.init(key: "tools", value: tools))
            }
            if case .bool(let parallel)? = trajectory.metadata["parallel_tool_calls"] {
                members.append(.init(key: "parallel_tool_calls", value: .bool(parallel)))
            }
            if withLabels, let label {
                members.insert(.init(key: "id", value: .string(trajectory.id)), at: 0)
                members.append(
                    .init(key: "trove", value: review(trajectory, label, masked: masked, corrected: corrected)))
            }
            var out: [UInt8] = []
            JSONWriter.write(.object(JSONObject(members)), into: &out)
            return WrittenRecord(line: out)
        }
    }

    /// `messages` with ``systemPrompt`` first as a `system` message, when there is one and they start with
    /// none.
    private func withSystemPrompt(_ messages: [Message]) -> [Message] {
        guard let systemPrompt, messages.first?.role != .system else { return messages }
        return [Message(role: .system, originalRole: "system", text: systemPrompt)] + messages
    }

    /// The OpenAI messages of `messages`, one for each; `weights` marks untrained assistant turns.
    static func openAIMessages(_ messages: [Message], weights: Bool = true) -> [JSONValue] {
        var out: [JSONValue] = []
        var pending: [String] = []
        for (index, message) in messages.enumerated() {
            if message.role == .agent, !message.toolCalls.isEmpty {
                var calls: [JSONValue] = []
                pending = []
                for (number, call) in message.toolCalls.enumerated() {
                    let id = call.id ?? "call_\(index)_\(number)"
                    if call.id == nil { pending.append(id) }
                    calls.append(
                        .object([
                            "id": .string(id), "type": "function",
                            "function": .object(["name": .string(call.name), "arguments": .string(call.arguments)]),
                        ]))
                }
                var members = openAIMembers(message, role: "assistant", weights: weights)
                members.append(.init(key: "tool_calls", value: .array(calls)))
                out.append(.object(JSONObject(members)))
            } else if message.role == .tool || message.role == .environment,
                let id = message.toolCallID ?? (pending.isEmpty ? nil : pending.removeFirst())
            {
                out.append(.object(["role": "tool", "tool_call_id": .string(id), "content": .string(message.text)]))
            } else {
                pending = []
                out.append(openAIMessage(message, weights: weights))
            }
        }
        return out
    }

    private static func openAIMembers(_ message: Message, role: String, weights: Bool) -> [JSONObject.Member] {
        var members: [JSONObject.Member] = [
            .init(key: "role", value: .string(role)), .init(key: "content", value: .string(message.text)),
        ]
        if weights, message.role == .agent, message.loss == false {
            members.append(.init(key: "weight", value: .integer(0)))
        }
        return members
    }

    private static func openAIMessage(_ message: Message, weights: Bool) -> JSONValue {
        let role: String =
            switch message.role {
            case .instruction, .environment, .tool: "user"
            case .agent: "assistant"
            case .system: "system"
            }
        return .object(JSONObject(openAIMembers(message, role: role, weights: weights)))
    }

    private func review(
        _ trajectory: Trajectory, _ label: ReviewLabel, masked: [Int], corrected: [(turn: Int, text: String)]
    ) -> JSONValue {
        .object([
            "id": .string(trajectory.id),
            "status": .string(label.status.rawValue),
            "reward": .real(label.reward ?? trajectory.environmentReward),
            "env_reward": .real(trajectory.environmentReward),
            "review_reward": .real(label.reward),
            "tags": .array(label.tags.map { .string($0) }),
            "note": .optional(label.note),
            "masked_turns": .array(masked.map { .integer($0) }),
            "corrected_turns": .array(
                corrected.map { .object(["turn": .integer($0.turn), "text": .string($0.text)]) }),
        ])
    }

    /// The `agentinstruct` line of a record with its review: a top-level object gets the review as its
    /// `"trove"` member, appended after its own members (or, when the record has a `"trove"` member of its
    /// own, written in its place: the line has one `"trove"` key); a record whose top level is not an
    /// object (an OpenHands event list, a legacy mini-swe-agent message list) is wrapped as
    /// `{"id": ID, "record": <the record>, "trove": review}`. The record's own bytes are kept.
    static func withReview(_ review: JSONValue, id: String, of record: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        let start = record.firstIndex { !Self.isJSONWhitespace($0) } ?? record.endIndex
        guard start < record.endIndex, record[start] == UInt8(ascii: "{"),
            let close = record.lastIndex(of: UInt8(ascii: "}"))
        else {
            let end = record.lastIndex { !Self.isJSONWhitespace($0) }.map { $0 + 1 } ?? start
            out.append(contentsOf: #"{"id": "#.utf8)
            JSONWriter.writeString(id, into: &out)
            out.append(contentsOf: #", "record": "#.utf8)
            out.append(contentsOf: record[start..<end])
            out.append(contentsOf: #", "trove": "#.utf8)
            JSONWriter.write(review, into: &out)
            out.append(UInt8(ascii: "}"))
            return out
        }
        if let own = JSONSlices.member("trove", of: record, in: record.startIndex..<record.endIndex) {
            out.append(contentsOf: record[..<own.lowerBound])
            JSONWriter.write(review, into: &out)
            out.append(contentsOf: record[own.upperBound...])
            return out
        }
        out.append(contentsOf: record[..<close])
        while let last = out.last, Self.isJSONWhitespace(last) { out.removeLast() }
        if out.last != UInt8(ascii: "{") { out.append(contentsOf: ", ".utf8) }
        out.append(contentsOf: #""trove": "#.utf8)
        JSONWriter.write(review, into: &out)
        out.append(contentsOf: record[close...])
        return out
    }

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
