/// One reviewer's work on their assignments: what `trove progress` prints per reviewer.
public struct ReviewerProgress: Sendable, Hashable {
    public var reviewer: String
    /// Trajectories assigned to the reviewer.
    public var assigned: Int
    /// Assigned trajectories the reviewer has accepted or rejected.
    public var done: Int
    /// Labels per hour over the last hour of the reviewer's work (their changes, label batches, in the
    /// hour up to their latest one, over the time those span); nil with fewer than two such changes, or
    /// when they span less than five minutes (``TeamPolicySQL/shortestPaceSpan``).
    public var labelsPerHour: Double?

    public init(reviewer: String, assigned: Int, done: Int, labelsPerHour: Double?) {
        self.reviewer = reviewer
        self.assigned = assigned
        self.done = done
        self.labelsPerHour = labelsPerHour
    }

    /// Assigned trajectories not done yet.
    public var remaining: Int { max(0, assigned - done) }

    /// Hours until the queue is empty at ``labelsPerHour``: 0 with nothing left, nil without a rate.
    public var hoursLeft: Double? {
        if remaining == 0 { return 0 }
        guard let rate = labelsPerHour, rate > 0 else { return nil }
        return Double(remaining) / rate
    }
}
