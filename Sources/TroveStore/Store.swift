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

    /// Wraps an open connection and migrates it (a read-only one must need no migration).
    ///
    /// - throws: ``StoreError/supersededSchema(path:)`` when a newer trove wrote the store,
    ///   ``StoreError/outdatedSchema(path:version:)`` when an older one did and `isReadOnly` forbids
    ///   the upgrade.
    public init(_ writer: any DatabaseWriter, path: String, isReadOnly: Bool = false) throws {
        self.writer = writer
        self.path = path
        self.isReadOnly = isReadOnly
        let migrator = StoreSchema.migrator
        let (recorded, superseded, complete) = try writer.read { db in
            // Implementation note: `store_info.schema_version` is the version readers see (docs/store.md), so
            // a newer version there is refused even when the migration names look familiar.
            let recorded =
                try db.tableExists("store_info")
                ? try String.fetchOne(db, sql: "SELECT value FROM store_info WHERE key = 'schema_version'") : nil
            return (
                recorded.flatMap { Int($0) } ?? 0, try migrator.hasBeenSuperseded(db),
                try migrator.hasCompletedMigrations(db)
            )
        }
        if superseded || recorded > StoreSchema.version { throw StoreError.supersededSchema(path: path) }
        if !isReadOnly {
            try migrator.migrate(writer)
        } else if !complete {
            throw StoreError.outdatedSchema(path: path, version: recorded)
        }
    }

    /// How long a write waits for another process's write to finish before it fails: longer than the
    /// longest write trove makes (a label, undo or redo of a million trajectories took 10–45 s on 2
    /// busy vCPUs), so that concurrent commands queue instead of failing with "database is locked".
    public static let busyTimeout: TimeInterval = 300

    /// Opens (creating if needed) the store at `path`.
    ///
    /// A store file that is write-protected (no write permission bit, or not
    /// writable by this user) opens read-only even when `readOnly` is false, as
    /// editors do: ``isReadOnly`` says so, and every write throws
    /// ``StoreError/readOnly(path:)``.
    ///
    /// - parameter readOnly: open without write access; the file must exist.
    /// - throws: ``StoreError`` or a GRDB `DatabaseError` naming the file.
    public static func open(path: String, readOnly: Bool = false) throws -> Store {
        let readOnly = readOnly || isWriteProtected(path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.readonly = readOnly
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            // FTS5 merges index segments in the page cache; SQLite's default 2 MB
            // makes a bulk import thrash. 32 MB per connection imports as fast as 64 MB,
            // whose 16 KB pages took an import's memory from 230 MB to 460 MB.
            try db.execute(sql: "PRAGMA cache_size = -32768")
            // A new store gets 16 KB pages (an existing one keeps its own): a record's bytes then
            // span a quarter as many overflow pages, and an import writes 15% faster, for 9% more
            // space than 4 KB pages.
            try db.execute(sql: "PRAGMA page_size = 16384")
        }
        if readOnly, !FileManager.default.fileExists(atPath: path) {
            throw StoreError.missing(path: path)
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        return try Store(pool, path: path, isReadOnly: readOnly)
    }

    /// Whether the file at `path` exists and must not be written: no write
    /// permission bit is set (which even root respects here), or this user may not write it.
    static func isWriteProtected(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return info.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH) == 0 || access(path, W_OK) != 0
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
