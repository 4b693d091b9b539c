/// One round of agent work: what the agent thought, what it did, what the
/// environment answered, and the final answer when the round ends the task.
///
/// Any part may be absent. A step is built from one agent message (and the
/// environment message that follows it, when there is one); ``segments`` cut
/// that agent message into labelled pieces that reassemble its exact text.
public struct Step: Sendable, Hashable {
    /// Index in ``Trajectory/messages`` of the agent message this step comes from.
    public var messageIndex: Int
    /// Index of the message that answered it, if any.
    public var observationIndex: Int?
    /// The agent's reasoning, without its label (`Think:`, `THOUGHT:`, …).
    public var thought: String?
    /// The action taken, if the turn holds one.
    public var action: StepAction?
    /// The environment's answer, without a dialect's fixed prefix
    /// (`The output of the OS:`, `Observation:`).
    public var observation: String?
    /// The answer that ends the task (`answer(3)` → `3`, `Final Answer: #3` → `#3`).
    public var finalAnswer: String?
    /// The dialect that parsed this turn: the trajectory's dialect, or
    /// ``Dialect/raw`` when the turn did not follow its grammar.
    public var parsedBy: Dialect
    /// The agent message cut into labelled pieces; concatenating their texts
    /// gives back the message text exactly.
    public var segments: [Segment]

    public init(
        messageIndex: Int, observationIndex: Int? = nil, thought: String? = nil, action: StepAction? = nil,
        observation: String? = nil, finalAnswer: String? = nil, parsedBy: Dialect, segments: [Segment]
    ) {
        self.messageIndex = messageIndex
        self.observationIndex = observationIndex
        self.thought = thought
        self.action = action
        self.observation = observation
        self.finalAnswer = finalAnswer
        self.parsedBy = parsedBy
        self.segments = segments
    }
}

/// An action: its kind (`bash`, `sql`, `search`, `click`, `get_relations`,
/// `CLICK`, `go`, …) and its argument as written (the command, the query, the
/// button, the function's arguments).
public struct StepAction: Sendable, Hashable {
    public var kind: String
    public var argument: String

    public init(kind: String, argument: String) {
        self.kind = kind
        self.argument = argument
    }
}

/// A labelled piece of an agent message.
public struct Segment: Sendable, Hashable {
    /// What the piece is.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Labels, fences and separators the grammar requires (`Act: `, ```` ```bash ````, `\n\n`).
        case syntax
        case thought
        case actionKind
        case actionArgument
        case finalAnswer
        /// Text the grammar does not account for.
        case other
    }

    public var kind: Kind
    public var text: String

    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }
}
