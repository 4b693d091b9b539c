import GRDB
import TroveCore

extension Store {
    /// Each reviewer's current decision and reward override (their `reviewer_label` row) on the
    /// trajectories matching `filter` that two or more reviewers decided or gave a reward override,
    /// by trajectory (import order) and reviewer; from one snapshot.
    ///
    /// Other trajectories cannot be an agreement unit, so they are not read: the cost follows the
    /// labels of such trajectories, not the store's size.
    public func agreementJudgements(matching filter: Filter = Filter(nil)) throws -> [AgreementJudgement] {
        try writer.read { db in try Self.agreementJudgements(matching: filter, db: db).map(\.judgement) }
    }

    /// How far reviewers agree on the trajectories matching `filter` (see ``AgreementReport``).
    public func agreement(matching filter: Filter) throws -> AgreementReport {
        AgreementReport(judgements: try agreementJudgements(matching: filter))
    }

    /// How far reviewers agree over the whole store, for the review UI's statistics.
    public func agreement() throws -> AgreementReport {
        try agreement(matching: Filter(nil))
    }

    /// ``agreementJudgements(matching:)`` read in `db`, each with its trajectory's row id.
    static func agreementJudgements(matching filter: Filter, db: Database) throws
        -> [(rowID: Int64, judgement: AgreementJudgement)]
    {
        let (condition, arguments) = try filter.sqlCondition(in: db)
        return try Row.fetchAll(
            db,
            sql: """
                WITH unit(trajectory_id) AS (
                    SELECT trajectory_id FROM reviewer_current
                    WHERE status IN ('accepted', 'rejected') OR reward IS NOT NULL
                    GROUP BY trajectory_id HAVING count(*) >= 2)
                SELECT t.id AS trajectory_id, t.external_id, t.task, r.reviewer, r.status, r.reward
                FROM unit JOIN reviewer_current r ON r.trajectory_id = unit.trajectory_id
                JOIN trajectory t ON t.id = unit.trajectory_id
                LEFT JOIN label_current l ON l.trajectory_id = t.id
                WHERE \(condition)
                ORDER BY t.id, r.reviewer
                """, arguments: arguments
        ).map { row in
            let record = try row.record(AgreementJudgementRecord.self)
            return (record.rowID, record.judgement)
        }
    }
}
