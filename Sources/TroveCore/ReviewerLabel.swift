/// One reviewer's current label on one trajectory: what the `reviewer_label` view shows.
///
/// Every reviewer has their own label; the trajectory's decision is derived from all of them by the
/// store's ``TeamPolicy``.
public struct ReviewerLabel: Sendable, Hashable {
    /// Whose label it is.
    public var reviewer: String
    public var label: ReviewLabel
    /// When the label last changed (UTC, ISO 8601 with milliseconds).
    public var at: String
    /// Whether the store's team policy names the reviewer an adjudicator.
    public var isAdjudicator: Bool

    public init(reviewer: String, label: ReviewLabel, at: String, isAdjudicator: Bool) {
        self.reviewer = reviewer
        self.label = label
        self.at = at
        self.isAdjudicator = isAdjudicator
    }
}
