import TroveCore

extension PostgresStore {
    /// Assigns `perItem` distinct reviewers of `reviewers` to every trajectory `filter` matches, in one
    /// transaction, as ``AssignmentPlan`` chooses them (trajectories in import order), and returns what
    /// each reviewer got: the same assignment as the SQLite store's for the same store and seed.
    ///
    /// A reviewer who is assigned a trajectory already, or whose current label accepts or rejects it,
    /// counts towards its `perItem` and is never assigned it again, so running the same assignment
    /// twice adds nothing. A reviewer whose label on it decides nothing (tags, a note, a reward override
    /// only) does not count and may be assigned it: it is in their queue until they decide it.
    ///
    /// - throws: ``AssignmentError`` when `perItem` is below 1 or above the number of distinct
    ///   reviewers, or a name is empty; ``PostgresError`` when the server refuses a statement.
    @discardableResult
    public func assign(reviewers names: [String], perItem: Int, matching filter: Filter, seed: UInt64) throws
        -> AssignmentSummary
    {
        _ = try AssignmentPlan(reviewers: names, perItem: perItem, seed: seed)
        return try serial.withLock {
            let (condition, parameters) = try filter.postgresCondition(on: connection)
            let targets =
                "SELECT t.id FROM trajectory t LEFT JOIN label_current l ON l.trajectory_id = t.id WHERE \(condition)"
            return try connection.transaction {
                // Under the label writers' lock: two assigns at once (or a label landing meanwhile) would
                // each plan from holders read before the other's rows.
                try lockLabels()
                let scope = try connection.execute("\(targets) ORDER BY t.id", parameters, binary: true)
                let covering = try connection.execute(
                    AssignmentPlan.holdersSQL(targets: targets), parameters, binary: true)
                var covered: [Int64: [String]] = [:]
                for row in 0..<covering.rowCount {
                    guard let trajectory = try covering.integer(row, 0), let reviewer = try covering.string(row, 1)
                    else { continue }
                    covered[trajectory, default: []].append(reviewer)
                }
                let loads = try connection.execute(
                    """
                    SELECT a.reviewer, count(*) FROM assignment a
                    WHERE a.reviewer IN (SELECT json_array_elements_text($1::json)) GROUP BY a.reviewer
                    """, [.text(Self.jsonArray(names))], binary: true)
                var load: [String: Int] = [:]
                for row in 0..<loads.rowCount {
                    if let name = try loads.string(row, 0) { load[name] = Int(try loads.integer(row, 1) ?? 0) }
                }
                var plan = try AssignmentPlan(reviewers: names, perItem: perItem, seed: seed, load: load)
                var trajectories: [Int64] = []
                var chosen: [String] = []
                for row in 0..<scope.rowCount {
                    guard let trajectory = try scope.integer(row, 0) else { continue }
                    for reviewer in plan.next(holders: covered[trajectory] ?? []) {
                        trajectories.append(trajectory)
                        chosen.append(reviewer)
                    }
                }
                if !trajectories.isEmpty {
                    // Both lists go as one JSON array each, so a name never becomes SQL.
                    try connection.execute(
                        """
                        INSERT INTO assignment (trajectory_id, reviewer, assigned_at)
                        SELECT t.id::bigint, r.name, $3 FROM json_array_elements_text($1::json) WITH ORDINALITY AS t(id, n)
                        JOIN json_array_elements_text($2::json) WITH ORDINALITY AS r(name, n) ON r.n = t.n
                        """,
                        [
                            .text(JSONWriter.string(.array(trajectories.map { .number(String($0)) }))),
                            .text(Self.jsonArray(chosen)), .text(Timestamp.now()),
                        ])
                }
                return plan.summary
            }
        }
    }

    /// `names` as a JSON array of strings.
    private static func jsonArray(_ names: [String]) -> String {
        JSONWriter.string(.array(names.map { .string($0) }))
    }
}
