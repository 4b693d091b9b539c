import TroveCore

/// The team commands on PostgreSQL (``TeamStore``): the policy's decisions derived by the same SQL as
/// the SQLite store's (``TeamPolicySQL``), in PostgreSQL's dialect.
extension PostgresStore: TeamStore {
    /// Records `policy` as set by `reviewer` now (`team_policy` keeps every policy set, with who and
    /// when) and derives every trajectory's decision again under it, all in one transaction; with other
    /// adjudicators, the corrected trajectories are parsed again from the texts now decided.
    ///
    /// - returns: How many decisions changed status, and the statuses' counts before and after.
    @discardableResult
    public func setTeamPolicy(_ policy: TeamPolicy, by reviewer: String) throws -> TeamPolicyChange {
        try serial.withLock {
            try connection.transaction {
                // Label writers derive decisions under this lock: a label committed while the policy is
                // set would otherwise be overwritten with a decision read before it.
                try lockLabels()
                let before = try connection.execute(
                    "SELECT adjudicators FROM team_policy ORDER BY id DESC LIMIT 1", binary: true)
                let adjudicatorsBefore = before.rowCount > 0 ? PostgresLabelColumns.tags(try before.string(0, 0)) : []
                let statusesBefore = try statusCounts()
                try connection.execute(
                    """
                    CREATE TEMP TABLE previous_decision ON COMMIT DROP AS
                    SELECT trajectory_id, status FROM label_current
                    """)
                try connection.execute(
                    """
                    INSERT INTO team_policy (min_reviews, consensus, adjudicators, set_by, set_at)
                    VALUES ($1, $2, $3, $4, $5)
                    """,
                    [
                        .integer(policy.minReviews), .text(policy.consensus.rawValue),
                        .text(JSONWriter.string(.array(policy.adjudicators.map { .string($0) }))), .text(reviewer),
                        .text(Timestamp.now()),
                    ])
                let derive = TeamPolicySQL(.postgres).updateDecisions("SELECT trajectory_id FROM reviewer_current")
                for statement in derive { try connection.execute(statement) }
                let changed = try connection.execute(
                    """
                    SELECT count(*) FROM previous_decision p JOIN label_current c ON c.trajectory_id = p.trajectory_id
                    WHERE c.status <> p.status
                    """)
                // A corrected turn's decided text is the latest adjudicator's correction, else the latest
                // reviewer's: with other adjudicators the stored parse follows other texts.
                if Set(adjudicatorsBefore) != Set(policy.adjudicators) {
                    let corrected = try connection.execute(
                        "SELECT DISTINCT trajectory_id FROM turn_current WHERE text IS NOT NULL ORDER BY 1",
                        binary: true)
                    for row in 0..<corrected.rowCount { try reparse(rowID: try corrected.integer(row, 0) ?? 0) }
                }
                return TeamPolicyChange(
                    changed: Int(try changed.integer(0, 0) ?? 0), before: statusesBefore, after: try statusCounts())
            }
        }
    }

    private func statusCounts() throws -> [LabelStatus: Int] {
        let result = try connection.execute(TeamPolicyChange.statusCountsSQL, binary: true)
        var counts: [LabelStatus: Int] = [:]
        for row in 0..<result.rowCount {
            if let status = try result.string(row, 0).flatMap(LabelStatus.init(rawValue:)) {
                counts[status] = Int(try result.integer(row, 1) ?? 0)
            }
        }
        return counts
    }

    /// Per reviewer with an assignment or a label, in name order (by code point): assigned, done,
    /// decided, and their pace over the hour up to their latest label event (as the SQLite store
    /// measures it).
    public func progress() throws -> [ReviewerProgress] {
        try serial.withLock {
            let result = try connection.execute(TeamPolicySQL(.postgres).progress, binary: true)
            return try (0..<result.rowCount).map { row in
                ReviewerProgress(
                    reviewer: try result.string(row, 0) ?? "", assigned: Int(try result.integer(row, 1) ?? 0),
                    done: Int(try result.integer(row, 2) ?? 0), decided: Int(try result.integer(row, 3) ?? 0),
                    labelsPerHour: try result.real(row, 4))
            }
        }
    }
}
