import CSQLiteConfig
import Foundation
import GRDB
import GRDBSQLite
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
    /// The connection (a pool on disk, a queue in memory). It stays inside the store, so that every
    /// read and write goes through the store's methods; tests and the benchmark reach it through
    /// ``StoreTestSeam``.
    let writer: any DatabaseWriter
    /// The file path, or `:memory:`.
    public let path: String
    /// Whether the store was opened read-only; every write then throws ``StoreError/readOnly(path:)``.
    public let isReadOnly: Bool
    /// The bytes the review ports read through blob I/O, per column (a test seam).
    package let reads = ReadTally()

    /// Wraps an open connection and migrates it (a read-only one must need no migration).
    ///
    /// - parameter mayCreate: the connection is to a new, empty database that should become a store;
    ///   otherwise a database without trove's schema is refused.
    /// - throws: ``StoreError/supersededSchema(path:)`` when a newer trove wrote the store,
    ///   ``StoreError/outdatedSchema(path:version:)`` when an older one did and `isReadOnly` forbids
    ///   the upgrade, ``StoreError/notAStore(path:)`` for a database trove did not write.
    init(_ writer: any DatabaseWriter, path: String, isReadOnly: Bool = false, mayCreate: Bool = true) throws {
        self.writer = writer
        self.path = path
        self.isReadOnly = isReadOnly
        let migrator = StoreSchema.migrator
        let (recorded, isEmpty, superseded, complete) = try writer.read { db in
            // Implementation note: `store_info.schema_version` is the version readers see (docs/store.md), so
            // a newer version there is refused even when the migration names look familiar.
            let recorded =
                try db.tableExists("store_info")
                ? try String.fetchOne(db, sql: "SELECT value FROM store_info WHERE key = 'schema_version'") : nil
            return (
                recorded.flatMap { Int($0) }, try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") == 0,
                try migrator.hasBeenSuperseded(db), try migrator.hasCompletedMigrations(db)
            )
        }
        if recorded == nil, !(isEmpty && mayCreate) { throw StoreError.notAStore(path: path) }
        if superseded || recorded ?? 0 > StoreSchema.version { throw StoreError.supersededSchema(path: path) }
        if !isReadOnly {
            try migrator.migrate(writer)
        } else if !complete {
            throw StoreError.outdatedSchema(path: path, version: recorded ?? 0)
        }
    }

    /// How long a write waits for another process's write to finish before it fails: longer than the
    /// longest write trove makes (a label, undo or redo of a million trajectories took 10–45 s on 2
    /// busy vCPUs), so that concurrent commands queue instead of failing with "database is locked".
    public static let busyTimeout: TimeInterval = 300

    /// Opens the store at `path`, which must exist unless `createIfMissing`.
    ///
    /// Only a store is opened: a path that does not exist throws ``StoreError/missing(path:)`` (and
    /// creates nothing), and an empty file or any file trove did not write throws
    /// ``StoreError/notAStore(path:)``, so a mistyped `--store` never becomes a new store.
    ///
    /// A store whose file, directory, `-wal` or `-shm` file is write-protected (no write permission bit,
    /// which even root respects here, or not writable by this user) opens read-only even when `readOnly` is false, as
    /// editors do: ``isReadOnly`` says so, and every write throws ``StoreError/readOnly(path:)``. In a
    /// directory this user cannot write, where SQLite cannot create the `-shm` file it reads a WAL
    /// store through, a store that no process has open (no `-wal` or `-shm` beside it) is read as an
    /// immutable file.
    ///
    /// Opening for writing also finishes the search index of an import into a new store that was killed
    /// while it built it apart: every text the index lacks is indexed (docs/store.md, `message_fts`).
    ///
    /// Creating, checking and migrating happen under an exclusive lock on the store's directory
    /// (``StoreDirectoryLock``), so two processes creating one new store at once both succeed, one
    /// after the other; a store that cannot be created is removed again.
    ///
    /// - parameter readOnly: open without write access.
    /// - parameter createIfMissing: create a new store when nothing exists at `path`.
    /// - throws: ``StoreError`` or a GRDB `DatabaseError` naming the file.
    public static func open(path: String, readOnly: Bool = false, createIfMissing: Bool = false) throws -> Store {
        _ = sqliteConfigured
        let exclusive = !readOnly
        // The store a symlink names is its target's, created there too (the link is kept): every command
        // then reaches it through the link, as one that existed before.
        let location = try linkTarget(of: path)
        return try StoreDirectoryLock.holding(directoryOf: location, exclusive: exclusive) {
            if exclusive { removeUnfinishedCreations(of: location) }
            if FileManager.default.fileExists(atPath: path) {
                try requireRegularFile(path)
                try rollBackHotJournal(path)
                try requireStoreFile(path)
            } else if readOnly || !createIfMissing {
                throw StoreError.missing(path: path)
            } else {
                try createStore(at: location)
            }
            let readOnly = readOnly || isWriteProtected(path) || cannotWriteBeside(path)
            let pool = try openPool(path: connectionPath(path, readOnly: readOnly), readOnly: readOnly)
            let store = try Store(pool, path: path, isReadOnly: readOnly, mayCreate: false)
            if !readOnly, try pool.read(SearchIndexBuild.isRegistered) {
                try pool.write { db in try SearchIndexBuild.finishInterrupted(storePath: path, in: db) }
            }
            return store
        }
    }

    /// A pool on the store file at `path`, waiting up to ``busyTimeout`` while another process's write
    /// transaction keeps it from putting the store in WAL mode.
    ///
    /// Implementation note: the import that fills a new store writes it with a rollback journal
    /// (``useRollbackJournal()``), and a pool's writer puts a store in WAL mode when it opens: SQLite
    /// reads the store's header, then takes the write lock to change it, and a connection already
    /// reading fails at once rather than wait for a writer (which could be waiting for it). Three
    /// processes importing into one new store at once failed that way under load (`ConcurrencyTests`).
    private static func openPool(path: String, readOnly: Bool) throws -> DatabasePool {
        let deadline = Date(timeIntervalSinceNow: busyTimeout)
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration(readOnly: readOnly))
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.01)
            }
        }
    }

    /// Creates a whole, migrated store at `path`, which does not exist: built under another name in the
    /// same directory, closed, then renamed into place, so that a run killed at any point leaves either
    /// no store or a whole one, never a file that is not yet a store (which every later command would
    /// refuse as one trove did not write).
    ///
    /// - throws: ``StoreError/cannotCreate(path:reason:)``, creating nothing, when the directory is
    ///   write-protected (``isWriteProtected(directoryOf:)``): root could create the store there, but every
    ///   later open would find it read-only.
    private static func createStore(at path: String) throws {
        if isWriteProtected(directoryOf: path) {
            throw StoreError.cannotCreate(
                path: path,
                reason:
                    "its directory \(StoreDirectoryLock.directory(of: path)) is write-protected; nothing was created")
        }
        let unfinished = unfinishedPrefix(of: path) + "\(getpid())"
        do {
            let pool = try DatabasePool(path: unfinished, configuration: configuration(readOnly: false))
            _ = try Store(pool, path: path, isReadOnly: false, mayCreate: true)
            // Everything into the file itself: its `-wal` is left behind under the old name.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
            try pool.close()
        } catch {
            removeCreatedFiles(unfinished)
            throw error
        }
        guard rename(unfinished, path) == 0 else {
            let code = errno
            removeCreatedFiles(unfinished)
            throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(code)))
        }
        removeCreatedFiles(unfinished)
    }

    /// Where the symlinks at `path` end (each link's target read relative to the link's directory), which
    /// need not exist; `path` itself when it is no symlink.
    ///
    /// - throws: ``StoreError/cannotCreate(path:reason:)`` for links that loop.
    static func linkTarget(of path: String) throws -> String {
        var location = path
        for _ in 0..<40 {
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: location) else {
                return location
            }
            location = target.hasPrefix("/") ? target : StoreDirectoryLock.directory(of: location) + "/" + target
        }
        throw StoreError.cannotCreate(path: path, reason: "too many levels of symbolic links")
    }

    /// The start of the name a store is built under before it is renamed to `path`.
    static func unfinishedPrefix(of path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".creating-"
    }

    /// Removes what runs killed while creating a store in the directory of `path` left
    /// (`.NAME.creating-PID` and SQLite's files beside it, for any store there); called under the
    /// directory's exclusive lock, which every creation holds, so no creation is under way there.
    static func removeUnfinishedCreations(of path: String) {
        let directory = StoreDirectoryLock.directory(of: path)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(".") {
            guard let marker = name.range(of: ".creating-", options: .backwards) else { continue }
            var run = name[marker.upperBound...]
            if let sidecar = TemporaryFile.sqliteSidecars.first(where: { run.hasSuffix($0) }) {
                run = run.dropLast(sidecar.count)
            }
            guard UInt32(run) != nil else { continue }
            try? FileManager.default.removeItem(atPath: directory + "/" + name)
        }
    }

    /// Whether SQLite's process-wide options were set (`trove_sqlite_configure`) before its first
    /// connection opened; evaluated once, before any store opens.
    ///
    /// Implementation note: in SQLite's default serialized mode every call on a connection (each value
    /// bound, each step) takes the connection's mutex, and with memory statistics each allocation takes a
    /// global one: 3.4% of the import writer's instructions. GRDB serializes each connection's use itself.
    private static let sqliteConfigured = trove_sqlite_configure() == SQLITE_OK

    /// The connection settings of every store opened from a file.
    static func configuration(readOnly: Bool) -> Configuration {
        _ = sqliteConfigured
        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.readonly = readOnly
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            db.add(collation: .troveNatural)
            try db.addPhraseFunction()
            // FTS5 merges index segments in the page cache; SQLite's default 2 MB
            // makes a bulk import thrash. 32 MB per connection imports as fast as 64 MB,
            // whose 16 KB pages took an import's memory from 230 MB to 460 MB.
            try db.execute(sql: "PRAGMA cache_size = -32768")
            // A new store gets 16 KB pages (an existing one keeps its own): a record's bytes then
            // span a quarter as many overflow pages, and an import writes 15% faster, for 9% more
            // space than 4 KB pages. Setting it writes nothing, so a read-only store takes it too.
            if !readOnly { try db.execute(sql: "PRAGMA page_size = 16384") }
        }
        return configuration
    }

    /// What SQLite opens for the store at `path`: the path itself, or, read-only in a directory this
    /// user cannot write and with no `-wal` or `-shm` file beside the store (no process has it open, and
    /// the file holds every committed change), an `immutable` URI, without which SQLite refuses to read a
    /// WAL database it cannot make a `-shm` for.
    private static func connectionPath(_ path: String, readOnly: Bool) -> String {
        guard readOnly, isWriteProtected(directoryOf: path),
            !FileManager.default.fileExists(atPath: path + "-shm"),
            !FileManager.default.fileExists(atPath: path + "-wal")
        else { return path }
        return URL(fileURLWithPath: path).absoluteString + "?mode=ro&immutable=1"
    }

    /// Throws ``StoreError/notAStore(path:)`` unless the file at `path` is an SQLite database with
    /// trove's `store_info` table (an empty file is an empty database), read without write access:
    /// opening a database for writing switches it to WAL mode, which would change a file trove must
    /// leave alone.
    ///
    /// Implementation note: SQLite reads the header, not a file handle of ours, because closing any
    /// descriptor of a file drops the POSIX locks SQLite holds on it in this process.
    /// Refuses a path that is not a regular file before SQLite opens it: a directory gave "disk I/O
    /// error", and opening a FIFO waited for a writer forever.
    private static func requireRegularFile(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        let kind: String? =
            switch info.st_mode & S_IFMT {
            case S_IFREG: nil
            case S_IFDIR: "a directory"
            case S_IFIFO: "a FIFO"
            case S_IFCHR, S_IFBLK: "a device"
            case S_IFSOCK: "a socket"
            default: "not a regular file"
            }
        if let kind { throw StoreError.notAFile(path: path, kind: kind) }
    }

    private static func requireStoreFile(_ path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        do {
            let queue = try DatabaseQueue(path: connectionPath(path, readOnly: true), configuration: configuration)
            defer { try? queue.close() }
            if try !queue.read({ db in try db.tableExists("store_info") }) { throw StoreError.notAStore(path: path) }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw StoreError.notAStore(path: path)
        }
    }

    /// Rolls back the transaction a writer killed midway left in a hot `-journal` beside the store at
    /// `path` (the import that fills a new store writes with a rollback journal), when this user may write
    /// there; nothing when there is no journal. SQLite rolls a hot journal back only on a connection that
    /// can write, and every connection that reads the store first (``requireStoreFile(_:)``, a pool's
    /// readers, a read-only command's) is read-only, so without this every command, a rerun of the import
    /// and `trove check` included, failed with "attempt to write a readonly database" until something
    /// else opened the store for writing.
    ///
    /// Implementation note: a plain connection that reads the schema is what SQLite needs to roll back: it
    /// takes the locks a rollback takes, leaves a journal a live writer holds alone (that writer keeps its
    /// lock; the read waits for it), and changes nothing else, neither the journal mode nor any row.
    private static func rollBackHotJournal(_ path: String) throws {
        guard FileManager.default.fileExists(atPath: path + "-journal"), !isWriteProtected(path),
            !cannotWriteBeside(path)
        else { return }
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.close()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw StoreError.notAStore(path: path)
        }
    }

    /// Removes what a failed creation of the store at `path` left.
    static func removeCreatedFiles(_ path: String) {
        for suffix in [""] + TemporaryFile.sqliteSidecars { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Whether the file at `path` exists and must not be written: no write
    /// permission bit is set (which even root respects here), or this user may not write it.
    public static func isWriteProtected(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return info.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH) == 0 || access(path, W_OK) != 0
    }

    /// Whether the directory holding `path` must not be written (as ``isWriteProtected(_:)`` judges):
    /// SQLite then cannot create the `-wal` and `-shm` files a writer needs, and trove creates no store
    /// there. The one test of whether trove may write in a directory (`trove review FILE` falls back to
    /// `./` on it).
    public static func isWriteProtected(directoryOf path: String) -> Bool {
        isWriteProtected(StoreDirectoryLock.directory(of: path))
    }

    /// Whether SQLite cannot write beside the store at `path`: its directory, or its existing `-wal` or
    /// `-shm` file (made by a reader running as another user), is write-protected. The store then
    /// opens read-only; docs/store.md ("Sharing a store") says how to set up a store several people write.
    public static func cannotWriteBeside(_ path: String) -> Bool {
        isWriteProtected(directoryOf: path) || isWriteProtected(path + "-wal") || isWriteProtected(path + "-shm")
    }

    /// A fresh store in memory, for tests and scripted sessions.
    public static func inMemory() throws -> Store {
        _ = sqliteConfigured
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            db.add(collation: .troveNatural)
            try db.addPhraseFunction()
        }
        return try Store(DatabaseQueue(configuration: configuration), path: memoryPath)
    }

    /// The ``path`` of a store in memory.
    static let memoryPath = ":memory:"

    /// The schema version of this build of trove.
    public static var schemaVersion: Int { StoreSchema.version }

    /// Throws when the store is read-only; called before every write.
    func requireWritable() throws {
        if isReadOnly { throw StoreError.readOnly(path: path) }
    }
}
