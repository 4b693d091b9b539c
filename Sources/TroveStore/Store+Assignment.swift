import GRDB
import TroveCore

extension Store {
    /// Assigns `perItem` distinct reviewers of `reviewers` to every trajectory `filter` matches, in one
    /// transaction, and returns what each reviewer got.
    ///
    /// A reviewer who is assigned a trajectory already, or has a label on it, counts towards its
    /// `perItem` and is never assigned it again, so running the same assignment twice adds nothing.
    /// Each trajectory (in import order) goes to the reviewers with the fewest assignments so far,
    /// ties broken by a rotation drawn from `seed`: on a store without assignments the loads end
    /// within one of each other, and the same seed gives the same assignment.
    ///
    /// - throws: ``AssignmentError`` when `perItem` is below 1 or above the number of distinct
    ///   reviewers, or a name is empty; ``StoreError/readOnly(path:)``.
    @discardableResult
    public func assign(reviewers names: [String], perItem: Int, matching filter: Filter, seed: UInt64) throws
        -> AssignmentSummary
    {
        try requireWritable()
        var reviewers: [String] = []
        for name in names where !reviewers.contains(name) { reviewers.append(name) }
        if reviewers.contains(where: \.isEmpty) { throw AssignmentError.emptyReviewer }
        guard perItem >= 1 else { throw AssignmentError.perItem(perItem) }
        guard perItem <= reviewers.count else {
            throw AssignmentError.tooFewReviewers(perItem: perItem, reviewers: reviewers.count)
        }
        let (targets, arguments) = Self.targets(matching: filter)
        return try writer.write { db in
            let scope = try Int64.fetchAll(db, sql: "\(targets) ORDER BY t.id", arguments: arguments)
            let covered = try Self.coveringReviewers(targets: targets, arguments: arguments, db: db)
            let index = Dictionary(uniqueKeysWithValues: reviewers.enumerated().map { ($1, $0) })
            var load = try reviewers.map { name in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM assignment WHERE reviewer = ?", arguments: [name]) ?? 0
            }
            var added = [Int](repeating: 0, count: reviewers.count)
            var short = 0
            var generator = SeededGenerator(seed: seed)
            let insert = try BulkStatement(
                db, sql: "INSERT INTO assignment (trajectory_id, reviewer, assigned_at) VALUES (?, ?, ?)")
            let at = Timestamp.now()
            var taken = [Bool](repeating: false, count: reviewers.count)
            for trajectory in scope {
                let holders = covered[trajectory] ?? []
                var needed = perItem - holders.count
                guard needed > 0 else { continue }
                for position in taken.indices { taken[position] = false }
                for holder in holders { if let position = index[holder] { taken[position] = true } }
                let rotation = Int(generator.next() % UInt64(reviewers.count))
                while needed > 0 {
                    // The least-loaded reviewer not holding it yet, the first after the rotation on a tie.
                    var best: Int?
                    for step in 0..<reviewers.count {
                        let candidate = (rotation + step) % reviewers.count
                        if !taken[candidate], best.map({ load[candidate] < load[$0] }) ?? true { best = candidate }
                    }
                    guard let chosen = best else {
                        short += 1
                        break
                    }
                    taken[chosen] = true
                    load[chosen] += 1
                    added[chosen] += 1
                    needed -= 1
                    insert.bind(1, trajectory)
                    insert.bind(2, reviewers[chosen])
                    insert.bind(3, at)
                    try insert.run()
                }
            }
            return AssignmentSummary(
                trajectories: scope.count,
                loads: reviewers.indices.map {
                    AssignmentSummary.Load(reviewer: reviewers[$0], added: added[$0], total: load[$0])
                },
                short: short)
        }
    }

    /// For each trajectory `targets` selects that has any, the reviewers assigned to it or holding a
    /// label on it.
    private static func coveringReviewers(targets: String, arguments: StatementArguments, db: Database) throws
        -> [Int64: [String]]
    {
        var covered: [Int64: [String]] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT trajectory_id, reviewer FROM assignment WHERE trajectory_id IN (\(targets))
                UNION
                SELECT trajectory_id, reviewer FROM reviewer_current WHERE trajectory_id IN (\(targets))
                """, arguments: arguments + arguments)
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

    /// Per reviewer with an assignment or a label, in name order: assigned, done, and their pace.
    public func progress() throws -> [ReviewerProgress] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    WITH reviewer(name) AS (
                        SELECT reviewer FROM assignment UNION SELECT reviewer FROM reviewer_current
                    ), work AS (
                        SELECT e.reviewer, julianday(e.at) AS day FROM label_event e
                        WHERE e.origin <> 'import' AND e.origin <> 'migration'
                    ), latest AS (
                        SELECT reviewer, max(day) AS day FROM work GROUP BY reviewer
                    ), pace AS (
                        SELECT w.reviewer, count(*) AS events, (max(w.day) - min(w.day)) * 24 AS hours
                        FROM work w JOIN latest l ON l.reviewer = w.reviewer
                        WHERE w.day > l.day - 1.0 / 24 GROUP BY w.reviewer
                    )
                    SELECT r.name,
                           (SELECT count(*) FROM assignment a WHERE a.reviewer = r.name) AS assigned,
                           (SELECT count(*) FROM review_assignment a WHERE a.reviewer = r.name AND a.done) AS done,
                           CASE WHEN p.events >= 2 AND p.hours > 0 THEN (p.events - 1) / p.hours END AS rate
                    FROM reviewer r LEFT JOIN pace p ON p.reviewer = r.name ORDER BY r.name
                    """
            ).map { row in
                try row.reading { row in
                    ReviewerProgress(
                        reviewer: try row.stored(Column("name")), assigned: try row.stored(Column("assigned")),
                        done: try row.stored(Column("done")), labelsPerHour: try row.stored(Column("rate")))
                }
            }
        }
    }
}
