import Foundation
import GRDB
import Testing
import TroveCore
import TrovePostgres
import TroveStore
import TroveTestSupport

/// A store backend the contract suite runs against: SQLite always, PostgreSQL when
/// `$TROVE_TEST_POSTGRES` names a server.
enum TestBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    static var available: [TestBackend] { TestPostgres.url == nil ? [.sqlite] : [.sqlite, .postgres] }

    var testDescription: String { rawValue }
}

/// A new, empty store on one backend (a file in a temporary directory, or a schema of its own on the
/// test server), with what the contract tests do to it.
final class BackendStore {
    let backend: TestBackend
    private let directory = TemporaryDirectory()
    private var postgres: PostgresStore?

    /// The SQL dialect the store speaks.
    var dialect: SQLDialect { backend == .postgres ? .postgres : .sqlite }

    /// The PostgreSQL store, on that backend.
    var postgresStore: PostgresStore? { postgres }

    init(_ backend: TestBackend) throws {
        self.backend = backend
        switch backend {
        case .sqlite:
            _ = try Store.open(path: path, createIfMissing: true)
        case .postgres:
            postgres = try PostgresStore(
                url: TestPostgres.url ?? "", schema: TestPostgres.uniqueSchema(), createIfMissing: true)
        }
    }

    private var path: String { directory.path("store.sqlite") }

    /// The SQLite store's file, on that backend.
    var sqlitePath: String { path }

    /// Imports `paths`; `reward` is `--reward` (the reward of records that carry none), `replace` is
    /// `--replace`.
    @discardableResult
    func importFiles(_ paths: [String], batchSize: Int = 2000, reward: Double? = nil, replace: Bool = false) throws
        -> ImportSummary
    {
        let codec = TrajectoryCodec.Options(defaultReward: reward)
        if let postgres {
            return try PostgresImporter(
                store: postgres,
                options: .init(codec: codec, replace: replace, batchSize: batchSize, archives: .evalLogs)
            ).importFiles(paths)
        }
        let store = try Store.open(path: path)
        return try TrajectoryImporter(
            store: store, options: .init(codec: codec, replace: replace, batchSize: batchSize)
        ).importFiles(paths)
    }

    /// Gives a SWE-bench report's rewards to the stored trajectories whose reward is unknown.
    func fillStoredRewards(_ rewards: [String: Double]) throws -> StoredRewardFill {
        if let postgres { return try PostgresImporter(store: postgres).fillStoredRewards(rewards) }
        return try TrajectoryImporter(store: try Store.open(path: path)).fillStoredRewards(rewards)
    }

    /// What `trove check` finds in the store.
    func check() throws -> StoreCheck {
        if let postgres { return try postgres.check() }
        return try Store.open(path: path).check()
    }

    /// Parses every trajectory again as `trove reparse` does.
    func reparseAll(dryRun: Bool = false, pageSize: Int = 500) throws -> ReparseSummary {
        if let postgres { return try postgres.reparseAll(dryRun: dryRun, pageSize: pageSize) }
        return try Store.open(path: path).reparseAll(dryRun: dryRun, pageSize: pageSize)
    }

    /// The store as `trove export`, `mix` and `diff` read it.
    func exportSource() throws -> any ExportSource {
        if let postgres { return postgres }
        return try Store.open(path: path, readOnly: true)
    }

    /// The store's counts per task.
    func stats() throws -> DatasetStats {
        if let postgres { return try postgres.stats() }
        return try Store.open(path: path, readOnly: true).stats()
    }

    /// The rows of `sql`, every value as text (NULL as `nil`), bytes as lowercase hex.
    /// Runs `sql` (statements that return no rows) in one transaction.
    func execute(_ sql: String) throws {
        if let postgres {
            do {
                try postgres.connection.execute("BEGIN; \(sql); COMMIT")
            } catch {
                _ = try? postgres.connection.execute("ROLLBACK")
                throw error
            }
            return
        }
        try DatabaseQueue(path: path).write { db in try db.execute(sql: sql) }
    }

    func rows(_ sql: String) throws -> [[String?]] {
        if let postgres {
            let result = try postgres.connection.execute(sql)
            return try (0..<result.rowCount).map { row in
                try (0..<result.columnCount).map { column in
                    if let bytes = try? result.bytes(row, column) { return Self.hex(bytes) }
                    return try result.string(row, column)
                }
            }
        }
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            try Row.fetchAll(db, sql: sql).map { row in
                row.databaseValues.map { value in
                    switch value.storage {
                    case .null: nil
                    case .int64(let integer): String(integer)
                    case .double(let real): "\(real)"
                    case .string(let text): text
                    case .blob(let data): Self.hex(Array(data))
                    }
                }
            }
        }
    }

    /// The columns of table or view `name`, in order.
    func columnNamesOfView(_ name: String) throws -> [String] {
        if let postgres {
            let result = try postgres.connection.execute(
                """
                SELECT column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position
                """, [.text(name)])
            return try (0..<result.rowCount).compactMap { try result.string($0, 0) }
        }
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in try Row.fetchAll(db, sql: "PRAGMA table_info(\(name))").map { $0["name"] } }
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
