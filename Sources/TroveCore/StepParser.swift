/// Splits a trajectory into its structure (prompt, handshake, in-context
/// example, task) and the steps of the real task, and computes its quality
/// flags.
///
/// There is one grammar per AgentInstruct task (see ``Dialect``), a generic
/// ReAct grammar, and a raw fallback that never fails:
///
/// ```swift
/// let parsed = StepParser.parse(trajectory.messages, task: trajectory.task)
/// for step in parsed.steps {
///     print(step.action?.kind ?? "-", step.finalAnswer ?? "")
/// }
/// ```
///
/// ## Structure
///
/// `turns[i]` is the ``TurnKind`` of message `i`:
/// - System messages are ``TurnKind/other``.
/// - The first other message is the ``TurnKind/prompt`` when it is not an
///   agent turn. An agent reply right after it that is a known acknowledgement
///   (`Ok.`, `OK. I'll follow your instructions…`, `I've understood your
///   instruction, start please.`) is the ``TurnKind/handshake``.
/// - os and kg carry a one-shot example as real turns: every turn from there
///   up to the message starting with "Now, I will start a new problem" (os)
///   or "A new question:" (kg) is ``TurnKind/example``, and that message is
///   the ``TurnKind/task``.
/// - Otherwise the first non-agent message after the prompt and handshake is
///   the task. When an agent turn follows the prompt directly (mind2web's
///   single human message, a plain chat question), the prompt also states the
///   task and is marked ``TurnKind/task`` instead.
/// - After the task, every agent message is ``TurnKind/agent`` and makes one
///   ``Step``; the message right after it, unless it is an agent or system
///   message, is its ``TurnKind/observation``. Any other message is
///   ``TurnKind/other``.
/// - In a ``Dialect/toolCalls`` run the prompt states the task, and every
///   `tool` message right after an agent turn's observation is an observation
///   too (one per call); the step's observation joins them. An environment or
///   `tool` message before the first agent turn (WebArena's start page) is an
///   observation of no step; a user message there stays ``TurnKind/other``.
///
/// ## Steps
///
/// A step's ``Step/segments`` always reassemble its message text exactly. An
/// agent turn that breaks the dialect's grammar becomes a step parsed by
/// ``Dialect/raw``: one ``Segment/Kind/other`` piece, its trimmed text as the
/// thought. The observation drops the dialect's fixed head: os
/// `The output of the OS:` and terminus `New Terminal Output:` and the line
/// breaks after them, kg and ReAct (and WebShop when present) `Observation: `.
/// A turn that opens with a reasoning block (`<think>…</think>`, ``ReasoningBlock``:
/// a reasoning model's own, or a format's separate reasoning put there at
/// import) has the block's reasoning first in its thought, whatever the
/// dialect; the dialect's grammar reads the text after the block. A
/// ``Dialect/toolCalls`` run that ends on an agent reply calling nothing,
/// after some turn called a tool, submitted that reply: its text is the
/// final answer (``finalReplyIndex(_:turns:)``).
///
/// ## Flags
///
/// - ``QualityFlag/noAnswer``: the last step has neither a final answer nor a
///   terminal action, or there is no step. Not set for ``Dialect/raw``, which
///   has no notion of an answer.
/// - ``QualityFlag/emptyTurn``: some agent message is empty or white space. Such
///   a turn is parsed as raw but is not also counted as a raw fallback.
/// - ``QualityFlag/answerWithoutAction``: no step up to the first final answer
///   acted on the environment (`answer(…)`, db `Action: Answer`, `finish` and
///   `Final Answer` do not act), and the environment showed nothing before the
///   first agent turn (WebArena's `stop [answer]` on its start page is not
///   flagged): ``answersWithoutAction(turns:readings:)``.
/// - ``QualityFlag/labelLeak``: an agent message says "provided answer",
///   "expected answer" or "correct answer is" (any case). Prompts and
///   observations are not scanned: AgentBench's own prompt says "the correct
///   answer".
/// - ``QualityFlag/rawFallback``: some agent turn broke the dialect's grammar,
///   or no dialect matched at all and the trajectory parsed as ``Dialect/raw``.
/// - ``QualityFlag/repeatedAction``, ``QualityFlag/unansweredAction``,
///   ``QualityFlag/errorStreak``: see ``behaviourFlags(_:readings:)``;
///   ``QualityFlag/cutByLimit`` comes from the outcome (``parse(_:)``).
public enum StepParser {
    /// Parses a trajectory with the dialect its format implies
    /// (``Trajectory/dialect``), else as ``parse(_:task:dialect:)`` chooses, and
    /// adds ``QualityFlag/cutByLimit`` when its outcome is a limit. A run its
    /// harness records as submitted is not flagged ``QualityFlag/noAnswer``.
    public static func parse(_ trajectory: Trajectory) -> ParsedTrajectory {
        var parsed = parse(trajectory.messages, task: trajectory.task, dialect: trajectory.dialect)
        if trajectory.outcome?.isLimit == true { parsed.flags.insert(.cutByLimit) }
        if trajectory.outcome == .submitted { parsed.flags.remove(.noAnswer) }
        return parsed
    }

