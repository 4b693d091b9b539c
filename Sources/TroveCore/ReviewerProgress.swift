/// One reviewer's work: what `trove progress` prints per reviewer.
public struct ReviewerProgress: Sendable, Hashable {
    public var reviewer: String
    /// Trajectories assigned to the reviewer.
    public var assigned: Int
    /// Assigned trajectories the reviewer's current label accepts or rejects: their queue's progress.
    public var done: Int
    /// Trajectories the reviewer's current label accepts or rejects, assigned to them or not (an
    /// adjudicator's decisions, say): what `decided:REVIEWER` selects.
    public var decided: Int
    /// Labels per hour over the last hour of the reviewer's work (their changes, label batches, in the
    /// hour up to their latest one, over the time those span); nil with fewer than two such changes, or
    /// when they span less than five minutes (``TeamPolicySQL/shortestPaceSpan``).
    public var labelsPerHour: Double?

    public init(reviewer: String, assigned: Int, done: Int, decided: Int, labelsPerHour: Double?) {
        self.reviewer = reviewer
        self.assigned = assigned
        self.done = done
        self.decided = decided
        self.labelsPerHour = labelsPerHour
    }

    /// Assigned trajectories not done yet.
    public var remaining: Int { max(0, assigned - done) }

    /// Hours until the queue is empty at ``labelsPerHour``: 0 when every assigned trajectory is done;
    /// nil when nothing is assigned (there is no queue to finish) or, with some left, without a rate.
    public var hoursLeft: Double? {
        guard assigned > 0 else { return nil }
        if remaining == 0 { return 0 }
        guard let rate = labelsPerHour, rate > 0 else { return nil }
        return Double(remaining) / rate
    }

    /// `hours` as whole hours and minutes, `2h 05m`, the minutes rounded up (a queue left at 61
    /// seconds takes 2 minutes, not 1), `0h 00m` for 0. A duration within a millionth of a minute of a
    /// whole minute is that minute: 14 trajectories at 6 an hour are 140 minutes, `2h 20m`, though the
    /// division gives 140.00000000000003.
    public static func hoursAndMinutes(_ hours: Double) -> String {
        let exact = max(0, hours) * 60
        let nearest = exact.rounded()
        let minutes = Int(abs(exact - nearest) < 1e-6 ? nearest : exact.rounded(.up))
        let rest = minutes % 60
        return "\(minutes / 60)h \(rest < 10 ? "0" : "")\(rest)m"
    }
}
