import Foundation
import GRDB
import TroveStore

/// Grows an imported store to many more trajectories by copying its rows in SQL, far faster than
/// importing that many records.
///
/// Each round copies the original trajectories with new row ids and new external ids (`db_17~2`), and
/// every row of every table keyed by `trajectory_id` (messages, flags, text uses) for them. Message texts
/// are shared through `message_text.id`, so the full-text index already covers the copies: a copy uses
/// its original's private texts as shared ones (a `text_use` row each), so search finds it too. Tables
/// are found from the schema, so a column or table added later is copied too.
enum StoreMultiplier {
    /// Copies the store's trajectories until it holds `count`.
    static func grow(_ path: String, to count: Int) throws {
        let store = try Store.open(path: path)
        try store.testSeam.writeWithoutTransaction { db in
            let baseCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM trajectory") ?? 0
            guard baseCount > 0, let maxID = try Int.fetchOne(db, sql: "SELECT max(id) FROM trajectory") else {
                throw BenchError.failed("\(path) has no trajectories to copy")
            }
            let children = try childTables(db)
            var total = baseCount
            var round = 1
            while total < count {
                let rows = min(baseCount, count - total)
                let offset = round * maxID
                let originals = "SELECT id FROM trajectory WHERE id <= \(maxID) ORDER BY id LIMIT \(rows)"
                try db.inTransaction {
                    let columns = try columnNames(db, "trajectory")
                    let values = columns.map { column in
                        switch column {
                        case "id": "id + \(offset)"
                        case "external_id": "external_id || '~\(round)'"
                        default: quoted(column)
                        }
                    }
                    try db.execute(
                        sql: """
                            INSERT INTO trajectory (\(columns.map(quoted).joined(separator: ", ")))
                            SELECT \(values.joined(separator: ", ")) FROM trajectory WHERE id IN (\(originals))
                            """)
                    for (table, columns) in children {
                        let values = columns.map { $0 == "trajectory_id" ? "trajectory_id + \(offset)" : quoted($0) }
                        try db.execute(
                            sql: """
                                INSERT INTO \(quoted(table)) (\(columns.map(quoted).joined(separator: ", ")))
                                SELECT \(values.joined(separator: ", ")) FROM \(quoted(table))
                                WHERE trajectory_id IN (\(originals))
                                """)
                    }
                    try db.execute(
                        sql: """
                            INSERT INTO text_use (text_id, trajectory_id)
                            SELECT text_id, trajectory_id + \(offset) FROM message_row
                            WHERE trajectory_id IN (\(originals))
                              AND text_id IN (SELECT id FROM message_text WHERE trajectory_id IS NOT NULL)
                            GROUP BY 1, 2
                            """)
                    return .commit
                }
                total += rows
                round += 1
            }
            // Keep the planner's statistics true to the new size when the store keeps any.
            if try db.tableExists("sqlite_stat1") { try db.execute(sql: "ANALYZE") }
        }
    }

    /// Ordinary tables with a `trajectory_id` column, each with the columns to copy (a row-id primary key
    /// is left out so copies get new ones).
    private static func childTables(_ db: Database) throws -> [(String, [String])] {
        let tables = try String.fetchAll(
            db,
            sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                AND name NOT IN ('trajectory', 'message_text') AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name
                """)
        return try tables.compactMap { table in
            let columns = try db.columns(in: table)
            guard columns.contains(where: { $0.name == "trajectory_id" }) else { return nil }
            let primaryKey = try db.primaryKey(table)
            let rowID = primaryKey.rowIDColumn
            return (table, columns.map(\.name).filter { $0 != rowID })
        }
    }

    private static func columnNames(_ db: Database, _ table: String) throws -> [String] {
        try db.columns(in: table).map(\.name)
    }

    private static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