    /// The index of the task turn ``parse(_:)`` finds (its ``ParsedTrajectory/taskIndex``), from the
    /// messages' structure alone: no agent turn is read.
    public static func taskIndex(of trajectory: Trajectory) -> Int? {
        let dialect = dialect(of: trajectory.messages, task: trajectory.task, given: trajectory.dialect)
        return structure(of: trajectory.messages, dialect: dialect).firstIndex(of: .task)
    }

    /// Parses with `dialect` when given, else the dialect named by `task` when
    /// it is one of ``Dialect``'s task cases (`os`, `db`, `alfworld`,
    /// `webshop`, `kg`, `mind2web`, any case), else detects it with
    /// ``detectDialect(_:)``.
    ///
    /// Never fails: text no grammar understands parses as ``Dialect/raw``.
    public static func parse(_ messages: [Message], task: String?, dialect given: Dialect? = nil) -> ParsedTrajectory {
        let dialect = dialect(of: messages, task: task, given: given)
        let turns = structure(of: messages, dialect: dialect)
        var steps: [Step] = []
        var readings: [TurnReading] = []
        // One step per agent turn: sized once rather than grown step by step.
        let agentTurns = turns.reduce(0) { $1 == .agent ? $0 + 1 : $0 }
        steps.reserveCapacity(agentTurns)
        readings.reserveCapacity(agentTurns)
        // A run with no agent turn (a harness error before the first reply) broke no grammar.
        var flags: Set<QualityFlag> = dialect == .raw && agentTurns > 0 ? [.rawFallback] : []
        let finalReply = dialect == .toolCalls ? finalReplyIndex(messages, turns: turns) : nil
        // Indices rather than enumerated(): that copied every message, not only the agent turns read here.
        for index in messages.indices where turns[index] == .agent {
            let message = messages[index]
            let isFinalReply = index == finalReply
            let (reading, parsedBy) = message.text.withTurnText { whole -> (TurnReading, Dialect) in
                // A reasoning block is the thought whatever the dialect; the dialect reads the text after it.
                guard let block = ReasoningBlock.leading(in: whole) else {
                    return readAgentTurn(
                        whole, calls: message.toolCalls, dialect: dialect, isFinalReply: isFinalReply, flags: &flags)
                }
                let text = TurnText(bytes: UnsafeBufferPointer(rebasing: whole.bytes[block.end...]))
                let (reading, parsedBy) = readAgentTurn(
                    text, calls: message.toolCalls, dialect: dialect, isFinalReply: isFinalReply, flags: &flags)
                return (block.joined(with: reading), parsedBy)
            }
            var answers = index + 1..<index + 1
            while answers.upperBound < messages.count && turns[answers.upperBound] == .observation {
                answers = answers.lowerBound..<answers.upperBound + 1
            }
            let observation =
                switch answers.count {
                case 0: nil as String?
                case 1: observationText(messages[answers.lowerBound].text, dialect: dialect)
                default: answers.map { observationText(messages[$0].text, dialect: dialect) }.joined(separator: "\n\n")
                }
            steps.append(
                Step(
                    messageIndex: index, observationIndex: answers.isEmpty ? nil : answers.lowerBound,
                    thought: reading.thought, action: reading.action, observation: observation,
                    finalAnswer: reading.finalAnswer, parsedBy: parsedBy, segments: reading.segments))
            readings.append(reading)
        }
        flags.formUnion(qualityFlags(messages, turns: turns, readings: readings, dialect: dialect))
        flags.formUnion(behaviourFlags(steps, readings: readings))
        return ParsedTrajectory(dialect: dialect, turns: turns, steps: steps, flags: flags)
    }

