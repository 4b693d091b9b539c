import TroveCore

extension PostgresStore: DatasetStatsSource {
    /// Counts per task of the trajectories `filter` selects, with the SQLite store's queries in PostgreSQL's
    /// syntax (``DatasetStatsSource``).
    public func stats(matching filter: Filter) throws -> DatasetStats {
        // `WHERE` the id in `column` is selected, for each aggregate below; nothing for every trajectory.
        let condition = filter.expression == nil ? nil : try filter.postgresCondition(on: connection)
        let parameters = condition?.parameters ?? []
        func selected(_ column: String) -> String { DatasetStats.selectionClause(column, condition: condition?.sql) }
        var rows: [String: TaskStats] = [:]
        let counts = try connection.execute(
            """
            SELECT task, count(*), COALESCE(sum(step_count), 0)::bigint,
                   count(*) FILTER (WHERE status = 'accepted'), count(*) FILTER (WHERE status = 'rejected'),
                   count(*) FILTER (WHERE status = 'pending'), count(*) FILTER (WHERE status = 'disputed')
            FROM trajectory_review \(selected("id")) GROUP BY task
            """, parameters, binary: true)
        for row in 0..<counts.rowCount {
            guard let task = try counts.string(row, 0) else { continue }
            var stats = TaskStats(task: task)
            stats.trajectories = Int(try counts.integer(row, 1) ?? 0)
            stats.steps = Int(try counts.integer(row, 2) ?? 0)
            stats.accepted = Int(try counts.integer(row, 3) ?? 0)
            stats.rejected = Int(try counts.integer(row, 4) ?? 0)
            stats.pending = Int(try counts.integer(row, 5) ?? 0)
            stats.disputed = Int(try counts.integer(row, 6) ?? 0)
            rows[task] = stats
        }
        // SQLite's CAST(x AS INTEGER) truncates toward zero, as trunc() does.
        let bins = try connection.execute(
            """
            SELECT task, CASE WHEN effective_reward IS NULL THEN -1
                              ELSE least(9, trunc(effective_reward * 10)::bigint) END AS bin, count(*)
            FROM trajectory_review \(selected("id")) GROUP BY task, bin
            """, parameters, binary: true)
        for row in 0..<bins.rowCount {
            guard let task = try bins.string(row, 0), let bin = try bins.integer(row, 1) else { continue }
            let count = Int(try bins.integer(row, 2) ?? 0)
            if bin < 0 {
                rows[task]?.rewards.unknown += count
            } else {
                rows[task]?.rewards.bins[Int(bin)] += count
            }
        }
        let flags = try connection.execute(
            """
            SELECT t.task, f.flag, count(*) FROM trajectory_flag f JOIN trajectory t ON t.id = f.trajectory_id
            \(selected("f.trajectory_id")) GROUP BY t.task, f.flag
            """, parameters, binary: true)
        for row in 0..<flags.rowCount {
            guard let task = try flags.string(row, 0), let name = try flags.string(row, 1),
                let flag = QualityFlag(rawValue: name)
            else { continue }
            rows[task]?.flags[flag] = Int(try flags.integer(row, 2) ?? 0)
        }
        return DatasetStats(tasks: rows.values.sorted { $0.task < $1.task })
    }

    /// Per task, how many trajectories `reviewer` accepted and rejected (their own current labels), with
    /// the SQLite store's statement.
    public func ownDecisions(of reviewer: String) throws -> [String: (accepted: Int, rejected: Int)] {
        let result = try connection.execute(DatasetStats.ownDecisionsSQL(.postgres), [.text(reviewer)], binary: true)
        var decisions: [String: (accepted: Int, rejected: Int)] = [:]
        for row in 0..<result.rowCount {
            guard let task = try result.string(row, 0) else { continue }
            decisions[task] = (Int(try result.integer(row, 1) ?? 0), Int(try result.integer(row, 2) ?? 0))
        }
        return decisions
    }
}
