/// The decision on one agent turn of a trajectory (a `turn_label` row): whether a trainer learns from
/// it, derived from every reviewer's ``TurnTraining`` under the team policy as decisions are.
public struct TurnLabel: Sendable, Hashable {
    /// The message index (the `"message"` that `trove show --json` prints for each step).
    public var turn: Int
    /// `false`: masked (do not train); `true`: trained whatever the record says; nil: as imported (no
    /// reviewer's mask decides: too few of them, or they disagree).
    public var train: Bool?

    public init(turn: Int, train: Bool?) {
        self.turn = turn
        self.train = train
    }

    /// Whether the turn is masked: the reviewers decided not to train on it.
    public var isMasked: Bool { train == false }
}

extension Trajectory {
    /// The trajectory with `labels` applied to its agent turns: a decided turn's ``Message/loss`` is
    /// its decision, so exports write a masked turn untrained (`"loss": false`, `"weight": 0`).
    public func applying(_ labels: [TurnLabel]) -> Trajectory {
        var trajectory = self
        for label in labels where trajectory.messages.indices.contains(label.turn) {
            guard let train = label.train, trajectory.messages[label.turn].role == .agent else { continue }
            trajectory.messages[label.turn].loss = train
        }
        return trajectory
    }
}
