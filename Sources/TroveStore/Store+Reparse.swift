import GRDB
import TroveCore

extension Store {
    /// Parses every stored trajectory again with this trove's step parser, from its texts as stored and
    /// as the team decided their corrections (``CorrectedParse``), in the dialect it was imported in,
    /// and writes the steps, step count and flags that differ (`trajectory_flag` follows). Messages,
    /// texts, labels and history are not touched: a store imported by an older trove gets the steps and
    /// flags this one would give. With `dryRun`, only counts.
    ///
    /// Pages of `pageSize` trajectories, each read and written in one transaction, so reviewers keep
    /// working meanwhile and an interrupted run leaves whole pages (running it again completes it).
    /// `onProgress` gets the trajectories parsed so far and the total after each page.
    ///
    /// - throws: ``StoreError/readOnly(path:)`` unless `dryRun`.
    public func reparseAll(
        dryRun: Bool = false, pageSize: Int = 500, onProgress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws -> ReparseSummary {
        if !dryRun { try requireWritable() }
        let total = try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM trajectory") ?? 0 }
        var summary = ReparseSummary()
        var last: Int64 = 0
        while true {
            let page: (Int64?, ReparseSummary) = try {
                let body = { (db: Database) throws -> (Int64?, ReparseSummary) in
                    try Self.reparsePage(after: last, limit: pageSize, dryRun: dryRun, summary: summary, db: db)
                }
                return dryRun ? try writer.read(body) : try writer.write(body)
            }()
            guard let next = page.0 else { break }
            (last, summary) = (next, page.1)
            onProgress(summary.examined, total)
        }
        return summary
    }

    /// Parses the `limit` trajectories after row id `after` again and counts them into `summary`; returns
    /// the page's last row id (nil when there was none) and the summary.
    private static func reparsePage(
        after: Int64, limit: Int, dryRun: Bool, summary: ReparseSummary, db: Database
    ) throws -> (Int64?, ReparseSummary) {
        var summary = summary
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT id, steps, flags,
                       (SELECT group_concat(flag, ',') FROM trajectory_flag f WHERE f.trajectory_id = t.id) AS flag_rows
                FROM trajectory t WHERE id > ? ORDER BY id LIMIT ?
                """,
            arguments: [after, limit])
        for row in rows {
            let rowID: Int64 = row["id"]
            guard let (trajectory, dialect) = try wholeTrajectory(rowID: rowID, db: db) else { continue }
            let parse = CorrectedParse(trajectory, dialect: dialect, labels: try turnLabels(rowID: rowID, db: db))
            let differs = summary.count(
                storedSteps: row["steps"], storedFlags: row["flags"], flagRows: row["flag_rows"] ?? "", parse: parse)
            if differs, !dryRun { try write(parse, rowID: rowID, db: db) }
        }
        return (rows.last?["id"], summary)
    }
}
