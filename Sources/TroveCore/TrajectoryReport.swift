/// One trajectory as `trove show` prints it: readable text, or a JSON object
/// for scripts.
///
/// JSON shape (absent values are `null`):
/// ```
/// {"id", "task", "group", "dialect", "env_reward", "env_reward_source", "outcome", "error",
///  "review": {"status", "reward", "reward_reason", "tags", "note"},
///  "flags": [], "opening": [{"message", "role", "text"}],
///  "steps": [{"message", "masked", "corrected", "thought", "action": {"kind", "argument"},
///  "observation", "final_answer"}]}
/// ```
///
/// `opening` lists the turns between the task and the agent's first turn, which no step holds (WebArena's
/// start page: what the agent saw before it acted; ``openingTurns(_:)``), `role` as the record wrote it;
/// the text report and the review screen show each as a `Turn`.
///
/// `outcome` is how the run ended, normalized (``RunOutcome``: `error`, `step-limit`, …), `error` the
/// error message its record states (``StatedEnding``), whole.
///
/// `message` is the index of the step's agent message (the turn `trove label --turn` and `trove edit
/// --turn` name); `masked` says whether the reviewers masked that turn (do not train), `corrected`
/// whether they corrected its text (the step is parsed from the correction).
public enum TrajectoryReport {
    /// Writes the JSON object of a trajectory, its parse, its label and the decisions on its turns to `out`,
    /// and a line feed, a piece at a time: no text is copied whole, so the output costs memory in pieces of
    /// ``pieceSize`` whatever the record's size.
    public static func writeJSON(
        _ trajectory: Trajectory, _ parsed: ParsedTrajectory, _ label: ReviewLabel, turns: [TurnLabel] = [],
        to out: inout some TextOutputStream
    ) {
        let masked = Set(turns.filter(\.isMasked).map(\.turn))
        let corrected = Set(turns.filter(\.isEdited).map(\.turn))
        let head = JSONValue.object([
            "id": .string(trajectory.id),
            "task": .string(trajectory.task),
            "group": .optional(TaskGroup.id(of: trajectory, parsed: parsed)),
            "dialect": .string(parsed.dialect.rawValue),
            "env_reward": .real(trajectory.environmentReward),
            "env_reward_source": .optional(trajectory.environmentRewardSource?.rawValue),
            "outcome": .optional(trajectory.outcome?.rawValue),
            "error": .optional(StatedEnding(trajectory.metadata).error),
            "review": .object([
                "status": .string(label.status.rawValue),
                "reward": .real(label.reward),
                "reward_reason": .optional(label.rewardReason),
                "tags": .array(label.tags.map { .string($0) }),
                "note": .optional(label.note),
            ]),
            "flags": .array(parsed.flags.sorted().map { .string($0.rawValue) }),
        ])
        // The head's members as JSONWriter writes them, then the opening and steps members, each text in
        // pieces.
        out.write(String(JSONWriter.string(head).dropLast()))
        out.write(", \"opening\": [")
        let opening = openingTurns(parsed.turns)
        for index in opening where trajectory.messages.indices.contains(index) {
            let message = trajectory.messages[index]
            out.write(index > opening.lowerBound ? ", {" : "{")
            out.write(
                "\"message\": \(index), \"role\": \(JSONWriter.string(.string(message.originalRole))), \"text\": ")
            writeJSON(message.text, to: &out)
            out.write("}")
        }
        out.write("], \"steps\": [")
        for (index, step) in parsed.steps.enumerated() {
            out.write(index > 0 ? ", {" : "{")
            out.write("\"message\": \(step.messageIndex), ")
            out.write("\"masked\": \(masked.contains(step.messageIndex)), ")
            out.write("\"corrected\": \(corrected.contains(step.messageIndex)), \"thought\": ")
            writeJSON(step.thought, to: &out)
            out.write(", \"action\": ")
            out.write(
                JSONWriter.string(
                    step.action.map { .object(["kind": .string($0.kind), "argument": .string($0.argument)]) } ?? .null))
            out.write(", \"observation\": ")
            writeJSON(step.observation, to: &out)
            out.write(", \"final_answer\": ")
            writeJSON(step.finalAnswer, to: &out)
            out.write("}")
        }
        out.write("]}\n")
    }

