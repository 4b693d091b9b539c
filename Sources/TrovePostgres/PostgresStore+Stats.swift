import TroveCore

extension PostgresStore: DatasetStatsSource {
    /// Counts per task of the trajectories `filter` selects, with the SQLite store's statement in
    /// PostgreSQL's syntax, the filter run once (``DatasetStatsSource``).
    public func stats(matching filter: Filter) throws -> DatasetStats {
        let condition = filter.expression == nil ? nil : try filter.postgresCondition(on: connection)
        // SQLite's CAST(x AS INTEGER) truncates toward zero, as trunc() does.
        let sql = DatasetStats.statsSQL(
            condition: condition?.sql,
            bin: "CASE WHEN effective_reward IS NULL THEN -1 ELSE least(9, trunc(effective_reward * 10)::bigint) END",
            statusCount: { "count(*) FILTER (WHERE status = '\($0)')" }, integer: { "\($0)::bigint" })
        let result = try connection.execute(sql, condition?.parameters ?? [], binary: true)
        var rows: [TaskStats] = []
        for row in 0..<result.rowCount {
            guard let task = try result.string(row, 0) else { continue }
            var stats = TaskStats(
                task: task, flag: try result.string(row, 1), bin: try result.integer(row, 2).map { Int($0) },
                count: Int(try result.integer(row, 3) ?? 0))
            stats.steps = Int(try result.integer(row, 4) ?? 0)
            stats.accepted = Int(try result.integer(row, 5) ?? 0)
            stats.rejected = Int(try result.integer(row, 6) ?? 0)
            stats.pending = Int(try result.integer(row, 7) ?? 0)
            stats.disputed = Int(try result.integer(row, 8) ?? 0)
            rows.append(stats)
        }
        return DatasetStats(adding: rows)
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
