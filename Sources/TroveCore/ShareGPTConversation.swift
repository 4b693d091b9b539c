/// A trajectory's messages as the `conversations` of a ShareGPT record that LLaMA-Factory accepts.
///
/// LLaMA-Factory's `SharegptDatasetConverter` reads a `system` turn only first; after it the 1st, 3rd, …
/// turns must be `human` or `observation` (the user side) and the 2nd, 4th, … `gpt` or `function_call`
/// (the agent side), an even number of them. It skips any other record with an "Invalid role tag"
/// warning, so a trainer loses it silently. Runs need not alternate: a WebArena run states its task and
/// then shows its start page, a SWE-agent run gives a demonstration and then its task, an OpenHands run
/// notes system events after the task. Each message becomes a turn as ``ExportRecordWriter`` says (an
/// agent message with calls a `function_call` turn, the answers after it one `observation` turn); then:
///
/// - A `system` turn first is the system prompt. The `system` turns right after it join it: they too come
///   before anything was said.
/// - A later `system` turn is user-side text under a `[system]` line, so the reader knows whose it was.
/// - Consecutive user-side turns are one turn, their texts joined by a blank line as the answers to one
///   call already are, tagged as the first of them (`human`, or `observation` for a call's answers).
/// - Consecutive agent-side turns are one turn: their texts joined by a blank line, their calls in one
///   list. With calls it is a `function_call` turn whose thought is the text (``ShareGPTThought``),
///   else a `gpt` turn. (LLaMA-Factory has one layout for an agent turn with calls: text first.)
/// - An agent turn first (after the system prompt) follows an empty `human` turn.
/// - A `gpt` reply right after calls that got no answer starts a new agent turn after an empty
///   `observation` turn: a joined turn writes its text before its calls, which would move the reply before
///   them. Calls after calls still join (parallel calls are answered after the last of them).
///
/// A turn that stands alone is written as before; blank texts are left out of a joined one.
///
/// A joined turn's `loss` is absent when no part had one; else `true` only when every part is trained on
/// its own (`true`, or absent on the agent side, which trainers train by default), and `false` otherwise:
/// a masked turn's text is never trained because it was joined with a trained one. The agent turns that
/// so lose their training are counted (``maskedByJoining``).
///
/// The turns end where the messages end: a record is written only when they end on the agent
/// (``ExportRecordWriter/trainsNothing(_:)``).
///
/// ```swift
/// // WebArena: the task, then the start page, then an action.
/// ShareGPTConversation(messages).turns   // human "task\n\npage", function_call "…"
/// ```
struct ShareGPTConversation {
    /// The `conversations` list.
    private(set) var turns: [JSONValue] = []
    /// Turns joined into the turn before them (the system prompt included).
    private(set) var joinedTurns = 0
    /// Agent turns trained on their own (`loss` true or absent) written untrained, joined with a masked one.
    private(set) var maskedByJoining = 0
    /// `function_call` turns written without some of the agent's text (``ShareGPTThought/leavesOut(_:)``).
    private(set) var thoughtsLeftOut = 0

    init(_ messages: [Message]) {
        var joined: [Turn] = []
        for piece in Self.pieces(messages) {
            if var last = joined.last, last.accepts(piece, at: joined.count - 1) {
                // One turn writes its text before its calls: a reply after calls no answer followed would be
                // moved before them, so they get an empty answer instead. (Calls after calls join: parallel
                // calls' answers come after the last of them.)
                if piece.from == "gpt", piece.text.contains(where: { !$0.isWhitespace }),
                    !last.agentTextAndCalls.calls.isEmpty
                {
                    joined.append(Turn(Piece(side: .user, from: "observation", text: "")))
                    joined.append(Turn(piece))
                    continue
                }
                last.join(piece)
                joined[joined.count - 1] = last
                joinedTurns += 1
                continue
            }
            if piece.side == .agent, joined.last.map({ $0.side == .system }) ?? true {
                joined.append(Turn(Piece(side: .user, from: "human", text: "")))
            }
            joined.append(Turn(joined.isEmpty ? piece : piece.asUserText))
        }
        for turn in joined {
            turns.append(turn.json)
            if turn.side == .agent, turn.loss == false {
                maskedByJoining += turn.parts.count { $0.loss ?? true }
            }
            if turn.leavesOutThought { thoughtsLeftOut += 1 }
        }
    }

    private enum Side { case system, user, agent }

    /// One turn as it is written when it stands alone.
    private struct Piece {
        var side: Side
        var from: String
        /// The value written alone.
        var value: String
        var loss: Bool?
        /// On the agent side, the agent's own text and its calls, which a joined turn puts together.
        var text: String
        var calls: [JSONValue] = []
        /// Whether this is an agent message with calls (not a `function_call` turn kept as text: one whose
        /// value is not calls, or one a store of trove 0.x before calls were read from it holds as a `tool`
        /// message).
        var madeCalls = false

        init(side: Side, from: String, text: String, loss: Bool? = nil) {
            self.side = side
            self.from = from
            self.value = text
            self.text = text
            self.loss = loss
        }

        /// This piece where a system prompt cannot be: a `system` turn becomes user-side text, marked.
        var asUserText: Piece {
            guard side == .system else { return self }
            return Piece(side: .user, from: "human", text: "[system]\n" + value, loss: loss)
        }
    }

    /// One written turn: the pieces joined into it.
    private struct Turn {
        var parts: [Piece]

        init(_ piece: Piece) { parts = [piece] }

        var side: Side { parts[0].side }

