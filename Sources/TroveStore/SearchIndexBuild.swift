import Foundation
import GRDB

/// The search index of an import into a store without texts, built on a second thread in a scratch
/// database beside the store and moved into the store's `message_fts` before the import returns.
///
/// Contract:
/// - Each batch's new texts are indexed after the batch commits (``index(after:through:texts:)``), from
///   the texts the writer hands over, in a transaction of their own; the store's index then stays empty until
///   ``finish()``, which moves the built index into it (or, when the store's index is no longer empty or
///   the build failed, indexes the import's texts in the store itself), so that everything the import
///   stored is searchable when it returns. The index is the one a batch-by-batch import writes: the same
///   inserts, batch for batch, under the same settings.
/// - While the build runs, `store_info` holds a `search_index_build:` row naming its scratch file, which
///   the build holds an advisory lock on. A build whose process died (its lock free) is finished by the
///   next process that opens the store for writing (``finishInterrupted(storePath:in:)``): it indexes every text
///   the index lacks. Until then a search misses the interrupted import's texts, and `trove check`
///   reports the difference.
///
/// Implementation note: SQLite lets one connection write a database file at a time, and the index was
/// a third of the writer thread's work, its segments merged again and again through the WAL and the
/// checkpoints. In a scratch file without a journal, written by another thread while the writer goes on
/// with the next batch, a 1 GB import took 31 s instead of 50 s in alternating runs, and `trove-bench`
/// 32.9 s against 35.9 s on a quieter machine (release; DECISIONS.md 75). Moving the finished index is a
/// copy of its three tables, about a fifth of the input's size. Nothing in the scratch file outlives the
/// build. The build never reads the store: the writer hands each batch's texts over in memory, so the
/// store has no other connection while the import writes it with a rollback journal (DECISIONS.md 84).
final class SearchIndexBuild: @unchecked Sendable {
    // @unchecked: `pending`, `pendingBytes`, `indexing` and `closed` are guarded by `condition`; `failure`
    // is written by the build's thread and read after `done`, which that thread signals last; `ranges` is
    // the importer's alone.

    /// The scratch database's path: `.NAME.search-PID-N` beside the store `NAME`.
    let scratchPath: String
    private let storePath: String
    private let marker: String
    private let lock: LockedFile
    private let scratch: DatabaseQueue
    private let condition = NSCondition()
    /// The ranges handed over and not yet indexed, the one being indexed first.
    private var pending: [TextRange] = []
    /// The UTF-8 bytes of the texts in `pending`.
    private var pendingBytes = 0
    /// Whether the build's thread is indexing `pending`'s first range.
    private var indexing = false
    private var closed = false
    private var started = false
    private let done = DispatchSemaphore(value: 0)
    private var failure: (any Error)?
    /// The text id ranges `(after, through]` the import added, adjacent ones merged.
    private var ranges: [(after: Int64, through: Int64)] = []

    /// The `store_info` key under which a build in progress names its scratch file.
    static let markerPrefix = "search_index_build:"

    /// The texts with ids in `(after, through]`, in id order, and their UTF-8 bytes.
    private struct TextRange {
        var after: Int64
        var texts: PackedTexts
    }

    /// How many bytes of texts may wait for the build's thread before ``index(after:through:texts:)``
    /// waits for it, so that the import's memory stays bounded when the index falls behind the writer. A
    /// transaction of four 4 MB batches of AgentInstruct-shaped records adds about 6 MB of new text.
    static let pendingTextBudget = 16 << 20

    /// Creates the scratch database and takes its lock; ``claim(_:)`` then decides whether the build runs.
    init(storePath: String) throws {
        self.storePath = storePath
        let url = URL(fileURLWithPath: storePath)
        let name = "." + url.lastPathComponent + ".search-\(getpid())-\(UInt32.random(in: 1...UInt32.max))"
        scratchPath = url.deletingLastPathComponent().appendingPathComponent(name).path
        marker = Self.markerPrefix + name
        // Readable like the store: another user's writable open must see this build running, not dead.
        lock = try LockedFile(creating: scratchPath, mode: LockedFile.mode(readableLike: storePath, owner: 0o600))
        var configuration = Configuration()
        configuration.busyMode = .timeout(Store.busyTimeout)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = OFF")
            try db.execute(sql: "PRAGMA synchronous = OFF")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // SQLite's own 2 MB page cache: without a journal, a page it lacks is a read from the system's
            // cache, and building the index of 200 MB took the same CPU time with 32 MB (DECISIONS.md 75).
            try db.execute(sql: "PRAGMA page_size = 16384")
        }
        do {
            scratch = try DatabaseQueue(path: scratchPath, configuration: configuration)
            try scratch.writeWithoutTransaction { db in
                try db.execute(sql: StoreSchema.searchIndexTable)
                try TrajectoryImporter.setSearchIndexMerging(db)
                try db.execute(sql: "CREATE TEMP TABLE new_text (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
            }
        } catch {
            lock.remove()
            throw error
        }
    }

