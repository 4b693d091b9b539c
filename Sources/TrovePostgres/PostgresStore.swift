import Foundation

/// A trove store in a PostgreSQL schema: the tables and views of docs/store.md, created and migrated
/// by trove with the SQLite store's migration names and version.
///
/// The schema is `schema` when given (`--schema`), else the one a `search_path` the URL sets names
/// (`?options=-c%20search_path%3Dteam`, ``searchPathSchema(in:)``), else `trove`. Opening takes a transaction-level advisory
/// lock on the schema's name, so processes creating or migrating one store at once wait for each
/// other instead of failing.
///
/// The review UI's reads (``TrajectorySource``) may come from several threads: they take turns on the
/// connection through ``serial``.
public final class PostgresStore: @unchecked Sendable {
    public let connection: PostgresConnection
    /// The URL the store was opened with, for a connection of its own (a count apart from the pages).
    let url: String
    /// Held around every use of ``connection`` by a read the review UI may make from any thread.
    let serial = NSLock()
    /// The connections counts run on apart from ``connection`` (`listCounts(…onOwnConnection: true…)`).
    let countConnections: PostgresConnectionPool
    /// The schema the store lives in.
    public let schema: String
    /// The store for messages: the server (without a password) and the schema.
    public let name: String

    /// The name of the table listing applied migrations (the same as the SQLite store's).
    static let migrationTable = "grdb_migrations"

    /// Whether `location` (a `--store` value) names a PostgreSQL server rather than a SQLite file.
    public static func isURL(_ location: String) -> Bool {
        location.hasPrefix("postgresql://") || location.hasPrefix("postgres://")
    }

    /// Connects and opens the store, migrating an older one; creates it when `createIfMissing`.
    ///
    /// - throws: ``PostgresError`` when the server cannot be reached or refuses a statement,
    ///   ``PostgresStoreError`` when there is no store (and none is to be created), the schema holds
    ///   something else, a newer trove wrote it, or the database lacks an extension a migration needs and
    ///   trove may not create it (``PostgresStoreError/missingUnaccent(store:server:)``).
    public convenience init(url: String, schema: String? = nil, createIfMissing: Bool = false) throws {
        try self.init(connecting: url, schema: schema)
        try connection.transaction {
            try lock()
            try migrate(createIfMissing: createIfMissing)
        }
    }

    private init(connecting url: String, schema: String?) throws {
        let schema = try schema ?? Self.searchPathSchema(in: url) ?? "trove"
        guard !schema.isEmpty, schema.utf8.count <= 63 else { throw PostgresStoreError.badSchemaName(schema) }
        connection = try PostgresConnection(url: url)
        self.url = url
        self.schema = schema
        countConnections = PostgresConnectionPool(url: url, schema: schema)
        name = "\(connection.server) (schema \(schema))"
        connection.name = name
        try connection.execute("SET search_path = \(PostgresConnection.quoted(schema))")
    }

    /// Creates a store in a schema that does not exist yet and lets `fill` write into it, all in one
    /// transaction: when anything throws, the server is left as it was.
    ///
    /// - throws: ``PostgresStoreError/exists(store:)`` when the schema exists, else as
    ///   ``init(url:schema:createIfMissing:)`` and `fill` do.
    public static func create(url: String, schema: String? = nil, _ fill: (PostgresStore) throws -> Void) throws {
        let store = try PostgresStore(connecting: url, schema: schema)
        try store.connection.transaction {
            try store.lock()
            let found = try store.connection.execute(
                "SELECT count(*) FROM pg_namespace WHERE nspname = $1", [.text(store.schema)])
            guard try found.integer(0, 0) == 0 else { throw PostgresStoreError.exists(store: store.name) }
            try store.migrate(createIfMissing: true)
            try fill(store)
        }
    }

    private func lock() throws {
        try lockUntilTransactionEnds("trove store ")
    }