    /// Readable text: a header, the error the record states, the task, then each step's parts, or a line
    /// saying there are none (a run that crashed before its first turn), as the review screen says.
    ///
    /// Control characters in the data are shown as visible escapes (`\e`,
    /// `\r`, `\u{…}`), so printing a trajectory cannot drive the terminal; the header's and every
    /// one-line field's data (id, task, group, tags, note, tool names) is written on one line
    /// (``visibleOnOneLine(_:)``), so it cannot pass for another line.
    public static func text(
        _ trajectory: Trajectory, _ parsed: ParsedTrajectory, _ label: ReviewLabel, turns: [TurnLabel] = []
    ) -> String {
        var out = ""
        writeText(trajectory, parsed, label, turns: turns, to: &out)
        return out
    }

    /// Writes ``text(_:_:_:turns:)`` to `out` a piece at a time: each text is made visible and indented as it
    /// is written, in pieces of ``pieceSize``, so a 300 MB observation is never copied whole.
    public static func writeText(
        _ trajectory: Trajectory, _ parsed: ParsedTrajectory, _ label: ReviewLabel, turns: [TurnLabel] = [],
        to out: inout some TextOutputStream
    ) {
        let masked = Set(turns.filter(\.isMasked).map(\.turn))
        let corrected = Set(turns.filter(\.isEdited).map(\.turn))
        var head =
            "\(visibleOnOneLine(trajectory.id))  task \(visibleOnOneLine(trajectory.task))"
            + "  dialect \(parsed.dialect.rawValue)"
        if let group = TaskGroup.id(of: trajectory, parsed: parsed) { head += "  group \(visibleOnOneLine(group))" }
        head += "\n"
        head += "env reward \(format(trajectory.environmentReward))"
        if let source = trajectory.environmentRewardSource { head += " (\(source.rawValue))" }
        head += "  review \(label.status.rawValue)"
        if let outcome = trajectory.outcome { head += "  outcome \(outcome.rawValue)" }
        if let reward = label.reward { head += "  reviewer reward \(format(reward))" }
        if !label.tags.isEmpty { head += "  tags \(label.tags.map(visibleOnOneLine).joined(separator: ","))" }
        head += "\n"
        if !parsed.flags.isEmpty { head += "flags \(parsed.flags.sorted().map(\.rawValue).joined(separator: ", "))\n" }
        if let note = label.note { head += "note \(visibleOnOneLine(note))\n" }
        if let reason = label.rewardReason { head += "reward reason \(visibleOnOneLine(reason))\n" }
        out.write(head)
        let ending = StatedEnding(trajectory.metadata)
        if let error = ending.error {
            out.write("\nError:\n")
            writeIndented(error, to: &out)
        }
        if parsed.dialect == .chat {
            // A conversation, not an agent's steps: each turn under its speaker.
            for message in trajectory.messages {
                out.write("\n\(chatSpeaker(message.role)):\n")
                writeIndented(message.text, to: &out)
            }
            return
        }
        if let taskIndex = parsed.taskIndex {
            out.write("\nTask:\n")
            writeIndented(trajectory.messages[taskIndex].text, to: &out)
        }
        for index in openingTurns(parsed.turns) where trajectory.messages.indices.contains(index) {
            let message = trajectory.messages[index]
            out.write("\nTurn · \(visibleOnOneLine(message.originalRole)):\n")
            writeIndented(message.text, to: &out)
        }
        for (index, step) in parsed.steps.enumerated() {
            out.write(
                "\n── step \(index + 1)" + (step.parsedBy == .raw && parsed.dialect != .raw ? " (unparsed)" : "")
                    + (masked.contains(step.messageIndex) ? " (masked: not trained)" : "")
                    + (corrected.contains(step.messageIndex) ? " (corrected by a reviewer)" : "") + "\n"
            )
            if let thought = step.thought, !thought.isEmpty {
                out.write("Thought:\n")
                writeIndented(thought, to: &out)
            }
            let message =
                trajectory.messages.indices.contains(step.messageIndex)
                ? trajectory.messages[step.messageIndex] : nil
            if let message, message.role == .agent, !message.toolCalls.isEmpty {
                // Every call of the turn, its arguments laid out for reading, as the review screen shows them;
                // the step's action is only the first.
                for call in message.toolCalls {
                    out.write("Action [\(visibleOnOneLine(call.name))]:\n")
                    writeIndented(ToolCall.readable(arguments: call.arguments), to: &out)
                }
            } else if let action = step.action {
                out.write("Action [\(visibleOnOneLine(action.kind))]:\n")
                writeIndented(action.argument, to: &out)
            }
            if step.parsedBy == .terminus,
                let waits = TerminusWait.waits(ofReply: trajectory.messages[step.messageIndex].text),
                !waits.isEmpty
            {
                out.write("Waits: \(TerminusWait.describe(waits))\n")
            }
            if let observation = step.observation {
                out.write("Observation:\n")
                writeIndented(observation, to: &out)
            }
            if let answer = step.finalAnswer {
                out.write("Final answer:\n")
                writeIndented(answer, to: &out)
            }
        }
        if parsed.steps.isEmpty {
            var notice =
                trajectory.messages.isEmpty
                ? "no steps: the record holds no turns" : "no steps: no agent turn follows the task"
            if ending.error != nil {
                notice += "; the run ended in an error (Error above)"
            } else if let status = ending.exitStatus {
                notice += "; exit status \(visibleOnOneLine(status))"
            }
            out.write("\n\(notice)\n")
        }
    }

