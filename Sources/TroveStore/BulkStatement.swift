import GRDB
import GRDBSQLite

/// A cached statement bound and stepped through SQLite's C API, for the
/// import's hot inserts and lookups.
///
/// Implementation note: GRDB's `execute(arguments:)` boxes every value into a
/// `DatabaseValue` array and validates it; at a million rows per import that
/// bookkeeping cost more than SQLite's own work. This binds in place and
/// always resets the statement after stepping, so GRDB can still use it.
struct BulkStatement {
    private let handle: OpaquePointer
    private let db: Database

    init(_ db: Database, sql: String) throws {
        self.db = db
        handle = try db.cachedStatement(sql: sql).sqliteStatement
    }

    // MARK: - Binding (1-based, as in SQLite)

    func bind(_ index: Int32, _ value: String?) {
        guard let value else { return bindNull(index) }
        var text = value
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { characters in
                // An empty buffer may have no address; SQLite wants a valid pointer for an empty text.
                _ = sqlite3_bind_text(
                    handle, index, characters.baseAddress ?? emptyText, Int32(characters.count), transient)
            }
        }
    }

    /// Binds `count` bytes of UTF-8 at `bytes` without SQLite copying them: they must stay as they are
    /// until the statement has run (``run()`` clears the bindings).
    func bind(_ index: Int32, unmanagedText bytes: UnsafePointer<CChar>?, count: Int) {
        _ = sqlite3_bind_text(handle, index, bytes ?? emptyText, Int32(count), nil)
    }

    func bind(_ index: Int32, _ value: Int64?) {
        guard let value else { return bindNull(index) }
        sqlite3_bind_int64(handle, index, value)
    }

    func bind(_ index: Int32, _ value: Int?) {
        bind(index, value.map(Int64.init))
    }

    func bind(_ index: Int32, _ value: Double?) {
        guard let value else { return bindNull(index) }
        sqlite3_bind_double(handle, index, value)
    }

    func bind(_ index: Int32, _ value: Bool?) {
        bind(index, value.map { Int64($0 ? 1 : 0) })
    }

    func bind(_ index: Int32, blob: [UInt8]) {
        blob.withUnsafeBytes { raw in
            _ = sqlite3_bind_blob(
                handle, index, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(raw.count), transient)
        }
    }

    private var emptyText: UnsafePointer<CChar> { UnsafePointer(bitPattern: 1)! }

    private func bindNull(_ index: Int32) {
        sqlite3_bind_null(handle, index)
    }

    // MARK: - Stepping

    /// Runs a statement that returns no rows.
    func run() throws {
        let code = sqlite3_step(handle)
        defer { reset() }
        guard code == SQLITE_DONE else { throw error(code) }
    }

    /// Runs a query and returns the first column of its first row as an integer, if there is a row.
    func firstInteger() throws -> Int64? {
        let code = sqlite3_step(handle)
        defer { reset() }
        switch code {
        case SQLITE_ROW: return sqlite3_column_int64(handle, 0)
        case SQLITE_DONE: return nil
        default: throw error(code)
        }
    }

    private func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))),
            sql: String(cString: sqlite3_sql(handle)))
    }

    /// SQLite's SQLITE_TRANSIENT: copy the bound bytes, which Swift may free after the call.
    private var transient: sqlite3_destructor_type {
        unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    }
}