    /// Takes the transaction-level advisory lock named by `prefix` and the store's schema, waiting while
    /// another session holds it: the writers that take one name run one after another, each until its
    /// transaction ends. The names: `trove store ` (opening and migrating), ``labelsLockPrefix`` (label
    /// writers) and ``importLockPrefix`` (import batches).
    func lockUntilTransactionEnds(_ prefix: String) throws {
        try connection.execute("SELECT pg_advisory_xact_lock(hashtext($1))", [.text(prefix + schema)])
    }

    /// The advisory lock an import batch holds from looking up its ids to committing its rows, so that two
    /// imports into one store take turns and the later one finds the records the other stored.
    static let importLockPrefix = "trove import "

    /// The version recorded in `store_info`.
    public func schemaVersion() throws -> Int {
        let result = try connection.execute("SELECT value FROM store_info WHERE key = 'schema_version'")
        return try result.string(0, 0).flatMap { Int($0) } ?? 0
    }

    private func migrate(createIfMissing: Bool) throws {
        let tables = try connection.execute(
            "SELECT count(*) FILTER (WHERE tablename = $2), count(*) FROM pg_tables WHERE schemaname = $1",
            [.text(schema), .text(Self.migrationTable)])
        let hasMigrations = try tables.integer(0, 0) == 1
        if !hasMigrations {
            guard try tables.integer(0, 1) == 0 else { throw PostgresStoreError.notAStore(store: name) }
            guard createIfMissing else { throw PostgresStoreError.missing(store: name) }
            try connection.execute("CREATE SCHEMA IF NOT EXISTS \(PostgresConnection.quoted(schema))")
            try connection.execute("CREATE TABLE \(Self.migrationTable) (identifier text PRIMARY KEY)")
        }
        let applied = try connection.execute("SELECT identifier FROM \(Self.migrationTable)")
        var done = Set<String>()
        for row in 0..<applied.rowCount { if let name = try applied.string(row, 0) { done.insert(name) } }
        let known = Set(PostgresSchema.migrations.map(\.name))
        let unknown = done.subtracting(known).sorted()
        guard unknown.isEmpty else { throw PostgresStoreError.supersededSchema(store: name, unknown: unknown) }
        // A newer trove may record its version without a migration this one could tell (as SQLite's store
        // is refused on its version too).
        if !done.isEmpty, try schemaVersion() > PostgresSchema.version {
            throw PostgresStoreError.supersededSchema(store: name, unknown: [])
        }
        for migration in PostgresSchema.migrations where !done.contains(migration.name) {
            try PostgresSchema.preparations[migration.name]?(connection, name)
            try connection.execute(migration.sql)
            try PostgresSchema.fills[migration.name]?(connection)
            try connection.execute(
                "INSERT INTO \(Self.migrationTable) (identifier) VALUES ($1)", [.text(migration.name)])
        }
    }

    /// The schema a `search_path` in the URL's `options` parameter (else in `$PGOPTIONS`, which libpq
    /// reads when the URL has none) names, read as PostgreSQL reads it: `-c search_path=team`,
    /// `-csearch_path=team` or `--search_path=team`; an unquoted name folded to lowercase, a double-quoted
    /// one kept as written. Of several schemas, the first. Nil when neither sets a `search_path`.
    ///
    /// - throws: ``PostgresStoreError/unusableSearchPath(_:reason:)`` when the `search_path` is no list
    ///   of schema names, names none, or starts with `$user` (a schema only when one is named as the
    ///   connecting role).
    public static func searchPathSchema(in url: String) throws(PostgresStoreError) -> String? {
        let query = URLComponents(string: url)?.queryItems
        let options =
            query?.last(where: { $0.name == "options" })?.value ?? ProcessInfo.processInfo.environment["PGOPTIONS"]
        guard let options, let value = PostgresConnectionOptions.settings(in: options)["search_path"] else {
            return nil
        }
        guard let entries = PostgresConnectionOptions.searchPath(value) else {
            throw .unusableSearchPath(value, reason: "is not a list of schema names")
        }
        switch entries.first {
        case .schema(let name): return name
        case .user:
            throw .unusableSearchPath(
                value,
                reason: "starts with $user, the schema named as whoever connects; put the store's schema first")
        case nil: throw .unusableSearchPath(value, reason: "names no schema")
        }
    }
}
