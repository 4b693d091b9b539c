extension AssignmentPlan {
    /// The query both stores read a plan's holders with: for each trajectory `targets` selects (a query
    /// of trajectory row ids, pasted twice: with `?` placeholders its values are bound twice, in order), the reviewers
    /// assigned to it or whose current label accepts or rejects it, as `trajectory_id, reviewer` rows. A
    /// label that decides nothing (tags, a note, a reward override) does not hold a trajectory: its
    /// reviewer may still be assigned it and decide it from their queue.
    public static func holdersSQL(targets: String) -> String {
        """
        SELECT trajectory_id, reviewer FROM assignment WHERE trajectory_id IN (\(targets))
        UNION
        SELECT trajectory_id, reviewer FROM reviewer_current
        WHERE status <> 'pending' AND trajectory_id IN (\(targets))
        """
    }
}