        /// Whether `piece` joins this turn, at `position` in the conversation: a `system` turn the system
        /// prompt (while it is the only turn), a user-side or agent-side piece a turn of its side.
        func accepts(_ piece: Piece, at position: Int) -> Bool {
            switch piece.side {
            case .system: side == .system ? position == 0 : side == .user
            case .user, .agent: piece.side == side
            }
        }

        mutating func join(_ piece: Piece) {
            parts.append(side == .user ? piece.asUserText : piece)
        }

        /// Absent when no part had one; else whether every part is trained on its own.
        var loss: Bool? {
            guard parts.count > 1 else { return parts[0].loss }
            guard parts.contains(where: { $0.loss != nil }) else { return nil }
            // Trainers train an agent turn without a flag and leave a user turn without one untrained.
            let trainedWithoutFlag = side == .agent
            return parts.allSatisfy { $0.loss ?? trainedWithoutFlag }
        }

        /// The agent's texts (blank ones left out) and calls of the parts, a `function_call` turn kept as
        /// text read back into its thought and calls.
        var agentTextAndCalls: (text: String, calls: [JSONValue]) {
            var texts: [String] = []
            var calls: [JSONValue] = []
            for part in parts {
                if !part.madeCalls, part.from == "function_call",
                    let read = ShareGPTThought.reading(functionCall: part.value)
                {
                    texts.append(read.thought)
                    calls += read.calls
                } else {
                    texts.append(part.text)
                    calls += part.calls
                }
            }
            return (ShareGPTConversation.joining(texts), calls)
        }

        /// Whether the written value leaves out some of the agent's text (a `function_call` turn).
        var leavesOutThought: Bool {
            guard side == .agent else { return false }
            guard parts.count > 1 else { return parts[0].madeCalls && ShareGPTThought.leavesOut(parts[0].text) }
            let (text, calls) = agentTextAndCalls
            return !calls.isEmpty && ShareGPTThought.leavesOut(text)
        }

        var json: JSONValue {
            let from: String
            let value: String
            if parts.count == 1 {
                (from, value) = (parts[0].from, parts[0].value)
            } else if side == .agent {
                let (text, calls) = agentTextAndCalls
                from = calls.isEmpty ? "gpt" : "function_call"
                value =
                    calls.isEmpty ? text : ShareGPTThought.value(text: text, calls: ShareGPTConversation.json(calls))
            } else {
                (from, value) = (parts[0].from, ShareGPTConversation.joining(parts.map(\.value)))
            }
            var members: [JSONObject.Member] = [
                .init(key: "from", value: .string(from)), .init(key: "value", value: .string(value)),
            ]
            if let loss { members.append(.init(key: "loss", value: .bool(loss))) }
            return .object(JSONObject(members))
        }
    }

    /// Each message as the turn it is written as alone; a call's answers are one `observation` piece.
    private static func pieces(_ messages: [Message]) -> [Piece] {
        var pieces: [Piece] = []
        var index = 0
        while index < messages.count {
            let message = messages[index]
            index += 1
            guard message.role == .agent, !message.toolCalls.isEmpty else {
                let from = tag(message)
                let side: Side =
                    switch from {
                    case "system": .system
                    case "gpt", "function_call": .agent
                    default: .user
                    }
                pieces.append(Piece(side: side, from: from, text: message.text, loss: message.loss))
                continue
            }
            let calls: [JSONValue] = message.toolCalls.map { call in
                let arguments = (try? JSONParser.parse(Array(call.arguments.utf8))) ?? .string(call.arguments)
                return .object(["name": .string(call.name), "arguments": arguments])
            }
            var piece = Piece(side: .agent, from: "function_call", text: message.text, loss: message.loss)
            piece.value = ShareGPTThought.value(text: message.text, calls: json(calls))
            piece.calls = calls
            piece.madeCalls = true
            pieces.append(piece)
            var answers: [String] = []
            // A `function_call` turn kept as text (a `tool` message in a store of an earlier trove) is the
            // agent's, not an answer.
            while index < messages.count, messages[index].role == .tool || messages[index].role == .environment,
                !isAgentSide(messages[index])
            {
                answers.append(messages[index].text)
                index += 1
            }
            if !answers.isEmpty {
                pieces.append(Piece(side: .user, from: "observation", text: answers.joined(separator: "\n\n")))
            }
        }
        return pieces
    }

    /// Whether `message` is written on the agent side (`gpt` or `function_call`).
    static func isAgentSide(_ message: Message) -> Bool {
        message.role == .agent && !message.toolCalls.isEmpty || ["gpt", "function_call"].contains(tag(message))
    }

    /// The `from` of a message that makes no call: its own when the record was ShareGPT-shaped already.
    private static func tag(_ message: Message) -> String {
        if ["human", "gpt", "system", "observation", "function_call"].contains(message.originalRole) {
            return message.originalRole
        }
        // A tool's answer that no call of this record asked for (a Terminus run's terminal output)
        // reaches here: the user side, as the OpenAI layout writes it too.
        switch message.role {
        case .instruction, .environment, .tool: return "human"
        case .agent: return "gpt"
        case .system: return "system"
        }
    }

    /// One call as an object, several as a list, as JSON text.
    private static func json(_ calls: [JSONValue]) -> String {
        JSONWriter.string(calls.count == 1 ? calls[0] : .array(calls))
    }

    /// `texts` that are not blank, a blank line between them.
    private static func joining(_ texts: [String]) -> String {
        texts.filter { $0.contains { !$0.isWhitespace } }.joined(separator: "\n\n")
    }
}
