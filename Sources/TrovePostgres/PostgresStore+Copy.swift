import Foundation
import TroveCore

/// `trove copy`: a PostgreSQL store as the source or the new store of a copy.
extension PostgresStore: StoreCopySource, StoreCopyTarget {
    /// Every table of the schema but the migration list, without generated columns (`message_text.words`,
    /// which the new store computes).
    public func copyTables() throws -> [StoreTable] {
        let columns = try connection.execute(
            """
            SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            WHERE c.relnamespace = $1::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
              AND a.attgenerated = '' AND c.relname <> $2
            ORDER BY c.relname, a.attnum
            """, [.text(PostgresConnection.quoted(schema)), .text(Self.migrationTable)])
        var tables: [String: StoreTable] = [:]
        for row in 0..<columns.rowCount {
            let (table, column) = (try columns.string(row, 0) ?? "", try columns.string(row, 1) ?? "")
            tables[table, default: StoreTable(name: table, columns: [], references: [])].columns.append(column)
        }
        let keys = try connection.execute(
            """
            SELECT c.relname, r.relname FROM pg_constraint k
            JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
            WHERE k.contype = 'f' AND c.relnamespace = $1::regnamespace
            """, [.text(PostgresConnection.quoted(schema))])
        for row in 0..<keys.rowCount {
            if let table = try keys.string(row, 0), let referenced = try keys.string(row, 1) {
                tables[table]?.references.insert(referenced)
            }
        }
        return tables.values.sorted { $0.name < $1.name }
    }

    /// Reads `table` through a cursor, a few thousand rows at a time, in one transaction.
    public func copyRows(of table: StoreTable, _ body: ([StoreValue]) throws -> Void) throws {
        let columns = table.columns.map(PostgresConnection.quoted).joined(separator: ", ")
        let order = table.columns.contains("id") ? " ORDER BY id" : ""
        try connection.transaction {
            try connection.forEachRow(
                of: "SELECT \(columns) FROM \(PostgresConnection.quoted(table.name))\(order)", cursor: "trove_copy",
                batch: 5000
            ) { rows, row in
                try body(try (0..<rows.columnCount).map { column throws(PostgresError) in try rows.value(row, column) })
            }
        }
    }

    /// Writes `table` with a binary `COPY`, each value in its column's type; after the last table
    /// the caller sets the identity sequences (``continueIdentities()``).
    public func fillCopy(of table: StoreTable, rows: (([StoreValue]) throws -> Void) throws -> Void) throws -> Int {
        let name = PostgresConnection.quoted(table.name)
        let types = try connection.execute(
            """
            SELECT a.attname, format_type(a.atttypid, NULL) FROM pg_attribute a
            WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped
            """, [.text(name)])
        var typeOf: [String: String] = [:]
        for row in 0..<types.rowCount { typeOf[try types.string(row, 0) ?? ""] = try types.string(row, 1) }
        let columnTypes = table.columns.map { typeOf[$0] ?? "text" }
        try connection.execute("DELETE FROM \(name)")
        return try connection.copy(into: name, columns: table.columns.map(PostgresConnection.quoted)) { writer in
            try rows { values in
                try writer.row()
                for (index, value) in values.enumerated() {
                    try Self.append(value, as: columnTypes[index], to: &writer) {
                        StoreCopyError.valueType(table: table.name, column: table.columns[index], expected: $0)
                    }
                }
            }
        }
    }

    /// Moves each identity column's sequence past the largest id copied, so the next row the store
    /// adds gets a new id.
    public func continueIdentities() throws {
        let identities = try connection.execute(
            """
            SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            WHERE c.relnamespace = $1::regnamespace AND a.attidentity <> ''
            """, [.text(PostgresConnection.quoted(schema))])
        for row in 0..<identities.rowCount {
            let (table, column) = (try identities.string(row, 0) ?? "", try identities.string(row, 1) ?? "")
            let quoted = (PostgresConnection.quoted(table), PostgresConnection.quoted(column))
            try connection.execute(
                "SELECT setval(pg_get_serial_sequence($1, $2), max(\(quoted.1))) FROM \(quoted.0) "
                    + "HAVING max(\(quoted.1)) IS NOT NULL", [.text(quoted.0), .text(column)])
        }
    }

    private static func append(
        _ value: StoreValue, as type: String, to writer: inout PostgresCopyWriter,
        mismatch: (String) -> StoreCopyError
    ) throws {
        switch (value, type) {
        case (.null, _): writer.null()
        case (.integer(let number), "bigint"): writer.integer(number)
        case (.integer(let number), "boolean"): writer.bool(number != 0)
        case (.integer(let number), "double precision"): writer.real(Double(number))
        case (.real(let number), "double precision"): writer.real(number)
        case (.text(let text), "text"), (.text(let text), "json"): writer.text(text)
        case (.bytes(let bytes), "bytea"): writer.bytes(bytes)
        default: throw mismatch(type)
        }
    }
}
