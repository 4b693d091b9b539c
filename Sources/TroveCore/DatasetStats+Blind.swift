extension DatasetStats {
    /// Per task, how many trajectories a reviewer accepted and rejected (their own current labels):
    /// selects `task, accepted, rejected` with the reviewer bound to the one placeholder, the same
    /// statement on both stores but for the placeholder's spelling.
    public static func ownDecisionsSQL(_ dialect: SQLDialect) -> String {
        let reviewer =
            switch dialect {
            case .sqlite: "?"
            case .postgres: "$1"
            }
        return """
            SELECT t.task AS task, sum(CASE WHEN v.status = 'accepted' THEN 1 ELSE 0 END) AS accepted,
                   sum(CASE WHEN v.status = 'rejected' THEN 1 ELSE 0 END) AS rejected
            FROM reviewer_current v JOIN trajectory t ON t.id = v.trajectory_id
            WHERE v.reviewer = \(reviewer) GROUP BY t.task
            """
    }

    /// The counts as a blind reviewer may see them: review progress from their own decisions (`own`,
    /// per task, from ``ownDecisionsSQL(_:)``), so that no task's counts tell what another reviewer
    /// decided (a task of one trajectory would name it); no disputes and no rewards.
    public func blind(ownDecisions own: [String: (accepted: Int, rejected: Int)]) -> DatasetStats {
        DatasetStats(
            tasks: tasks.map { row in
                var row = row
                let decided = own[row.task] ?? (0, 0)
                row.accepted = decided.accepted
                row.rejected = decided.rejected
                row.pending = row.trajectories - decided.accepted - decided.rejected
                row.disputed = 0
                row.rewards = RewardHistogram()
                return row
            })
    }
}
