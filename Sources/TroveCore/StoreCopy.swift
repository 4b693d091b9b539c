/// A store `trove copy` reads: its tables (without the migration bookkeeping or what the backend
/// derives, such as SQLite's full-text index) and their rows.
public protocol StoreCopySource {
    /// The version of the store's schema (docs/store.md).
    func schemaVersion() throws -> Int
    /// The tables whose rows make the store.
    func copyTables() throws -> [StoreTable]
    /// Calls `body` with each row of `table`, values in `table.columns` order, by ascending `id`
    /// where the table has one.
    func copyRows(of table: StoreTable, _ body: ([StoreValue]) throws -> Void) throws
}

/// A new, empty store `trove copy` fills, table by table in reference order.
public protocol StoreCopyTarget {
    func schemaVersion() throws -> Int
    func copyTables() throws -> [StoreTable]
    /// Replaces whatever `table` holds (rows the new store's own triggers derived) with the rows
    /// `rows` hands to its argument, values in `table.columns` order. Returns the number of rows.
    func fillCopy(of table: StoreTable, rows: (([StoreValue]) throws -> Void) throws -> Void) throws -> Int
}

/// Copies every table of a store into a new one with the same schema version, keeping row ids.
public enum StoreCopy {
    /// Copies `source` into `target`; returns the rows copied per table, in the order copied.
    ///
    /// - throws: ``StoreCopyError`` when the two schemas differ, else what the backends throw.
    public static func copy(from source: some StoreCopySource, to target: some StoreCopyTarget) throws
        -> [(table: String, rows: Int)]
    {
        let (from, to) = (try source.schemaVersion(), try target.schemaVersion())
        guard from == to else { throw StoreCopyError.versionsDiffer(source: from, target: to) }
        let targetTables = Dictionary(try target.copyTables().map { ($0.name, $0) }) { first, _ in first }
        var counts: [(table: String, rows: Int)] = []
        for table in try StoreTable.inReferenceOrder(try source.copyTables()) {
            guard let other = targetTables[table.name] else { throw StoreCopyError.missingTable(table.name) }
            guard Set(other.columns) == Set(table.columns) else {
                throw StoreCopyError.columnsDiffer(table: table.name, source: table.columns, target: other.columns)
            }
            let rows = try target.fillCopy(of: table) { emit in try source.copyRows(of: table, emit) }
            counts.append((table.name, rows))
        }
        return counts
    }
}
