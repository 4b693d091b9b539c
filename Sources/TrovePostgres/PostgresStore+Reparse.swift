import TroveCore

extension PostgresStore {
    /// Parses every stored trajectory again with this trove's step parser and writes the steps, step
    /// count and flags that differ, as the SQLite store's `reparseAll` does (messages, texts, labels and
    /// history untouched; with `dryRun`, only counts). Each page of `pageSize` trajectories is one
    /// transaction under the label writers' lock, so a correction committed meanwhile is parsed with
    /// its page, never overwritten by a parse read before it.
    public func reparseAll(
        dryRun: Bool = false, pageSize: Int = 500, onProgress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws -> ReparseSummary {
        let total = try serial.withLock {
            Int(try connection.execute("SELECT count(*) FROM trajectory", binary: true).integer(0, 0) ?? 0)
        }
        var summary = ReparseSummary()
        var last: Int64 = 0
        while true {
            let next: Int64? = try serial.withLock {
                try connection.transaction {
                    if !dryRun { try lockLabels() }
                    let rows = try connection.execute(
                        """
                        SELECT id, steps, flags,
                               (SELECT string_agg(flag, ',') FROM trajectory_flag f WHERE f.trajectory_id = t.id)
                        FROM trajectory t WHERE id > $1 ORDER BY id LIMIT $2
                        """,
                        [.integer(last), .integer(Int64(pageSize))], binary: true)
                    for row in 0..<rows.rowCount {
                        let rowID = try rows.integer(row, 0) ?? 0
                        guard let (trajectory, dialect) = try wholeTrajectory(rowID: rowID) else { continue }
                        let parse = CorrectedParse(
                            trajectory, dialect: dialect,
                            labels: try PostgresExportSnapshot.turnLabels(of: rowID, connection: connection))
                        let differs = summary.count(
                            storedSteps: try rows.string(row, 1) ?? "", storedFlags: try rows.string(row, 2) ?? "",
                            flagRows: try rows.string(row, 3) ?? "", parse: parse)
                        if differs, !dryRun { try write(parse, rowID: rowID) }
                    }
                    return rows.rowCount == 0 ? nil : try rows.integer(rows.rowCount - 1, 0)
                }
            }
            guard let next else { break }
            last = next
            onProgress(summary.examined, total)
        }
        return summary
    }
}
