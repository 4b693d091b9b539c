import GRDB

/// Inserts rows into one table several at a time, for the import's most frequent rows: rows are
/// buffered and written by one `INSERT … VALUES (…), (…), …` statement per ``rowsPerStatement`` rows,
/// and the rows left over when ``flush()`` is called one statement each.
///
/// A row reaches the table only when its statement runs: callers flush before any statement that reads
/// or deletes the table's rows of the same transaction.
///
/// Implementation note: a statement per row costs SQLite a step, a reset and the opening of the table and
/// its cursor each time; the 866,398 message rows of 200 MB of `trove synth` took 1.41–1.52 s of CPU one
/// statement each and 0.94–0.97 s sixteen a statement (32: 0.98 s, 64: 1.10 s), in a C replay of the rows.
final class MultiRowInsert {
    /// One bound value of a buffered row.
    enum Value {
        case null
        case integer(Int64)
        case text(String)
    }

    /// Rows written by one statement once buffered.
    static let defaultRowsPerStatement = 16

    private let many: BulkStatement
    private let one: BulkStatement
    private let columns: Int
    private let rowsPerStatement: Int
    /// A buffered value: a text is its place in ``texts``.
    private enum Slot {
        case null
        case integer(Int64)
        case text(start: Int, count: Int)
    }

    /// The buffered rows' values, row after row.
    ///
    /// Implementation note: unchecked, since an instance is used by one writer at a time and no access to
    /// the buffer overlaps another; the runtime's check on each value added was 2% of the writer thread's
    /// instructions, and without it the writer ran 3.8% fewer (callgrind, 10 MB).
    @exclusivity(unchecked) private var values: [Slot] = []
    /// The UTF-8 of the buffered rows' texts, end to end, copied as they are added.
    ///
    /// Implementation note: a text kept as its `String` until the statement ran was retained and released
    /// with each value, about 5% of the writer thread's samples with the search index on its own thread.
    @exclusivity(unchecked) private var texts: [UInt8] = []

    /// Prepares the statements for `insert` (`INSERT [OR …] INTO table (column, …)`, without `VALUES`)
    /// with `columns` values a row.
    init(_ db: Database, insert: String, columns: Int, rowsPerStatement: Int = defaultRowsPerStatement) throws {
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        many = try BulkStatement(
            db, sql: insert + " VALUES " + Array(repeating: row, count: rowsPerStatement).joined(separator: ", "))
        one = try BulkStatement(db, sql: insert + " VALUES " + row)
        self.columns = columns
        self.rowsPerStatement = rowsPerStatement
        values.reserveCapacity(columns * rowsPerStatement)
    }

    /// Adds the next value of the row being built, in column order.
    func add(_ value: Value) {
        switch value {
        case .null: values.append(.null)
        case .integer(let integer): values.append(.integer(integer))
        case .text(let text):
            let start = texts.count
            texts.append(contentsOf: text.utf8)
            values.append(.text(start: start, count: texts.count - start))
        }
    }

    /// Ends the row whose values were added; writes the buffered rows once they fill a statement.
    func endRow() throws {
        precondition(values.count % columns == 0, "a row needs exactly one value per column")
        if values.count == columns * rowsPerStatement {
            try write(many, from: 0, rows: rowsPerStatement)
            clear()
        }
    }

    /// Writes the buffered rows.
    func flush() throws {
        for row in 0..<values.count / columns { try write(one, from: row, rows: 1) }
        clear()
    }

    private func clear() {
        values.removeAll(keepingCapacity: true)
        texts.removeAll(keepingCapacity: true)
    }

    /// Runs `statement` with `rows` buffered rows from row `first` on.
    ///
    /// Implementation note: the texts are bound from ``texts`` without SQLite's own copy, which allocated
    /// and freed each text (a quarter of the writer's allocations).
    private func write(_ statement: BulkStatement, from first: Int, rows: Int) throws {
        let offset = first * columns
        try texts.withUnsafeBufferPointer { bytes in
            try bytes.withMemoryRebound(to: CChar.self) { characters in
                for index in 0..<rows * columns {
                    let parameter = Int32(index + 1)
                    switch values[offset + index] {
                    case .null: statement.bind(parameter, nil as Int64?)
                    case .integer(let value): statement.bind(parameter, value)
                    case .text(let start, let count):
                        statement.bind(
                            parameter, unmanagedText: characters.baseAddress.map { $0 + start }, count: count)
                    }
                }
                try statement.run()
            }
        }
    }
}

extension MultiRowInsert.Value {
    init(_ value: Int64?) {
        self = value.map { .integer($0) } ?? .null
    }

    init(_ value: String?) {
        self = value.map { .text($0) } ?? .null
    }
}
