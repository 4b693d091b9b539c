/// What `trove assign` did, per reviewer.
public struct AssignmentSummary: Sendable, Hashable {
    /// One reviewer's assignments.
    public struct Load: Sendable, Hashable {
        public var reviewer: String
        /// Assignments this run made.
        public var added: Int
        /// Every assignment the reviewer holds now.
        public var total: Int

        public init(reviewer: String, added: Int, total: Int) {
            self.reviewer = reviewer
            self.added = added
            self.total = total
        }
    }

    /// Trajectories the scope selected.
    public var trajectories: Int
    /// Per reviewer named, in the order named.
    public var loads: [Load]
    /// Trajectories left with fewer than the reviewers asked for, because every named reviewer already
    /// held or labeled them.
    public var short: Int

    public init(trajectories: Int, loads: [Load], short: Int) {
        self.trajectories = trajectories
        self.loads = loads
        self.short = short
    }
}

/// An assignment request trove cannot carry out.
public enum AssignmentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// More reviewers per trajectory than reviewers named.
    case tooFewReviewers(perItem: Int, reviewers: Int)
    /// `--per-item` below 1.
    case perItem(Int)
    /// An empty reviewer name.
    case emptyReviewer

    public var description: String {
        switch self {
        case .tooFewReviewers(let perItem, let reviewers):
            "--per-item \(perItem) needs at least \(perItem) distinct reviewers; --reviewers names \(reviewers)"
        case .perItem(let count): "--per-item must be 1 or more, not \(count)"
        case .emptyReviewer: "a reviewer's name must not be empty"
        }
    }
}
