/// A reviewer's verdict on a trajectory, or the trajectory's decision that the team policy derives
/// from every reviewer's verdict.
public enum LabelStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Not reviewed yet, or skipped; as a decision, fewer verdicts than the policy needs.
    case pending
    /// Keep for training.
    case accepted
    /// Leave out of training.
    case rejected
    /// A decision only, never a reviewer's verdict: enough reviewers decided, and they do not agree
    /// as the team policy asks.
    case disputed
}

/// The review state of one trajectory: status, the reviewer's reward override,
/// tags and note.
///
/// The environment's reward is never part of this: a reviewer's reward sits
/// beside it as an override, and the effective reward is the override when
/// there is one, else the environment's.
public struct ReviewLabel: Sendable, Hashable {
    public var status: LabelStatus
    /// The reviewer's reward in `0...1`, overriding the environment's; `nil` when not set.
    public var reward: Double?
    /// Why the reward was overridden, when the reviewer said.
    public var rewardReason: String?
    /// Tags, kept sorted and unique.
    public private(set) var tags: [String]
    /// A free-text note; `nil` when empty.
    public var note: String?

    /// The label of a trajectory nobody has reviewed.
    public static let unreviewed = ReviewLabel(status: .pending)

    public init(
        status: LabelStatus, reward: Double? = nil, rewardReason: String? = nil, tags: [String] = [],
        note: String? = nil
    ) {
        self.status = status
        self.reward = reward
        self.rewardReason = rewardReason
        self.tags = Array(Set(tags)).sorted()
        self.note = note
    }

    /// Replaces the tags, sorting them and dropping duplicates.
    public mutating func setTags(_ tags: some Sequence<String>) {
        self.tags = Array(Set(tags)).sorted()
    }
}
