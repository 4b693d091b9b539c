/// A trajectory's messages understood as structure: which turns are prompt,
/// handshake, in-context example and task, and the steps of the real task.
///
/// Produced by ``StepParser``; the store keeps it beside the messages so
/// the review UI and the exporters never parse again.
public struct ParsedTrajectory: Sendable, Hashable {
    /// The dialect the trajectory was parsed with.
    public var dialect: Dialect
    /// One entry per message, in message order.
    public var turns: [TurnKind]
    /// The steps of the real task, in order (in-context example turns make none).
    public var steps: [Step]
    /// Defects found while parsing.
    public var flags: Set<QualityFlag>

    public init(dialect: Dialect, turns: [TurnKind], steps: [Step], flags: Set<QualityFlag>) {
        self.dialect = dialect
        self.turns = turns
        self.steps = steps
        self.flags = flags
    }

    /// The index of the message that states the real task, if one was found.
    public var taskIndex: Int? { turns.firstIndex(of: .task) }
}