    /// The messages whose texts the report prints or reads, by index: every message of a chat; else the
    /// task turn and the first instruction (they state the task and its group), the opening turns
    /// (``openingTurns(_:)``) and, in a Terminus run, the agent turns, whose replies hold their commands'
    /// waits (``TerminusWait``). A store reading a trajectory for the report (`trove show`) reads these
    /// texts and leaves the others empty.
    public static func readMessages(dialect: Dialect, turns: [TurnKind], roles: [MessageRole]) -> Set<Int> {
        guard dialect != .chat else { return Set(turns.indices) }
        var read = Set([turns.firstIndex(of: .task), roles.firstIndex(of: .instruction)].compactMap(\.self))
        read.formUnion(openingTurns(turns))
        if dialect == .terminus { read.formUnion(turns.indices.filter { turns[$0] == .agent }) }
        return read
    }

    /// The turns after the task and before the agent's first turn after it (all the turns after the task
    /// when the agent never answers), which no step holds: what the run shows before the agent acts
    /// (WebArena's start page). The review screen shows each as a `Turn` after the task; empty when no
    /// turn states the task.
    public static func openingTurns(_ turns: [TurnKind]) -> Range<Int> {
        guard let task = turns.firstIndex(of: .task) else { return 0..<0 }
        return (task + 1)..<(turns[(task + 1)...].firstIndex(of: .agent) ?? turns.count)
    }

    /// The most bytes of a text written to an output at once.
    public static let pieceSize = 1 << 16

    private static func chatSpeaker(_ role: MessageRole) -> String {
        switch role {
        case .agent: "Assistant"
        case .system: "System"
        case .tool: "Tool"
        case .instruction, .environment: "User"
        }
    }

    private static func format(_ reward: Double?) -> String {
        guard let reward else { return "unknown" }
        return reward == reward.rounded() ? String(Int(reward)) : String(reward)
    }

    /// ``visible(_:)`` of `text` with two spaces before every line and a line feed after the last, written in
    /// pieces: a 300 MB observation is made visible and indented in one pass, never copied whole.
    private static func writeIndented(_ text: String, to out: inout some TextOutputStream) {
        var piece = "  "
        piece.reserveCapacity(pieceSize + 16)
        appendVisible(text, to: &piece, lineStart: "  ", limit: pieceSize) { piece in
            out.write(piece)
            piece.removeAll(keepingCapacity: true)
        }
        out.write(piece + "\n")
    }

