/// A reviewer's verdict on a trajectory.
public enum LabelStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Not reviewed yet, or skipped.
    case pending
    /// Keep for training.
    case accepted
    /// Leave out of training.
    case rejected
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
