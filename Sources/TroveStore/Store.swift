import Foundation
import GRDB
import TroveCore

/// The dataset store: one SQLite file holding imported trajectories, their
/// parsed steps and flags, and the append-only history of review labels.
///
/// Opening a store migrates it to the current schema; a store written by a newer
/// trove is refused rather than damaged. On disk the store is a WAL-mode
/// `DatabasePool`, so trainers can read while a reviewer writes; tests use an
/// in-memory store.
///
/// ```swift
/// let store = try Store.open(path: "trove.sqlite")
/// let summary = try TrajectoryImporter(store: store).importFiles(["db.jsonl"])
/// ```
public struct Store: Sendable {
    /// The connection (a pool on disk, a queue in memory).
    public let writer: any DatabaseWriter
    /// The file path, or `:memory:`.
    public let path: String
    /// Whether the store was opened read-only; every write then throws ``StoreError/readOnly(path:)``.
    public let isReadOnly: Bool

    /// Wraps an open connection and migrates it.
    ///
    /// - throws: ``StoreError/supersededSchema(path:)`` when a newer trove wrote the store.
    public init(_ writer: any DatabaseWriter, path: String, isReadOnly: Bool = false) throws {
        self.writer = writer
        self.path = path
        self.isReadOnly = isReadOnly
        let migrator = StoreSchema.migrator
        let superseded = try writer.read { db in try migrator.hasBeenSuperseded(db) }
        if superseded { throw StoreError.supersededSchema(path: path) }
        if !isReadOnly {
            try migrator.migrate(writer)
        }
    }

    /// Opens (creating if needed) the store at `path`.
    ///
    /// - parameter readOnly: open without write access; the file must exist.
    /// - throws: ``StoreError`` or a GRDB `DatabaseError` naming the file.
    public static func open(path: String, readOnly: Bool = false) throws -> Store {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.readonly = readOnly
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            // FTS5 merges index segments in the page cache; SQLite's default 2 MB
            // makes a bulk import thrash. 64 MB per connection is cheap next to the data.
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
        if readOnly, !FileManager.default.fileExists(atPath: path) {
            throw StoreError.missing(path: path)
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        return try Store(pool, path: path, isReadOnly: readOnly)
    }

    /// A fresh store in memory, for tests and scripted sessions.
    public static func inMemory() throws -> Store {
        try Store(DatabaseQueue(), path: ":memory:")
    }

    /// The schema version of this build of trove.
    public static var schemaVersion: Int { StoreSchema.version }

    /// Throws when the store is read-only; called before every write.
    func requireWritable() throws {
        if isReadOnly { throw StoreError.readOnly(path: path) }
    }
}
