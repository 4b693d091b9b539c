import Foundation
import GRDB
import TroveCore

/// `trove copy`: a SQLite store as the source or the new store of a copy.
///
/// As a source, its reads join the read transaction they are called in (``readSnapshot(_:)``), so a
/// copy made inside one reads every table from one snapshot; outside one, each read is its own.
extension Store: StoreCopySource, StoreCopyTarget {
    /// The version recorded in `store_info`.
    public func schemaVersion() throws -> Int {
        try writer.unsafeReentrantRead { db in
            try String.fetchOne(db, sql: "SELECT value FROM store_info WHERE key = 'schema_version'").flatMap {
                Int($0)
            }
                ?? 0
        }
    }

    /// Every table but the migration list and the full-text index (a virtual table and the shadow
    /// tables SQLite keeps for it, which the new store rebuilds).
    public func copyTables() throws -> [StoreTable] {
        try writer.unsafeReentrantRead { db in
            let all = try Row.fetchAll(
                db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            let virtual = all.filter { ($0["sql"] as String? ?? "").hasPrefix("CREATE VIRTUAL TABLE") }
                .map { $0["name"] as String }
            let names = all.map { $0["name"] as String }.filter { name in
                name != "grdb_migrations" && !virtual.contains { name == $0 || name.hasPrefix($0 + "_") }
            }
            return try names.map { name in
                let columns = try Row.fetchAll(
                    db, sql: "SELECT name FROM pragma_table_info(?) ORDER BY cid", arguments: [name]
                )
                .map { $0["name"] as String }
                let references = try String.fetchAll(
                    db, sql: "SELECT \"table\" FROM pragma_foreign_key_list(?)", arguments: [name])
                return StoreTable(name: name, columns: columns, references: Set(references))
            }
        }
    }

    public func copyRows(of table: StoreTable, _ body: ([StoreValue]) throws -> Void) throws {
        let columns = table.columns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
        let order = table.columns.contains("id") ? " ORDER BY id" : ""
        try writer.unsafeReentrantRead { db in
            let rows = try Row.fetchCursor(
                db, sql: "SELECT \(columns) FROM \(table.name.quotedDatabaseIdentifier)\(order)")
            while let row = try rows.next() {
                try body(
                    (0..<row.count).map { index in
                        switch (row[index] as DatabaseValue).storage {
                        case .null: .null
                        case .int64(let value): .integer(value)
                        case .double(let value): .real(value)
                        case .string(let value): .text(value)
                        case .blob(let value): .bytes(Array(value))
                        }
                    })
            }
        }
    }

    public func fillCopy(of table: StoreTable, rows: (([StoreValue]) throws -> Void) throws -> Void) throws -> Int {
        let name = table.name.quotedDatabaseIdentifier
        let columns = table.columns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
        let places = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
        return try writer.write { db in
            try db.execute(sql: "DELETE FROM \(name)")
            let insert = try db.makeStatement(sql: "INSERT INTO \(name) (\(columns)) VALUES (\(places))")
            var count = 0
            try rows { values in
                try insert.execute(arguments: StatementArguments(values.map(\.databaseValue)))
                count += 1
            }
            return count
        }
    }

    /// Creates a new store at `path` and lets `fill` copy rows into it, then rebuilds the full-text
    /// index: built under another name in the same directory and linked into place only when whole,
    /// like a store ``open(path:readOnly:createIfMissing:)`` creates, so a failure leaves nothing.
    /// The new store's triggers are set aside while `fill` runs (the rows they would derive are
    /// copied as they are) and restored before it is linked.
    ///
    /// - throws: ``StoreCopyError/destinationExists(_:)`` when a file is at `path` (before or after
    ///   the copy; it is never replaced), ``StoreError/cannotCreate(path:reason:)``, or what `fill`
    ///   throws.
    public static func createCopy(at path: String, _ fill: (Store) throws -> Void) throws {
        try StoreDirectoryLock.holding(directoryOf: path, exclusive: true) {
            removeUnfinishedCreations(of: path)
            TemporaryFile.removeLeftovers(beside: path)
            guard !FileManager.default.fileExists(atPath: path) else { throw StoreCopyError.destinationExists(path) }
            let unfinished = unfinishedPrefix(of: path) + "\(getpid())"
            try TemporaryFile.removedOnSignal(unfinished) { try fillCopy(at: path, building: unfinished, fill) }
        }
    }

    /// Builds the store ``createCopy(at:_:)`` creates at `unfinished`, then links it to `path`.
    private static func fillCopy(at path: String, building unfinished: String, _ fill: (Store) throws -> Void) throws {
        defer { removeCreatedFiles(unfinished) }
        let pool = try DatabasePool(path: unfinished, configuration: configuration(readOnly: false))
        let store = try Store(pool, path: path, isReadOnly: false, mayCreate: true)
        let triggers = try pool.write { db in
            let triggers = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
            for trigger in triggers {
                try db.execute(sql: "DROP TRIGGER \((trigger["name"] as String).quotedDatabaseIdentifier)")
            }
            return triggers.map { $0["sql"] as String }
        }
        try fill(store)
        FaultInjection.point("copy-filled")
        try pool.write { db in
            for trigger in triggers { try db.execute(sql: trigger) }
            try db.execute(sql: "INSERT INTO message_fts (message_fts) VALUES ('rebuild')")
        }
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try pool.close()
        guard link(unfinished, path) == 0 else {
            let code = errno
            if code == EEXIST { throw StoreCopyError.destinationExists(path) }
            throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(code)))
        }
    }
}
