import GRDB
import TroveCore

extension Store {
    /// Assigns `perItem` distinct reviewers of `reviewers` to every trajectory `filter` matches, in one
    /// transaction, as ``AssignmentPlan`` chooses them (trajectories in import order), and returns what
    /// each reviewer got.
    ///
    /// A reviewer who is assigned a trajectory already, or whose current label accepts or rejects it,
    /// counts towards its `perItem` and is never assigned it again, so running the same assignment
    /// twice adds nothing. A reviewer whose label on it decides nothing (tags, a note, a reward override
    /// only) does not count and may be assigned it: it is in their queue until they decide it.
    ///
    /// - throws: ``AssignmentError`` when `perItem` is below 1 or above the number of distinct
    ///   reviewers, or a name is empty; ``StoreError/readOnly(path:)``.
    @discardableResult
    public func assign(reviewers names: [String], perItem: Int, matching filter: Filter, seed: UInt64) throws
        -> AssignmentSummary
    {
        try requireWritable()
        _ = try AssignmentPlan(reviewers: names, perItem: perItem, seed: seed)
        return try writer.write { db in
            let (targets, arguments) = try Self.targets(matching: filter, db: db)
            let scope = try Int64.fetchAll(db, sql: "\(targets) ORDER BY t.id", arguments: arguments)
            let covered = try Self.coveringReviewers(targets: targets, arguments: arguments, db: db)
            var load: [String: Int] = [:]
            for name in names {
                load[name] =
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM assignment WHERE reviewer = ?", arguments: [name])
                    ?? 0
            }
            var plan = try AssignmentPlan(reviewers: names, perItem: perItem, seed: seed, load: load)
            let insert = try BulkStatement(
                db, sql: "INSERT INTO assignment (trajectory_id, reviewer, assigned_at) VALUES (?, ?, ?)")
            let at = Timestamp.now()
            for trajectory in scope {
                for reviewer in plan.next(holders: covered[trajectory] ?? []) {
                    insert.bind(1, trajectory)
                    insert.bind(2, reviewer)
                    insert.bind(3, at)
                    try insert.run()
                }
            }
            return plan.summary
        }
    }

    /// For each trajectory `targets` selects that has any, the reviewers assigned to it or whose current
    /// label accepts or rejects it.
    private static func coveringReviewers(targets: String, arguments: StatementArguments, db: Database) throws
        -> [Int64: [String]]
    {
        var covered: [Int64: [String]] = [:]
        let rows = try Row.fetchCursor(
            db, sql: AssignmentPlan.holdersSQL(targets: targets), arguments: arguments + arguments)
        while let row = try rows.next() {
            let (trajectory, reviewer): (Int64, String) = try row.reading { row in
                (try row.stored(Column("trajectory_id")), try row.stored(Column("reviewer")))
            }
            covered[trajectory, default: []].append(reviewer)
        }
        return covered
    }

    /// `queue:REVIEWER`, the trajectories assigned to `reviewer` that they have not accepted or rejected
    /// yet, when there is any; nil when their queue is empty (or they have no assignment).
    public func reviewQueue(of reviewer: String) throws -> Filter? {
        let queue = try Filter.parse("\(FilterField.queue.rawValue):\(FilterValue.string(reviewer))")
        return try trajectoryIDs(matching: queue, limit: 1).isEmpty ? nil : queue
    }

    /// Per reviewer with an assignment or a label, in name order: assigned, done, decided, and their pace.
    public func progress() throws -> [ReviewerProgress] {
        try writer.read { db in
            try Row.fetchAll(db, sql: TeamPolicySQL(.sqlite).progress).map { row in
                try row.reading { row in
                    ReviewerProgress(
                        reviewer: try row.stored(Column("name")), assigned: try row.stored(Column("assigned")),
                        done: try row.stored(Column("done")), decided: try row.stored(Column("decided")),
                        labelsPerHour: try row.stored(Column("rate")))
                }
            }
        }
    }
}
