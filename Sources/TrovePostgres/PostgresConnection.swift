import CLibPQ
import Foundation

/// One connection to a PostgreSQL server through libpq: statements with parameters, transactions,
/// `COPY FROM STDIN` and `LISTEN`/`NOTIFY`. Synchronous, like the rest of trove's store code; use
/// one connection from one thread at a time.
///
/// ```swift
/// let connection = try PostgresConnection(url: "postgresql://localhost/trove")
/// let result = try connection.execute("SELECT count(*) FROM trove.trajectory")
/// let count = try result.integer(0, 0)
/// ```
public final class PostgresConnection {
    private let connection: OpaquePointer
    /// The server, for messages: the URL without its password.
    public let server: String
    /// The connection as messages name it: ``server``, and the store's schema once a ``PostgresStore``
    /// uses the connection (its ``PostgresStore/name``).
    public internal(set) var name: String

    /// Connects to the server `url` names (`postgresql://` or `postgres://`, or libpq's `key=value` form).
    ///
    /// - throws: ``PostgresError`` (stage `connect`) with libpq's message when the server cannot be reached
    ///   or refuses the connection.
    public init(url: String) throws(PostgresError) {
        server = Self.withoutPassword(url)
        name = server
        guard let connection = PQconnectdb(url) else {
            throw PostgresError(stage: .connect, message: "out of memory", context: server)
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Self.trimmed(String(cString: PQerrorMessage(connection)))
            PQfinish(connection)
            throw PostgresError(stage: .connect, message: message, context: server)
        }
        self.connection = connection
        // Timestamps and numbers read back the same whatever the server's defaults. No JIT compilation:
        // the planner prices the `step` view's JSON reading so high (hundreds of millions) that every
        // filtered statement crossed `jit_above_cost` and spent 0.4–1 s compiling it, more than most of
        // them take to run (`has:zzzqqq`, no hit, 0.43 s → 0.01 s a statement; docs/performance.md).
        try execute(
            "SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'; SET extra_float_digits = 3; SET jit = off")
    }

    deinit { PQfinish(connection) }