    /// Registers the build in the store, inside the transaction that starts the import, when the store
    /// holds no text (so its index is empty); returns false, and registers nothing, otherwise.
    func claim(_ db: Database) throws -> Bool {
        guard try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM message_text)") ?? true) else { return false }
        try db.execute(
            sql: "INSERT INTO store_info (key, value) VALUES (?, ?)",
            arguments: [marker, URL(fileURLWithPath: scratchPath).lastPathComponent])
        return true
    }

    /// Gives the build up before it claimed the store: removes the scratch file.
    func discard() {
        try? scratch.close()
        lock.remove()
    }

    /// Indexes `texts`, which a committed batch stored with the ids `(after, through]` in order, on the
    /// build's thread; first waits while more than ``pendingTextBudget`` bytes of texts wait for it.
    func index(after low: Int64, through high: Int64, texts: PackedTexts) {
        guard high > low else { return }
        precondition(texts.count == high - low, "a batch's new texts are its id range")
        if let last = ranges.last, last.through == low {
            ranges[ranges.count - 1].through = high
        } else {
            ranges.append((low, high))
        }
        if !started {
            // One thread of its own, rather than a dispatch queue's changing workers: each thread allocates
            // from its own malloc arena, and SQLite's pages spread over several took 100 MB more at 1 GB.
            let thread = Thread { [self] in run() }
            thread.name = "trove search index"
            thread.start()
            started = true
        }
        condition.lock()
        while !pending.isEmpty && pendingBytes + texts.bytes.count > Self.pendingTextBudget { condition.wait() }
        pending.append(TextRange(after: low, texts: texts))
        pendingBytes += texts.bytes.count
        condition.broadcast()
        condition.unlock()
    }

    /// The build's thread: indexes each range handed to it, in order, until ``finish()``.
    ///
    /// Implementation note: the texts go through a temporary table so that one `INSERT … SELECT` indexes a
    /// batch, as the writer's own indexing does; FTS5 writes a segment per statement, so both ways give the
    /// same index row for row.
    private func run() {
        while let range = nextRange() {
            guard failure == nil else { continue }
            do {
                try scratch.inTransaction { db in
                    let insert = try BulkStatement(db, sql: "INSERT INTO temp.new_text (id, text) VALUES (?, ?)")
                    try range.texts.forEachText { offset, text in
                        insert.bind(1, range.after + 1 + Int64(offset))
                        text.withMemoryRebound(to: CChar.self) {
                            insert.bind(2, unmanagedText: $0.baseAddress, count: $0.count)
                        }
                        try insert.run()
                    }
                    try db.execute(sql: "INSERT INTO message_fts (rowid, text) SELECT id, text FROM temp.new_text")
                    try db.execute(sql: "DELETE FROM temp.new_text")
                    return .commit
                }
            } catch {
                failure = error
            }
        }
        done.signal()
    }

    /// The next range to index, waiting for one; nil once the import has ended and all are indexed. The
    /// range the thread indexed before leaves `pending` only now, so that its texts count against the
    /// budget until they are in the index.
    private func nextRange() -> TextRange? {
        condition.lock()
        defer { condition.unlock() }
        if indexing {
            pendingBytes -= pending.removeFirst().texts.bytes.count
            indexing = false
            condition.broadcast()
        }
        while pending.isEmpty && !closed { condition.wait() }
        indexing = !pending.isEmpty
        return pending.first
    }

    /// Waits for the build, puts the index into the store, and removes the scratch file.
    ///
    /// The built index moves when the store's index is still empty and holds exactly the texts the
    /// build indexed; otherwise (another import indexed texts meanwhile, or the build failed) the
    /// import's texts are indexed in the store. Either way `message_fts` then covers every text.
    /// - throws: a database error; the `store_info` row then stays, and the next process to open the
    ///   store for writing finishes the index.
    func finish() throws {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
        if started { done.wait() }
        try? scratch.close()
        defer { lock.remove() }
        // A connection of its own: the store's writer may hold the index's structure in memory, and FTS5
        // reads it again only when another connection changed the database.
        let store = try DatabaseQueue(path: storePath, configuration: Store.configuration(readOnly: false))
        defer { try? store.close() }
        try store.writeWithoutTransaction { db in
            let built = failure == nil
            if built { try db.execute(sql: "ATTACH DATABASE ? AS build", arguments: [scratchPath]) }
            defer { if built { try? db.execute(sql: "DETACH DATABASE build") } }
            try db.inTransaction {
                if try built && movable(db) {
                    for table in ["message_fts_data", "message_fts_idx", "message_fts_docsize"] {
                        try db.execute(sql: "DELETE FROM main.\(table)")
                        try db.execute(sql: "INSERT INTO main.\(table) SELECT * FROM build.\(table)")
                    }
                } else {
                    for range in ranges {
                        try db.execute(
                            sql: StoreSchema.indexingTexts(where: "id > ? AND id <= ?"),
                            arguments: [range.after, range.through])
                    }
                }
                try db.execute(sql: "DELETE FROM store_info WHERE key = ?", arguments: [marker])
                return .commit
            }
        }
    }

    /// Whether the built index can replace the store's: the store's is empty, and the build indexed as
    /// many texts as the import's ranges hold now (none was deleted or replaced meanwhile).
    private func movable(_ db: Database) throws -> Bool {
        guard try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM main.message_fts_docsize)") ?? true)
        else { return false }
        var stored = 0
        for range in ranges {
            stored +=
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM message_text WHERE id > ? AND id <= ?",
                    arguments: [range.after, range.through]) ?? 0
        }
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM build.message_fts_docsize") == stored
    }

    /// Whether a build registered in the store at `storePath`, which `db` reads, is running: its scratch
    /// file is locked.
    static func isRunning(storePath: String, in db: Database) throws -> Bool {
        try registrations(storePath: storePath, in: db).contains { $0.scratch.map(LockedFile.isHeld) ?? false }
    }

    /// The builds registered in the store at `storePath`, which `db` reads: each one's `store_info` key
    /// and scratch file. Only a name this store's builds make is a scratch file (`.NAME.search-…` beside
    /// the store): a registration naming any other has none, so nothing else is ever removed.
    private static func registrations(storePath: String, in db: Database) throws -> [(key: String, scratch: String?)] {
        let store = URL(fileURLWithPath: storePath)
        return try Row.fetchAll(
            db, sql: "SELECT key, value FROM store_info WHERE key GLOB ? || '*'", arguments: [markerPrefix]
        ).map { build in
            let name: String = build["value"]
            let ours = name.hasPrefix("." + store.lastPathComponent + ".search-") && !name.contains("/")
            return (build["key"], ours ? store.deletingLastPathComponent().appendingPathComponent(name).path : nil)
        }
    }

    /// Whether the store `db` reads has a build registered: running, or interrupted.
    static func isRegistered(_ db: Database) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM store_info WHERE key GLOB ? || '*')", arguments: [markerPrefix])
            ?? false
    }

    /// Finishes the builds of processes that died while importing into the store at `storePath`, which
    /// `db` writes: indexes every text the index lacks, removes their `store_info` rows and scratch files.
    /// While any build's scratch file is locked (its import is running), nothing changes: that import's
    /// texts are not in the index yet, and it puts them there itself.
    static func finishInterrupted(storePath: String, in db: Database) throws {
        let builds = try registrations(storePath: storePath, in: db)
        guard !builds.isEmpty else { return }
        var finished: [(key: String, scratch: LockedFile?)] = []
        for build in builds {
            guard let path = build.scratch else {
                finished.append((build.key, nil))
                continue
            }
            // A build still running leaves everything as it is (the locks taken so far go with `finished`).
            guard let scratch = LockedFile.unlessHeld(path) else { return }
            finished.append((build.key, scratch))
        }
        defer { for build in finished { build.scratch?.remove() } }
        try db.execute(sql: StoreSchema.indexingTexts(where: "id NOT IN (SELECT id FROM message_fts_docsize)"))
        for build in finished {
            try db.execute(sql: "DELETE FROM store_info WHERE key = ?", arguments: [build.key])
        }
    }
}
