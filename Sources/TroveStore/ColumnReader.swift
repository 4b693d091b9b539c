import GRDB
import GRDBSQLite
import Synchronization
import TroveCore

/// Reads one text or blob column of a rowid table a byte range at a time, through SQLite's incremental
/// blob I/O, so that a value of any size is never held whole: the review screen takes the first 64 KB
/// of a 300 MB turn, or scans a steps column in chunks, in constant memory.
///
/// Implementation note: a query selecting the value, even as `substr(text, 1, n)`, makes SQLite copy
/// the whole value into memory first (a 300 MB text, a 300 MB allocation); blob I/O copies only the
/// bytes asked for. One handle is moved from row to row (`sqlite3_blob_reopen`), which skips compiling
/// a statement per row. Use it inside one read of `db` and close it before the read ends.
final class ColumnReader {
    private let db: Database
    let table: String
    let column: String
    /// The trajectory whose rows are read, named by errors.
    let trajectory: String
    private let tally: ReadTally?
    private var blob: OpaquePointer?
    /// The size in bytes of the current row's value.
    private(set) var size = 0

    init(_ db: Database, table: String, column: String, trajectory: String, tally: ReadTally? = nil) {
        self.db = db
        self.table = table
        self.column = column
        self.trajectory = trajectory
        self.tally = tally
    }

    deinit { close() }

    /// Points the reader at row `rowID`.
    ///
    /// - throws: ``StoreError/damagedRow(trajectory:column:stored:)`` when the row is missing or its value
    ///   is neither text nor a blob.
    func open(row rowID: Int64) throws {
        var status: Int32
        if let blob {
            status = sqlite3_blob_reopen(blob, rowID)
        } else {
            status = sqlite3_blob_open(db.sqliteConnection, "main", table, column, rowID, 0, &blob)
        }
        guard status == SQLITE_OK, let blob else {
            close()
            throw StoreError.damagedRow(trajectory: trajectory, column: column, stored: try kind(ofRow: rowID))
        }
        size = Int(sqlite3_blob_bytes(blob))
    }

    /// The bytes of the current value in `range`, clamped to its size.
    func read(_ range: Range<Int>) throws -> [UInt8] {
        let range = clamped(range)
        return try [UInt8](unsafeUninitializedCapacity: range.count) { buffer, count in
            try read(range, into: buffer)
            count = range.count
        }
    }

    /// The bytes of the current value in `range`, clamped to its size, as text read straight into the
    /// string's storage (a 50 MB text is held once, not as bytes and then as a string); with `cut`,
    /// without the bytes at its end that begin a scalar they do not finish.
    func string(_ range: Range<Int>, cut: Bool) throws -> String {
        let range = clamped(range)
        return try String(unsafeUninitializedCapacity: range.count) { buffer in
            try read(range, into: buffer)
            return cut ? range.count - UTF8.unfinishedTail(of: UnsafeBufferPointer(buffer)) : range.count
        }
    }

    private func clamped(_ range: Range<Int>) -> Range<Int> {
        let lower = min(max(0, range.lowerBound), size)
        return lower..<min(max(lower, range.upperBound), size)
    }

    /// Reads `range`, within the value, into the start of `buffer`.
    private func read(_ range: Range<Int>, into buffer: UnsafeMutableBufferPointer<UInt8>) throws {
        guard let blob, !range.isEmpty else { return }
        let status = sqlite3_blob_read(blob, buffer.baseAddress, Int32(range.count), Int32(range.lowerBound))
        guard status == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: status), message: "reading \(table).\(column)")
        }
        tally?.add(range.count, from: "\(table).\(column)")
    }

    /// The scalars of the current value whose first byte lies in `range`, and the byte offset of the
    /// first: a page of a text cut at scalar boundaries, so that consecutive ranges give pages that join
    /// back into the text (bytes that are not UTF-8 read as U+FFFD).
    func text(_ range: Range<Int>) throws -> (offset: Int, text: String) {
        let lower = min(max(0, range.lowerBound), size)
        let upper = min(max(lower, range.upperBound), size)
        guard upper > lower else { return (lower, "") }
        // A scalar is at most 4 bytes: the 3 after the range finish the last one it starts, and up to 3
        // at its start finish one that started before it.
        let bytes = try read(lower..<min(size, upper + 3))
        var end = upper - lower
        while end < bytes.count, UTF8.isContinuation(bytes[end]) { end += 1 }
        let start = bytes.prefix(min(3, end)).prefix(while: UTF8.isContinuation).count
        return (lower + start, String(decoding: bytes[start..<end], as: UTF8.self))
    }

    /// The start of the current value: at most `budget` bytes, cut at a scalar boundary.
    func head(_ budget: Int) throws -> String {
        try string(0..<budget, cut: budget < size)
    }

    func close() {
        if let blob { sqlite3_blob_close(blob) }
        blob = nil
    }

    /// What the row holds instead of text, in words, for an error.
    private func kind(ofRow rowID: Int64) throws -> String {
        let type = try String.fetchOne(
            db, sql: "SELECT typeof(\(column)) FROM \(table) WHERE rowid = ?", arguments: [rowID])
        return type.map { $0 == "null" ? "NULL" : $0 } ?? "no row"
    }
}

/// Bytes read from a store per `table.column`: the test seam that shows what opening a record read.
package final class ReadTally: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    package init() {}

    func add(_ bytes: Int, from column: String) {
        counts.withLock { $0[column, default: 0] += bytes }
    }

    /// The bytes read from `column` (`message_text.text`, `trajectory.steps`, …) so far.
    package func bytes(from column: String) -> Int {
        counts.withLock { $0[column] ?? 0 }
    }
}

extension UTF8 {
    /// How many bytes at the end of `bytes` begin a scalar they do not finish: what to drop where a text
    /// was cut by bytes.
    static func unfinishedTail<Bytes: RandomAccessCollection<UInt8>>(of bytes: Bytes) -> Int {
        guard let lead = bytes.indices.reversed().prefix(4).first(where: { !isContinuation(bytes[$0]) }) else {
            return 0
        }
        let have = bytes.distance(from: lead, to: bytes.endIndex)
        let needed =
            switch bytes[lead] {
            case 0xF0...: 4
            case 0xE0...: 3
            case 0xC0...: 2
            default: 1
            }
        return have < needed ? have : 0
    }
}
