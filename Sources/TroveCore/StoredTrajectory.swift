/// A trajectory as the store holds it: the imported record, its parse, its
/// flags and its current review label.
public struct StoredTrajectory: Sendable, Hashable {
    /// The trajectory as imported (messages, metadata, original bytes).
    public var trajectory: Trajectory
    /// The parse stored at import (dialect, turn kinds, steps with segments).
    public var parsed: ParsedTrajectory
    /// The current review label.
    public var label: ReviewLabel
    /// The decisions on its agent turns that reviewers masked or unmasked, by message index.
    public var turns: [TurnLabel]
    /// The reviewer's reward when set, else the environment's; `nil` when unknown.
    public var effectiveReward: Double? { label.reward ?? trajectory.environmentReward }

    public init(trajectory: Trajectory, parsed: ParsedTrajectory, label: ReviewLabel, turns: [TurnLabel] = []) {
        self.trajectory = trajectory
        self.parsed = parsed
        self.label = label
        self.turns = turns
    }

    /// The message indices of the turns the reviewers masked.
    public var maskedTurns: Set<Int> { Set(turns.filter(\.isMasked).map(\.turn)) }
}
