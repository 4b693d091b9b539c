/// A failure talking to a PostgreSQL server, with what trove was doing and what the server said.
public struct PostgresError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What failed.
    public enum Stage: String, Sendable, Hashable {
        /// Connecting (a bad URL, no server, refused authentication).
        case connect
        /// Running a statement.
        case query
        /// Streaming rows with `COPY FROM STDIN`.
        case copy
        /// Waiting for notifications.
        case listen
    }

    public var stage: Stage
    /// The SQLSTATE code the server sent (`23505` for a unique violation), `nil` for a client-side failure.
    public var sqlState: String?
    /// The server's or libpq's message.
    public var message: String
    /// The server's detail and hint lines, when it sent them.
    public var detail: String?
    public var hint: String?
    /// What trove was doing: the statement (its start) or the server it connected to.
    public var context: String
    /// The connection the statement ran on as messages name it (``PostgresConnection/name``: the server
    /// without its password, and the store's schema), when a statement failed.
    public var connection: String?
    /// Whether the statement writes (adds, changes or removes rows or objects, or draws ids from a
    /// sequence), as opposed to one that only reads.
    public var writes: Bool

    public init(
        stage: Stage, sqlState: String? = nil, message: String, detail: String? = nil, hint: String? = nil,
        context: String, connection: String? = nil, writes: Bool = false
    ) {
        self.stage = stage
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.context = context
        self.connection = connection
        self.writes = writes
    }

    /// Whether the server refused the statement because a row with the same key exists.
    public var isUniqueViolation: Bool { sqlState == "23505" }
    /// Whether the server refused a statement that writes because the user lacks the privilege
    /// (SQLSTATE 42501, `insufficient_privilege`): the store is read-only for this user.
    public var isWriteDenied: Bool { sqlState == "42501" && writes }
    /// Whether the statement was cancelled (``PostgresCanceller``).
    public var isCanceled: Bool { sqlState == "57014" }

    public var description: String {
        var text = "PostgreSQL \(stage.rawValue) failed"
        if let sqlState { text += " (SQLSTATE \(sqlState))" }
        text += ": \(message)"
        if let detail { text += "; \(detail)" }
        if let hint { text += "; hint: \(hint)" }
        return text + " [\(context)]"
    }
}
