/// One change a reviewer makes to a trajectory's label, as data.
///
/// The review UI's keys and `trove label` build the same `LabelChange` (the `a`
/// key and `trove label --accept` both make ``accept``), and the store applies
/// it to the current label with ``applied(to:)`` and records the result as one
/// event in the append-only history.
///
/// ```swift
/// let change = LabelChange(status: .rejected, addTags: ["wrong-answer"], note: .set("answer is 3, not 4"))
/// let next = change.applied(to: .unreviewed)  // rejected, tagged, with a note
/// ```
public struct LabelChange: Sendable, Hashable {
    /// How the reward override changes.
    public enum RewardChange: Sendable, Hashable {
        /// Set the override, with an optional reason.
        case set(Double, reason: String?)
        /// Remove the override; the environment's reward applies again.
        case clear
    }

    /// How the note changes.
    public enum NoteChange: Sendable, Hashable {
        /// Replace the note (an empty text clears it).
        case set(String)
        /// Remove the note.
        case clear
    }

    /// The new status, or `nil` to keep it.
    public var status: LabelStatus?
    /// The reward change, or `nil` to keep the override as it is.
    public var reward: RewardChange?
    /// Tags to add.
    public var addTags: [String]
    /// Tags to remove.
    public var removeTags: [String]
    /// Tags to flip: added when absent, removed when present.
    public var toggleTags: [String]
    /// The note change, or `nil` to keep it.
    public var note: NoteChange?

    public init(
        status: LabelStatus? = nil, reward: RewardChange? = nil, addTags: [String] = [], removeTags: [String] = [],
        toggleTags: [String] = [], note: NoteChange? = nil
    ) {
        self.status = status
        self.reward = reward
        self.addTags = addTags
        self.removeTags = removeTags
        self.toggleTags = toggleTags
        self.note = note
    }

    /// Accept the trajectory.
    public static let accept = LabelChange(status: .accepted)
    /// Reject the trajectory.
    public static let reject = LabelChange(status: .rejected)
    /// Put the trajectory back to pending.
    public static let pending = LabelChange(status: .pending)

    /// Whether the change changes nothing.
    public var isEmpty: Bool {
        status == nil && reward == nil && addTags.isEmpty && removeTags.isEmpty && toggleTags.isEmpty && note == nil
    }

    /// The label that results from applying this change to `label`.
    public func applied(to label: ReviewLabel) -> ReviewLabel {
        var result = label
        if let status { result.status = status }
        switch reward {
        case .set(let value, let reason):
            result.reward = value
            result.rewardReason = reason
        case .clear:
            result.reward = nil
            result.rewardReason = nil
        case nil: break
        }
        var tags = Set(label.tags)
        tags.formUnion(addTags)
        tags.subtract(removeTags)
        for tag in toggleTags where tags.remove(tag) == nil { tags.insert(tag) }
        result.setTags(tags)
        switch note {
        case .set(let text): result.note = text.isEmpty ? nil : text
        case .clear: result.note = nil
        case nil: break
        }
        return result
    }

    /// Whether every label this change gives holds something (a verdict, a reward override or a note),
    /// so that none of them is empty (pending, without reward, reason, tags or note: no label at all),
    /// whatever label it changes. A store skips looking for emptied labels after such a change.
    public var leavesNonEmptyLabels: Bool {
        if status == .accepted || status == .rejected { return true }
        if case .set? = reward { return true }
        if case .set(let text)? = note, !text.isEmpty { return true }
        return false
    }

    /// Checks the values a reviewer typed: a status a reviewer can give (not ``LabelStatus/disputed``,
    /// which only the team policy derives), a reward in `0...1`, tags that are non-empty and free of
    /// white space and commas.
    ///
    /// - throws: ``LabelChangeError`` saying which value is wrong.
    public func validate() throws(LabelChangeError) {
        if status == .disputed { throw .derivedStatus }
        if case .set(let value, _) = reward, !(0...1).contains(value) || value.isNaN {
            throw .rewardOutOfRange(value)
        }
        for tag in addTags + removeTags + toggleTags
        where tag.isEmpty || tag.contains(where: { $0.isWhitespace || $0 == "," }) {
            throw .invalidTag(tag)
        }
    }
}

/// A label change with a value a reviewer must correct.
public enum LabelChangeError: Error, Sendable, Hashable, CustomStringConvertible {
    case rewardOutOfRange(Double)
    case invalidTag(String)
    /// `disputed` is the policy's decision, never a reviewer's label.
    case derivedStatus

    public var description: String {
        switch self {
        case .derivedStatus: "'disputed' is decided by the team policy, not set by a reviewer"
        case .rewardOutOfRange(let value): "reward \(value) is outside 0...1"
        case .invalidTag(let tag): "tag '\(tag)' must be non-empty, without spaces or commas"
        }
    }
}