    /// Reads one agent turn's text (after its reasoning block, if any) in `dialect`, and the dialect that
    /// read it: ``Dialect/raw`` for a blank text or one that breaks the grammar (the latter also flagged
    /// ``QualityFlag/rawFallback`` in `flags`). `isFinalReply`: the turn is a tool-calling run's final
    /// reply (``finalReplyIndex(_:turns:)``), read as its answer.
    ///
    /// Implementation note: a blank text has nothing to parse, and is no raw fallback (a blank turn is
    /// reported as emptyTurn; a turn of nothing but its reasoning block is not empty). A tool call with no
    /// text is not blank: its action is the call.
    private static func readAgentTurn(
        _ text: TurnText, calls: [ToolCall], dialect: Dialect, isFinalReply: Bool, flags: inout Set<QualityFlag>
    ) -> (TurnReading, Dialect) {
        if dialect == .toolCalls {
            return (isFinalReply ? readFinalReply(text) : readToolCallTurn(text, calls: calls), .toolCalls)
        }
        if text.isBlank(0..<text.count) { return (readRawTurn(text, as: .other), .raw) }
        if dialect == .raw || dialect == .chat { return (readRawTurn(text, as: .thought), dialect) }
        if let reading = readTurn(text, dialect: dialect) { return (reading, dialect) }
        flags.insert(.rawFallback)
        return (readRawTurn(text, as: .other), .raw)
    }

    /// The task dialect a task name selects: one of the six AgentInstruct
    /// splits, in any case. `react`, `raw` and unknown names select none.
    static func taskDialect(named task: String) -> Dialect? {
        switch Dialect(rawValue: task.lowercased()) {
        case .some(.react), .some(.raw), .some(.toolCalls), .some(.commandBlock), .some(.terminus), .none: return nil
        case .some(let dialect): return dialect
        }
    }

    /// Reads one agent turn with `dialect`'s grammar, or `nil` when the turn
    /// does not follow it.
    static func readTurn(_ text: TurnText, dialect: Dialect) -> TurnReading? {
        switch dialect {
        case .os: readOSTurn(text)
        case .db: readDBTurn(text)
        case .alfworld: readALFWorldTurn(text)
        case .webshop: readWebShopTurn(text)
        case .kg: readKGTurn(text)
        case .mind2web: readMind2WebTurn(text)
        case .react: readReActTurn(text)
        case .commandBlock: readCommandBlockTurn(text)
        case .terminus: readTerminusTurn(text)
        case .toolCalls, .raw, .chat: readRawTurn(text, as: .thought)
        }
    }

    // MARK: - Structure

    /// The known acknowledgements an agent gives right after the prompt,
    /// compared after trimming, ignoring case.
    static let handshakes: Set<String> = [
        "ok", "ok.", "okay", "okay.", "ok. i'll follow your instructions and try my best to solve the task.",
        "i've understood your instruction, start please.",
    ]

    /// Whether `message` is an agent turn whose text is a known handshake.
    static func isHandshake(_ message: Message) -> Bool {
        // Every known handshake is short; the length check keeps long turns
        // from being trimmed and lower-cased for nothing.
        guard message.role == .agent, message.text.utf8.count <= 80 else { return false }
        let trimmed = message.text.withTurnText { text in text.string(text.trimmed(0..<text.count)) }
        return handshakes.contains(trimmed.lowercased())
    }

    /// The index of the prompt (the first message that is not a system
    /// message) and of the handshake after it, if any. `nil` when the first
    /// such message is an agent turn.
    static func promptAndHandshake(_ messages: [Message]) -> (prompt: Int, handshake: Int?)? {
        guard let prompt = messages.firstIndex(where: { $0.role != .system }), messages[prompt].role != .agent
        else { return nil }
        let next = prompt + 1
        return (prompt, next < messages.count && isHandshake(messages[next]) ? next : nil)
    }

    /// The dialect ``parse(_:task:dialect:)`` reads `messages` in: `given`, else `task`'s, else detected.
    static func dialect(of messages: [Message], task: String?, given: Dialect?) -> Dialect {
        given ?? task.flatMap(taskDialect(named:)) ?? detectDialect(messages)
    }