    /// Runs `sql` with `parameters` (`$1`, `$2`, …) and returns its rows, in binary format when
    /// `binary` is true (bytes come back exactly either way; binary skips the text conversion).
    /// Without parameters, `sql` may hold several statements; the last one's rows are returned.
    ///
    /// - throws: ``PostgresError`` with the server's SQLSTATE and message, and the statement.
    @discardableResult
    public func execute(
        _ sql: String, _ parameters: [PostgresValue] = [], binary: Bool = false
    ) throws(PostgresError) -> PostgresResult {
        let raw: OpaquePointer?
        if parameters.isEmpty && !binary {
            raw = PQexec(connection, sql)
        } else {
            raw = Self.withParameters(parameters) { types, values, lengths, formats in
                PQexecParams(
                    connection, sql, Int32(parameters.count), types, values, lengths, formats, binary ? 1 : 0)
            }
        }
        return try check(raw, statement: sql, stage: .query)
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws. Called
    /// inside a transaction, `body` runs in that one (a consistent read, such as `trove backup`'s, spans
    /// every step that asks for a transaction of its own).
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        guard PQtransactionStatus(connection) == PQTRANS_IDLE else { return try body() }
        try execute("BEGIN")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            _ = PQexec(connection, "ROLLBACK").map { PQclear($0) }
            throw error
        }
    }

    /// Streams rows into `table`'s `columns` with `COPY … FROM STDIN (FORMAT binary)`: `body` appends
    /// rows to the writer, which sends them in chunks. Returns the number of rows copied.
    ///
    /// - throws: ``PostgresError`` (stage `copy`) when the server refuses a row (the whole `COPY` is
    ///   undone), or what `body` throws (the `COPY` is abandoned).
    @discardableResult
    public func copy(
        into table: String, columns: [String], _ body: (inout PostgresCopyWriter) throws -> Void
    ) throws -> Int {
        let sql = "COPY \(table) (\(columns.joined(separator: ", "))) FROM STDIN (FORMAT binary)"
        guard let start = PQexec(connection, sql) else { throw failure(stage: .copy, statement: sql) }
        guard PQresultStatus(start) == PGRES_COPY_IN else {
            _ = try check(start, statement: sql, stage: .copy)
            throw PostgresError(stage: .copy, message: "the server did not start the copy", context: sql)
        }
        PQclear(start)
        var writer = PostgresCopyWriter(columns: columns.count) { [connection] chunk throws(PostgresError) in
            let sent = chunk.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { PQputCopyData(connection, $0.baseAddress, Int32($0.count)) }
            }
            guard sent == 1 else {
                throw PostgresError(stage: .copy, message: Self.lastError(connection), context: sql)
            }
        }
        do {
            try body(&writer)
            try writer.finish()
        } catch {
            PQputCopyEnd(connection, "abandoned by trove")
            while let result = PQgetResult(connection) { PQclear(result) }
            throw error
        }
        guard PQputCopyEnd(connection, nil) == 1 else { throw failure(stage: .copy, statement: sql) }
        var outcome: PostgresError?
        while let result = PQgetResult(connection) {
            do throws(PostgresError) { _ = try check(result, statement: sql, stage: .copy) } catch { outcome = error }
        }
        if let outcome { throw outcome }
        return writer.rows
    }

    /// A notification `LISTEN` delivered.
    public struct Notification: Sendable, Hashable {
        public var channel: String
        public var payload: String

        public init(channel: String, payload: String) {
            self.channel = channel
            self.payload = payload
        }
    }

    /// Starts listening on `channel` (an identifier).
    public func listen(_ channel: String) throws(PostgresError) {
        try execute("LISTEN \(Self.quoted(channel))")
    }

    /// Sends `payload` to the listeners of `channel` (when the current transaction commits).
    public func notify(_ channel: String, payload: String) throws(PostgresError) {
        try execute("SELECT pg_notify($1, $2)", [.text(channel), .text(payload)])
    }

    /// The notifications that arrived, waiting up to `timeout` seconds for the first when none has.
    public func notifications(timeout: Double) throws(PostgresError) -> [Notification] {
        var found = drainNotifications()
        guard found.isEmpty, timeout > 0 else { return found }
        var descriptor = pollfd(fd: PQsocket(connection), events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, Int32(timeout * 1000))
        guard ready >= 0 else {
            throw PostgresError(stage: .listen, message: String(cString: strerror(errno)), context: server)
        }
        guard ready > 0 else { return [] }
        guard PQconsumeInput(connection) == 1 else {
            throw PostgresError(stage: .listen, message: Self.lastError(connection), context: server)
        }
        found = drainNotifications()
        return found
    }

    private func drainNotifications() -> [Notification] {
        PQconsumeInput(connection)
        var found: [Notification] = []
        while let notice = PQnotifies(connection) {
            found.append(
                Notification(
                    channel: String(cString: notice.pointee.relname), payload: String(cString: notice.pointee.extra)))
            PQfreemem(notice)
        }
        return found
    }

    /// A handle that cancels the statement running on this connection, from any thread; nil when libpq
    /// cannot make one.
    public func canceller() -> PostgresCanceller? {
        PQgetCancel(connection).map(PostgresCanceller.init)
    }

    /// `name` as a quoted SQL identifier.
    public static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: - Results and errors

    private func check(_ raw: OpaquePointer?, statement: String, stage: PostgresError.Stage) throws(PostgresError)
        -> PostgresResult
    {
        guard let raw else { throw failure(stage: stage, statement: statement) }
        switch PQresultStatus(raw) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY, PGRES_COPY_IN:
            return PostgresResult(raw, statement: statement)
        default:
            func field(_ code: Character) -> String? {
                PQresultErrorField(raw, Int32(code.asciiValue ?? 0)).map { String(cString: $0) }
            }
            let error = PostgresError(
                stage: stage, sqlState: field("C"),
                message: field("M") ?? Self.trimmed(String(cString: PQresultErrorMessage(raw))),
                detail: field("D"), hint: field("H"), context: String(statement.prefix(200)), connection: name,
                writes: Self.writes(statement))
            PQclear(raw)
            throw error
        }
    }

    /// Whether `sql` writes: it holds a statement that adds, changes or removes rows or objects
    /// (`INSERT`, `UPDATE`, `DELETE`, `COPY … FROM`, `CREATE` …) or draws from a sequence (`nextval`).
    static func writes(_ sql: String) -> Bool {
        sql.range(of: Self.writingWords, options: [.regularExpression, .caseInsensitive]) != nil
    }

    private static let writingWords =
        #"\b(INSERT|UPDATE|DELETE|MERGE|TRUNCATE|CREATE|ALTER|DROP|GRANT|REVOKE|COPY|nextval|setval)\b"#

    private func failure(stage: PostgresError.Stage, statement: String) -> PostgresError {
        PostgresError(stage: stage, message: Self.lastError(connection), context: String(statement.prefix(200)))
    }

    private static func lastError(_ connection: OpaquePointer) -> String {
        trimmed(String(cString: PQerrorMessage(connection)))
    }

    private static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `url` with every secret it carries replaced by `…`, for messages and manifests: the password of
    /// a URL's user (`postgresql://ana:SECRET@host/db`), and the value of each parameter that holds a
    /// secret (``secretParameters``), in a URL's query (`?password=SECRET`) or in libpq's `key=value`
    /// form (`password=SECRET`, `password='SE CRET'`). The rest is kept as written.
    public static func withoutPassword(_ url: String) -> String {
        let text = Array(url)
        if url.hasPrefix("postgresql://") || url.hasPrefix("postgres://") {
            return String(redactingURL(text, from: url.hasPrefix("postgres://") ? 11 : 13))
        }
        return String(redactingKeywords(text))
    }

    /// The libpq connection parameters whose values are secrets (a `passfile` or `sslkey` names a file,
    /// which messages may show).
    static let secretParameters: Set<String> = ["password", "sslpassword"]

    /// `url` (`postgresql://[user[:password]@]host…[/db][?key=value&…]`, `start` the index after `://`)
    /// with its user's password and its secret query parameters' values replaced.
    private static func redactingURL(_ url: [Character], from start: Int) -> [Character] {
        var result = Array(url[..<start])
        let authorityEnd = url[start...].firstIndex { $0 == "/" || $0 == "?" } ?? url.endIndex
        let authority = url[start..<authorityEnd]
        if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
            result += url[start...colon] + ["…"] + url[at..<authorityEnd]
        } else {
            result += authority
        }
        guard let question = url[authorityEnd...].firstIndex(of: "?") else { return result + url[authorityEnd...] }
        result += url[authorityEnd...question]
        let parameters = url[(question + 1)...].split(separator: "&", omittingEmptySubsequences: false)
        for (index, parameter) in parameters.enumerated() {
            if index > 0 { result.append("&") }
            let key = parameter.prefix { $0 != "=" }
            let name = String(key).removingPercentEncoding ?? String(key)
            result += secretParameters.contains(name) && key.count < parameter.count ? key + ["=", "…"] : parameter
        }
        return result
    }

    /// `conninfo` in libpq's `key = value …` form (a value bare up to white space, or in single quotes;
    /// `\` escapes the next character in either) with its secret parameters' values replaced.
    private static func redactingKeywords(_ conninfo: [Character]) -> [Character] {
        var result: [Character] = []
        var index = 0
        func take(while condition: (Character) -> Bool) -> ArraySlice<Character> {
            let start = index
            while index < conninfo.count, condition(conninfo[index]) { index += 1 }
            return conninfo[start..<index]
        }
        while index < conninfo.count {
            result += take { $0.isWhitespace }
            let key = take { $0 != "=" && !$0.isWhitespace }
            result += key + take { $0.isWhitespace }
            guard index < conninfo.count, conninfo[index] == "=" else { continue }
            result.append("=")
            index += 1
            result += take { $0.isWhitespace }
            let valueStart = index
            let quoted = index < conninfo.count && conninfo[index] == "'"
            if quoted { index += 1 }
            while index < conninfo.count, quoted ? conninfo[index] != "'" : !conninfo[index].isWhitespace {
                index += conninfo[index] == "\\" ? 2 : 1
            }
            if quoted { index += 1 }
            index = min(index, conninfo.count)
            let value = conninfo[valueStart..<index]
            result += secretParameters.contains(String(key)) ? (quoted ? ["'", "…", "'"] : ["…"]) : value
        }
        return result
    }

    private static func withParameters<T>(
        _ parameters: [PostgresValue],
        _ body: (
            UnsafePointer<UInt32>?, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?,
            UnsafePointer<Int32>?
        ) -> T
    ) -> T {
        let wires = parameters.map(\.wire)
        let types = parameters.map(\.typeOID)
        let lengths = wires.map { Int32($0?.count ?? 0) }
        let formats = parameters.map { Int32($0.isBinary ? 1 : 0) }
        // Each value is copied into memory that lives through the call, NUL-terminated for the text ones.
        let buffers: [UnsafeMutablePointer<CChar>?] = wires.map { wire in
            guard let wire else { return nil }
            let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: wire.count + 1)
            wire.withUnsafeBufferPointer { source in
                source.withMemoryRebound(to: CChar.self) { buffer.update(from: $0.baseAddress!, count: wire.count) }
            }
            buffer[wire.count] = 0
            return buffer
        }
        defer { for buffer in buffers { buffer?.deallocate() } }
        let values = buffers.map { UnsafePointer($0) }
        return values.withUnsafeBufferPointer { values in
            types.withUnsafeBufferPointer { types in
                lengths.withUnsafeBufferPointer { lengths in
                    formats.withUnsafeBufferPointer { formats in
                        body(types.baseAddress, values.baseAddress, lengths.baseAddress, formats.baseAddress)
                    }
                }
            }
        }
    }
}

extension PostgresConnection {
    /// `count` new row ids of `table`'s identity column `id`, drawn from its sequence (ids a rolled-back
    /// transaction drew are never reused, as in any PostgreSQL sequence).
    func reserve(_ count: Int, of table: String) throws(PostgresError) -> [Int64] {
        guard count > 0 else { return [] }
        let result = try execute(
            "SELECT nextval(pg_get_serial_sequence($1, 'id')) FROM generate_series(1, $2)",
            [.text(table), .integer(count)], binary: true)
        var ids: [Int64] = []
        ids.reserveCapacity(count)
        for row in 0..<result.rowCount { ids.append(try result.integer(row, 0) ?? 0) }
        return ids
    }
}
