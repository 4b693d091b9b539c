/// What setting a team policy did (``TeamStore/setTeamPolicy(_:by:)``): how many decisions changed
/// status, and how many trajectories held each status before and after, both counted inside the
/// transaction that set it, so labels written meanwhile by other reviewers cannot skew them.
public struct TeamPolicyChange: Sendable, Hashable {
    /// How many decisions changed status.
    public var changed: Int
    /// Trajectories per status before the policy was set (an unlabeled trajectory is pending).
    public var before: [LabelStatus: Int]
    /// Trajectories per status under the new policy.
    public var after: [LabelStatus: Int]

    public init(changed: Int, before: [LabelStatus: Int], after: [LabelStatus: Int]) {
        self.changed = changed
        self.before = before
        self.after = after
    }

    /// The statement both backends count statuses with: rows of status and count.
    public static let statusCountsSQL = "SELECT status, count(*) FROM trajectory_review GROUP BY status"

    /// `accepted 200 → 0, pending 27 → 227`: the statuses whose counts changed, in the order accepted,
    /// rejected, disputed, pending; empty when none did.
    public var statusMoves: String {
        [LabelStatus.accepted, .rejected, .disputed, .pending].compactMap { status in
            let (from, to) = (before[status] ?? 0, after[status] ?? 0)
            return from == to ? nil : "\(status.rawValue) \(from) → \(to)"
        }.joined(separator: ", ")
    }
}
