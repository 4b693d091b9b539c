import GRDB
import TroveCore

extension Store: TeamStore {
    /// The team policy that derives the store's decisions: the last one ``setTeamPolicy(_:by:)``
    /// recorded, else ``TeamPolicy/solo``.
    public func teamPolicy() throws -> TeamPolicy {
        try writer.read { db in try Self.teamPolicy(db) }
    }

    /// Records `policy` as set by `reviewer` now (`team_policy` keeps every policy set, with who and
    /// when) and derives every trajectory's decision again under it, all in one transaction; with other
    /// adjudicators, the corrected trajectories are parsed again from the texts now decided.
    ///
    /// - returns: How many decisions changed status, and the statuses' counts before and after.
    /// - throws: ``StoreError/readOnly(path:)``.
    @discardableResult
    public func setTeamPolicy(_ policy: TeamPolicy, by reviewer: String) throws -> TeamPolicyChange {
        try requireWritable()
        return try writer.write { db in
            let adjudicatorsBefore = try Self.teamPolicy(db).adjudicators
            let statusesBefore = try Self.statusCounts(db)
            try db.execute(
                sql: """
                    DROP TABLE IF EXISTS temp.previous_decision;
                    CREATE TEMP TABLE previous_decision AS SELECT trajectory_id, status FROM label_current;
                    INSERT INTO team_policy (min_reviews, consensus, adjudicators, set_by, set_at) VALUES (?, ?, ?, ?, ?);
                    """,
                arguments: [
                    policy.minReviews, policy.consensus.rawValue,
                    JSONWriter.string(.array(policy.adjudicators.map { .string($0) })), reviewer, Timestamp.now(),
                ])
            for statement in DecisionSQL.update("SELECT trajectory_id FROM reviewer_current") {
                try db.execute(sql: statement)
            }
            let changed =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM previous_decision p JOIN label_current c ON c.trajectory_id = p.trajectory_id
                        WHERE c.status <> p.status
                        """) ?? 0
            try db.execute(sql: "DROP TABLE previous_decision")
            // A corrected turn's decided text is the latest adjudicator's correction, else the latest
            // reviewer's: with other adjudicators the stored parse follows other texts.
            if Set(adjudicatorsBefore) != Set(policy.adjudicators) {
                for rowID in try Int64.fetchAll(
                    db, sql: "SELECT DISTINCT trajectory_id FROM turn_current WHERE text IS NOT NULL ORDER BY 1")
                {
                    try Self.reparse(rowID: rowID, db: db)
                }
            }
            return TeamPolicyChange(changed: changed, before: statusesBefore, after: try Self.statusCounts(db))
        }
    }

    private static func statusCounts(_ db: Database) throws -> [LabelStatus: Int] {
        var counts: [LabelStatus: Int] = [:]
        for row in try Row.fetchAll(db, sql: TeamPolicyChange.statusCountsSQL) {
            let (name, count): (String, Int) = (row[0], row[1])
            if let status = LabelStatus(rawValue: name) { counts[status] = count }
        }
        return counts
    }

    static func teamPolicy(_ db: Database) throws -> TeamPolicy {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT min_reviews, consensus, adjudicators FROM team_policy ORDER BY id DESC LIMIT 1")
        else { return .solo }
        return try row.reading { row in
            let consensus: String = try row.stored(Column("consensus"))
            let adjudicators: String = try row.stored(Column("adjudicators"))
            do {
                return try TeamPolicy(
                    minReviews: try row.stored(Column("min_reviews")),
                    consensus: TeamPolicy.Consensus(rawValue: consensus) ?? .majority,
                    adjudicators: decodeTags(adjudicators))
            } catch {
                throw StoreError.damagedRow(trajectory: nil, column: "min_reviews", stored: "\(error)")
            }
        }
    }
}