    /// The ``TurnKind`` of every message; see "Structure" above.
    static func structure(of messages: [Message], dialect: Dialect) -> [TurnKind] {
        var turns = [TurnKind](repeating: .other, count: messages.count)
        var firstStepCandidate = 0
        if let opening = promptAndHandshake(messages) {
            turns[opening.prompt] = .prompt
            if let handshake = opening.handshake { turns[handshake] = .handshake }
            let afterOpening = (opening.handshake ?? opening.prompt) + 1
            if dialect == .toolCalls {
                // A tool-calling run states its task in its first user message; what the user side adds before
                // the first agent turn (workspace context) is context, not the task. What the environment
                // shows before it (WebArena's start page) is the run's own first observation, searched as
                // its own turns are.
                turns[opening.prompt] = .task
                firstStepCandidate = afterOpening
                var index = afterOpening
                while index < messages.count && messages[index].role != .agent {
                    if messages[index].role == .environment || messages[index].role == .tool {
                        turns[index] = .observation
                    }
                    index += 1
                }
            } else if let marker = exampleEndMarker(dialect),
                let task = messages[afterOpening...].firstIndex(where: { startsWith($0, marker) })
            {
                for index in afterOpening..<task where messages[index].role != .system { turns[index] = .example }
                turns[task] = .task
                firstStepCandidate = task + 1
            } else if let task = messages[afterOpening...].firstIndex(where: { $0.role != .system }),
                messages[task].role != .agent
            {
                turns[task] = .task
                firstStepCandidate = task + 1
            } else {
                turns[opening.prompt] = .task
                firstStepCandidate = afterOpening
            }
        }
        var index = firstStepCandidate
        while index < messages.count {
            if messages[index].role == .agent {
                turns[index] = .agent
                let next = index + 1
                if next < messages.count && messages[next].role != .agent && messages[next].role != .system {
                    turns[next] = .observation
                    index = next
                    // One agent turn may make several tool calls, each answered by its own tool message.
                    while dialect == .toolCalls && index + 1 < messages.count && messages[index + 1].role == .tool {
                        index += 1
                        turns[index] = .observation
                    }
                }
            }
            index += 1
        }
        return turns
    }

    /// The start of the message that ends `dialect`'s in-context example, if
    /// the dialect has one.
    static func exampleEndMarker(_ dialect: Dialect) -> StaticString? {
        switch dialect {
        case .os: osTaskMarker
        case .kg: kgTaskMarker
        default: nil
        }
    }

    /// Whether a non-agent message starts with `marker` after white space.
    static func startsWith(_ message: Message, _ marker: StaticString) -> Bool {
        message.role != .agent && message.role != .system
            && message.text.withTurnText { text in text.hasPrefix(marker, at: text.skippingWhitespace(from: 0)) }
    }

    /// The environment's text without the dialect's fixed head.
    static func observationText(_ text: String, dialect: Dialect) -> String {
        let headLength = text.withTurnText { observationHeadLength($0, dialect: dialect) }
        return headLength == 0 ? text : text.withTurnText { $0.string(headLength..<$0.count) }
    }

    /// How many bytes of an observation are the dialect's fixed head: os
    /// `The output of the OS:` and up to two line breaks after it (one in the
    /// example, two in the real task), terminus `New Terminal Output:` and up to
    /// two line breaks, else `Observation:` and its spaces. Terminus's head
    /// counts only where it opens the observation: the harness's warnings about
    /// the previous reply, written before it, stay.
    static func observationHeadLength(_ text: TurnText, dialect: Dialect) -> Int {
        switch dialect {
        case .os where text.hasPrefix(osObservationPrefix, at: 0):
            return skippingLineBreaks(text, from: osObservationPrefix.utf8CodeUnitCount)
        case .terminus where text.hasPrefix(terminusObservationPrefix, at: 0):
            return skippingLineBreaks(text, from: terminusObservationPrefix.utf8CodeUnitCount)
        case .kg, .react, .webshop:
            guard text.hasPrefix(observationLabel, at: 0) else { return 0 }
            return text.skippingSpaces(from: observationLabel.utf8CodeUnitCount)
        default:
            return 0
        }
    }

    /// The offset after up to two line breaks (`\n` or `\r\n`) at `offset`.
    static func skippingLineBreaks(_ text: TurnText, from offset: Int) -> Int {
        var end = offset
        for _ in 0..<2 {
            if text.hasPrefix("\r\n", at: end) {
                end += 2
            } else if text.hasPrefix("\n", at: end) {
                end += 1
            }
        }
        return end
    }
}
