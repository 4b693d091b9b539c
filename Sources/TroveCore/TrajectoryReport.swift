/// One trajectory as `trove show` prints it: readable text, or a JSON object
/// for scripts.
///
/// JSON shape (absent values are `null`):
/// ```
/// {"id", "task", "group", "dialect", "env_reward", "review": {"status", "reward", "tags", "note"},
///  "flags": [], "steps": [{"message", "masked", "corrected", "thought", "action": {"kind", "argument"},
///  "observation", "final_answer"}]}
/// ```
///
/// `message` is the index of the step's agent message (the turn `trove label --turn` and `trove edit
/// --turn` name); `masked` says whether the reviewers masked that turn (do not train), `corrected`
/// whether they corrected its text (the step is parsed from the correction).
public enum TrajectoryReport {
    /// The JSON object of a trajectory, its parse, its label and the decisions on its turns.
    public static func json(
        _ trajectory: Trajectory, _ parsed: ParsedTrajectory, _ label: ReviewLabel, turns: [TurnLabel] = []
    ) -> JSONValue {
        let masked = Set(turns.filter(\.isMasked).map(\.turn))
        let corrected = Set(turns.filter(\.isEdited).map(\.turn))
        return
            .object([
                "id": .string(trajectory.id),
                "task": .string(trajectory.task),
                "group": .optional(TaskGroup.id(of: trajectory, parsed: parsed)),
                "dialect": .string(parsed.dialect.rawValue),
                "env_reward": .real(trajectory.environmentReward),
                "env_reward_source": .optional(trajectory.environmentRewardSource?.rawValue),
                "review": .object([
                    "status": .string(label.status.rawValue),
                    "reward": .real(label.reward),
                    "tags": .array(label.tags.map { .string($0) }),
                    "note": .optional(label.note),
                ]),
                "flags": .array(parsed.flags.sorted().map { .string($0.rawValue) }),
                "steps": .array(
                    parsed.steps.map { step in
                        .object([
                            "message": .integer(step.messageIndex),
                            "masked": .bool(masked.contains(step.messageIndex)),
                            "corrected": .bool(corrected.contains(step.messageIndex)),
                            "thought": .optional(step.thought),
                            "action": step.action.map {
                                .object(["kind": .string($0.kind), "argument": .string($0.argument)])
                            }
                                ?? .null,
                            "observation": .optional(step.observation),
                            "final_answer": .optional(step.finalAnswer),
                        ])
                    }),
            ])
    }

    /// Readable text: a header, the task, then each step's parts.
    ///
    /// Control characters in the data are shown as visible escapes (`\e`,
    /// `\r`, `\u{…}`), so printing a trajectory cannot drive the terminal.
    public static func text(
        _ trajectory: Trajectory, _ parsed: ParsedTrajectory, _ label: ReviewLabel, turns: [TurnLabel] = []
    ) -> String {
        let masked = Set(turns.filter(\.isMasked).map(\.turn))
        let corrected = Set(turns.filter(\.isEdited).map(\.turn))
        var out = "\(trajectory.id)  task \(trajectory.task)  dialect \(parsed.dialect.rawValue)"
        if let group = TaskGroup.id(of: trajectory, parsed: parsed) { out += "  group \(group)" }
        out += "\n"
        out += "env reward \(format(trajectory.environmentReward))"
        if let source = trajectory.environmentRewardSource { out += " (\(source.rawValue))" }
        out += "  review \(label.status.rawValue)"
        if let outcome = trajectory.outcome { out += "  outcome \(outcome.rawValue)" }
        if let reward = label.reward { out += "  reviewer reward \(format(reward))" }
        if !label.tags.isEmpty { out += "  tags \(label.tags.joined(separator: ","))" }
        out += "\n"
        if !parsed.flags.isEmpty { out += "flags \(parsed.flags.sorted().map(\.rawValue).joined(separator: ", "))\n" }
        if let note = label.note { out += "note \(visible(note))\n" }
        if parsed.dialect == .chat {
            // A conversation, not an agent's steps: each turn under its speaker.
            for message in trajectory.messages {
                out += "\n\(chatSpeaker(message.role)):\n\(indent(message.text))\n"
            }
            return out
        }
        if let taskIndex = parsed.taskIndex {
            out += "\nTask:\n\(indent(trajectory.messages[taskIndex].text))\n"
        }
        for (index, step) in parsed.steps.enumerated() {
            out +=
                "\n── step \(index + 1)" + (step.parsedBy == .raw && parsed.dialect != .raw ? " (unparsed)" : "")
                + (masked.contains(step.messageIndex) ? " (masked: not trained)" : "")
                + (corrected.contains(step.messageIndex) ? " (corrected by a reviewer)" : "") + "\n"
            if let thought = step.thought, !thought.isEmpty { out += "Thought:\n\(indent(thought))\n" }
            if let action = step.action { out += "Action [\(visible(action.kind))]:\n\(indent(action.argument))\n" }
            if let observation = step.observation { out += "Observation:\n\(indent(observation))\n" }
            if let answer = step.finalAnswer { out += "Final answer:\n\(indent(answer))\n" }
        }
        return out
    }

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

    /// ``visible(_:)`` with two spaces before every line, in one pass: a 300 MB observation is copied
    /// once, not split into an array of lines first.
    private static func indent(_ text: String) -> String {
        var out = "  "
        out.reserveCapacity(text.utf8.count + text.utf8.count / 32 + 2)
        appendVisible(text, to: &out, lineStart: "  ")
        return out
    }

    /// `text` made inert for a terminal: every control (C0, DEL, C1) and bidi character except the line
    /// feed and tab is written as a visible escape (`\e`, `\r`, `\u{9b}`), so data printed by a command
    /// cannot move the cursor, set the title or write the clipboard.
    public static func visible(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        appendVisible(text, to: &out, lineStart: "")
        return out
    }

    /// Appends ``visible(_:)`` of `text` to `out`, with `lineStart` after every line feed.
    private static func appendVisible(_ text: String, to out: inout String, lineStart: String) {
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A:
                out.unicodeScalars.append(scalar)
                out += lineStart
            case 0x09: out.unicodeScalars.append(scalar)
            case 0x1B: out += "\\e"
            case 0x0D: out += "\\r"
            case 0..<0x20, 0x7F, 0x80..<0xA0, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C:
                out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
    }
}