    /// `text` as a JSON string, or `null`, written in pieces of at most ``pieceSize`` bytes of it (cut
    /// between scalars), so that the escaped copy of a 300 MB text is never made whole.
    private static func writeJSON(_ text: String?, to out: inout some TextOutputStream) {
        guard var text else { return out.write("null") }
        out.write("\"")
        text.withUTF8 { bytes in
            var start = 0
            while start < bytes.count {
                var end = min(bytes.count, start + pieceSize)
                while end < bytes.count, UTF8.isContinuation(bytes[end]) { end += 1 }
                var piece: [UInt8] = []
                JSONWriter.writeEscaped(UnsafeBufferPointer(rebasing: bytes[start..<end]), into: &piece)
                out.write(String(decoding: piece, as: UTF8.self))
                start = end
            }
        }
        out.write("\"")
    }

    /// `text` made inert for a terminal: every control (C0, DEL, C1) except the line feed and tab, every
    /// format character (bidi controls, zero-width spaces, tag characters) but the two joiners, and the
    /// line and paragraph separators are written as visible escapes (`\e`, `\r`, `\u{9b}`, `\u{202e}`),
    /// so data printed by a command or paged cannot move the cursor, set the title, write the clipboard
    /// or reorder what the reader sees.
    public static func visible(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        appendVisible(text, to: &out, lineStart: "")
        return out
    }

    /// JSON text (a record as imported) made inert as ``visible(_:)`` makes text, but with JSON's own
    /// escapes: a scalar that may not reach a terminal as itself is written `\u009b` (a UTF-16 pair above
    /// U+FFFF), ESC `\u001b` and CR `\r`. Such scalars can stand in valid JSON only inside strings, where
    /// these escapes mean the same, so the view stays the record's JSON for a reader or a copy.
    public static func visibleJSON(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        appendVisible(text, to: &out, lineStart: "", escape: jsonEscape)
        return out
    }

    /// ``visible(_:)`` on one line, to quote data inside a message or a table cell: line feeds and tabs
    /// written `\n` and `\t` too.
    public static func visibleOnOneLine(_ text: String) -> String {
        visible(text).replacingOccurrences(of: "\n", with: #"\n"#).replacingOccurrences(of: "\t", with: #"\t"#)
    }

    /// Appends ``visible(_:)`` of `text` to `out`, with `lineStart` after every line feed, handing `out` to
    /// `flush` (which empties it) each time it holds `limit` bytes or more; a scalar that may not show as
    /// itself (``showsAsItself(_:)``) is written as `escape` writes it.
    private static func appendVisible(
        _ text: String, to out: inout String, lineStart: String, limit: Int = .max,
        flush: (inout String) -> Void = { _ in }, escape: (Unicode.Scalar) -> String = swiftEscape
    ) {
        for scalar in text.unicodeScalars {
            if out.utf8.count >= limit { flush(&out) }
            switch scalar {
            case "\n":
                out.unicodeScalars.append(scalar)
                out += lineStart
            case "\t": out.unicodeScalars.append(scalar)
            case _ where !showsAsItself(scalar): out += escape(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
    }

    /// `\e`, `\r` or `\u{9b}`: how ``visible(_:)`` writes a scalar that may not show as itself.
    private static func swiftEscape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\u{1B}": "\\e"
        case "\r": "\\r"
        default: "\\u{\(String(scalar.value, radix: 16))}"
        }
    }

    /// `\r` or `\u009b` (a UTF-16 pair above U+FFFF): how ``visibleJSON(_:)`` writes one.
    private static func jsonEscape(_ scalar: Unicode.Scalar) -> String {
        guard scalar != "\r" else { return "\\r" }
        return String(scalar).utf16.map { unit in
            let hex = String(unit, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }.joined()
    }

    /// Whether `scalar` may reach a terminal as itself: not a control character (C0, DEL, C1), not a
    /// line or paragraph separator, not a format character (the bidi controls, zero-width spaces, the
    /// byte order mark, tag characters), except the joiners that emoji sequences and Indic and Persian
    /// text need. ``visible(_:)`` escapes the others, and so does ``ShellWord``.
    public static func showsAsItself(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20..<0x7F: true
        case 0..<0x20, 0x7F, 0x80..<0xA0, 0x2028, 0x2029: false
        case 0x200C, 0x200D: true
        default: scalar.properties.generalCategory != .format
        }
    }
}
