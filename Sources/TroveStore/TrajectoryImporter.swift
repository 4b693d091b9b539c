import Foundation
import GRDB
import TroveCore

/// Streams trajectory files into a ``Store`` in batched transactions.
///
/// Contract:
/// - Memory is bounded by one batch, whatever the file size.
/// - Each batch commits as one transaction, so a crash leaves only whole
///   batches; running the same import again completes it, because a record
///   whose id is stored with the same bytes is skipped.
/// - A record whose id is stored with different bytes is a conflict, left
///   alone unless ``Options/replace`` is set; a replaced record's old bytes are
///   kept in `replaced_record`, and its label history stays attached; a
///   decision made on the old bytes goes back to pending: every reviewer's accept or reject becomes
///   their pending label (keeping reward override, tags and note), in one label batch made by
///   ``reviewer`` (origin `import`) whose `change` says why.
/// - A malformed record is handed to ``Options/onReject`` with its
///   `file:line` and the import goes on.
///
/// ```swift
/// let importer = TrajectoryImporter(store: store, options: .init(codec: .init(task: "db")))
/// let summary = try importer.importFiles(["db.jsonl"])
/// ```
public struct TrajectoryImporter {
    /// Choices for one import (shared with the PostgreSQL importer).
    public typealias Options = ImportOptions

    public let store: Store
    public var options: Options

    public init(store: Store, options: Options = Options()) {
        self.store = store
        self.options = options
    }

    /// Imports every file in order (`-` is standard input) as one import run.
    ///
    /// Every file is opened before anything is imported, so a missing one changes nothing. Once
    /// ``ImportOptions/isInterrupted`` is true it commits the batches it holds and returns, the run left
    /// unfinished and ``ImportSummary/interrupted`` set; the search index is finished either way.
    ///
    /// - throws: ``RecordReadError`` when a file cannot be opened or read (what
    ///   was committed before stays), ``StoreError`` or a database error.
    @discardableResult
    public func importFiles(_ paths: [String]) throws -> ImportSummary {
        try store.requireWritable()
        try Self.requireReadable(paths)
        var summary = ImportSummary()
        let texts: MessageTextCatalog
        let search: SearchIndexBuild?
        let runLock: LockedFile?
        (summary.runID, texts, search, runLock) = try startRun(paths)
        // Released last, once the run is marked finished (or left unfinished): a check in between sees
        // the run either running or ended, never interrupted.
        defer { runLock?.remove() }
        // The index is built apart only in a store without texts: the import fills that store, and writes
        // it with a rollback journal unless another connection has it open.
        let rollbackJournal = search != nil && store.useRollbackJournal()
        options.onRunStarted(summary.runID)
        // The checkpoints' syncs then find the pages mostly written (DECISIONS.md 77).
        let writeback = store.path == Store.memoryPath ? nil : WritebackPacer(storePath: store.path)
        writeback?.start()
        defer { writeback?.stop() }
        let pipeline = ImportPipeline(
            paths: paths, codec: TrajectoryCodec(options: options.codec), batchSize: options.batchSize,
            archives: options.archives ?? .evalLogs)
        do {
            let batches = rollbackJournal ? Self.batchesPerRollbackTransaction : Self.batchesPerTransaction
            while try writeTransaction(from: pipeline, batches: batches, texts: texts, search: search, into: &summary) {
            }
            if !pipeline.isDrained {
                summary.interrupted = true
                pipeline.cancel()
            }
        } catch {
            pipeline.cancel()
            // What was committed becomes searchable; if even that fails, the next writer finishes it.
            try? search?.finish()
            if rollbackJournal { try? store.useWriteAheadLog() }
            try? store.writer.writeWithoutTransaction(Self.useEverydaySettings)
            throw error
        }
        try search?.finish()
        if rollbackJournal { try store.useWriteAheadLog() }
        // An interrupted run stays unfinished: running the same import again completes it.
        if summary.interrupted {
            try store.writer.writeWithoutTransaction(Self.useEverydaySettings)
        } else {
            try finishRun(summary)
        }
        return summary
    }

    /// Opens each of `paths` (but `-`, standard input) for reading, and closes it again: a command
    /// calls this before it creates or changes a store, so a missing input leaves nothing behind. Nothing
    /// is read: a pipe or FIFO stays open for the import that reads it (``RecordReader/isStream(_:)``).
    ///
    /// - throws: ``RecordReadError`` naming the first file that cannot be opened.
    public static func requireReadable(_ paths: [String]) throws(RecordReadError) {
        for path in paths where path != "-" { _ = try RecordReader(path: path) }
    }

    // MARK: - Writing

    /// Whether an import into a store without texts builds the search index on a second thread
    /// (``SearchIndexBuild``); a test seam, to compare the index with one written batch by batch.
    var buildsSearchIndexApart = true

    /// The lock file import run `run` of the store at `storePath` holds while it runs:
    /// `.NAME.import-RUN` beside the store `NAME`.
    static func runLockPath(storePath: String, run: Int64) -> String {
        let url = URL(fileURLWithPath: storePath)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).import-\(run)").path
    }

    /// Whether import run `run` of the store at `storePath` is running in some process, on this host or
    /// another sharing the store's directory: its lock file (``runLockPath(storePath:run:)``) is locked.
    /// A run killed, stopped or failed has let its lock go.
    public static func isRunning(_ run: Int64, storePath: String) -> Bool {
        storePath != Store.memoryPath && LockedFile.isHeld(runLockPath(storePath: storePath, run: run))
    }

    /// Registers the run in `import_run` and, in the same transaction, creates and locks its lock file
    /// (``isRunning(_:storePath:)``): another process sees the run only together with its lock. Lock files
    /// that unfinished runs of dead processes left behind are removed first.
    private func startRun(_ paths: [String]) throws -> (Int64, MessageTextCatalog, SearchIndexBuild?, LockedFile?) {
        // A replacing import deletes texts from the index as it goes, so it writes the index itself.
        var search =
            buildsSearchIndexApart && !options.replace && store.path != Store.memoryPath
            ? try SearchIndexBuild(storePath: store.path) : nil
        let optionsJSON: JSONValue = .object([
            "task": .optional(options.codec.task),
            "reward": .real(options.codec.defaultReward),
            "sidecar_rewards": .integer(options.codec.rewards.count),
            "replace": .bool(options.replace),
        ])
        var runLock: LockedFile?
        do {
            return try store.writer.write { db in
                try Self.setSearchIndexMerging(db)
                try db.execute(
                    sql: "INSERT INTO import_run (started_at, trove_version, files, options) VALUES (?, ?, ?, ?)",
                    arguments: [
                        Timestamp.now(), TroveVersion.current, JSONWriter.string(.array(paths.map { .string($0) })),
                        JSONWriter.string(optionsJSON),
                    ])
                let runID = db.lastInsertedRowID
                runLock = try lockRun(runID, db)
                if let build = search, try !build.claim(db) {
                    build.discard()
                    search = nil
                }
                try Self.useImportSettings(db, statementJournalsInMemory: search != nil)
                return (runID, try MessageTextCatalog(db), search, runLock)
            }
        } catch {
            search?.discard()
            runLock?.remove()
            throw error
        }
    }

    /// Creates and locks run `runID`'s lock file, readable by whoever can read the store, inside the
    /// transaction `db` that registers the run; first removes the files of unfinished runs no process
    /// holds (the new run's own id among them: a run killed before its registration committed left its
    /// file, and `import_run` gives its id again). Nil for a store in memory.
    private func lockRun(_ runID: Int64, _ db: Database) throws -> LockedFile? {
        guard store.path != Store.memoryPath else { return nil }
        for run in try Int64.fetchAll(db, sql: "SELECT id FROM import_run WHERE finished_at IS NULL") {
            LockedFile.unlessHeld(Self.runLockPath(storePath: store.path, run: run))?.remove()
        }
        return try LockedFile(
            creating: Self.runLockPath(storePath: store.path, run: runID),
            mode: LockedFile.mode(readableLike: store.path, owner: 0o400))
    }

    /// How many search index segments of one size FTS5 lets build up before it merges them while writing.
    ///
    /// Implementation note: FTS5 merges a level's segments once there are `automerge` of them (4 by
    /// default, 16 at most); the import writes a segment per batch, and merging 16 at a time instead of 4
    /// rewrote the growing index fewer times: a 1 GB import 38.9 → 35.5 s, 200 MB 6.1 → 5.6 s (release,
    /// quiet machine, DECISIONS.md 74). The index then holds 25 segments instead of 10 at 1 GB and the
    /// same queries take the same 0–20 ms. The option is stored in the index (`message_fts_config`), so it
    /// is written once per store, by the first import that finds it unset.
    static let searchIndexAutomerge = 16

    /// WAL pages after which an import's commit copies the log into the store (SQLite's default, 1,000, is
    /// what every other write keeps; ``useEverydaySettings(_:)`` puts it back).
    ///
    /// Implementation note: a checkpoint copies each page the batches changed since the last one and syncs
    /// the store; FTS segments, index pages and `text_use` pages change in batch after batch, and at 1,000
    /// pages (16 MB) a 1 GB import spent 15% of its time waiting on the disk. Every 10,000 pages: 1 GB
    /// 38.7 / 40.1 → 36.2 / 36.4 s, system time 7.2–7.8 → 5.9–6.3 s (release, DECISIONS.md 74).
    static let importCheckpointPages = 10_000
    static let checkpointPages = 1_000

    /// The writer connection's settings while an import runs: checkpoints every
    /// ``importCheckpointPages`` and, when `statementJournalsInMemory`, statement journals in memory
    /// (from the next transaction on: SQLite decides where they go when a transaction begins).
    ///
    /// Implementation note: a statement that writes several rows and may fail midway (a `CHECK` calling
    /// a function, as `message_row`'s `json_valid(tool_calls)` does, whatever its `OR` clause) keeps the
    /// pages it changes in a statement journal, to undo only itself; SQLite keeps that journal in memory
    /// up to 64 KB, then in a temporary file for the rest of the transaction. Every sixteen message rows
    /// wrote their page there again: 1.5 GB of writes to `/var/tmp` in a 200 MB import, 378,000 of its
    /// 522,000 `pwrite`s (`strace`). In memory, the import's system time went from 1.33 to 0.99 s at
    /// 200 MB (means of four alternating runs) and from 7.9–8.4 to 6.4–7.1 s at 1 GB (DECISIONS.md 78).
    /// Only while the search index is built apart: then a journal holds the few pages sixteen rows
    /// change; the index written batch by batch merges its segments inside its `INSERT`, whose journal
    /// could hold as many pages as a merge deletes.
    static func useImportSettings(_ db: Database, statementJournalsInMemory: Bool) throws {
        try db.execute(sql: "PRAGMA wal_autocheckpoint = \(importCheckpointPages)")
        if statementJournalsInMemory { try db.execute(sql: "PRAGMA temp_store = MEMORY") }
    }

    /// Puts back the settings ``useImportSettings(_:statementJournalsInMemory:)`` changed, for the writes after the import.
    static func useEverydaySettings(_ db: Database) throws {
        try db.execute(sql: "PRAGMA wal_autocheckpoint = \(checkpointPages)")
        try db.execute(sql: "PRAGMA temp_store = DEFAULT")
    }

    static func setSearchIndexMerging(_ db: Database) throws {
        let current = try Int.fetchOne(db, sql: "SELECT v FROM message_fts_config WHERE k = 'automerge'")
        guard current != searchIndexAutomerge else { return }
        try db.execute(
            sql: "INSERT INTO message_fts (message_fts, rank) VALUES ('automerge', ?)",
            arguments: [searchIndexAutomerge])
    }

    private func finishRun(_ summary: ImportSummary) throws {
        try store.writer.write { db in
            try Self.useEverydaySettings(db)
            try db.execute(
                sql: """
                    UPDATE import_run SET finished_at = ?, added = ?, skipped = ?, conflicts = ?, replaced = ?,
                        rejected = ? WHERE id = ?
                    """,
                arguments: [
                    Timestamp.now(), summary.added, summary.skipped, summary.conflicts.count, summary.replaced,
                    summary.rejectedCount, summary.runID,
                ])
        }
    }

    /// How many of the pipeline's batches one transaction writes in WAL mode.
    ///
    /// Implementation note: every commit writes each page it changed to the WAL again, and a batch's
    /// texts, uses and index entries change pages all over their B-trees: a 200 MB import wrote 681 MB
    /// of WAL for a 486 MB store a batch a commit, 505 MB four batches a commit; and the uses of shared
    /// texts, sorted and written once a transaction, visit each page of `text_use` once for all of its
    /// batches. At 1 GB the writer took 18.0–18.2 s of CPU instead of 19.2–19.8 s, in the same memory
    /// (batches four times as large took 18.3–18.9 s but held 250 MB); 8 or 16 batches a commit
    /// measured the same as 4. A killed import keeps every transaction it committed.
    static let batchesPerTransaction = 4

    /// How many of the pipeline's batches one transaction writes with a rollback journal
    /// (``Store/useRollbackJournal()``).
    ///
    /// Implementation note: there each commit syncs the journal and the store, six `fdatasync`s that took
    /// 2.0 s of a 1 GB import's wall time at four batches a commit. Eight: 1 GB 17.7–18.0 → 16.4–16.5 s in
    /// alternating runs, for 7 MB more peak memory (the texts handed to the search index wait for the
    /// commit); sixteen measured the same as eight, and 17 MB more. In WAL mode eight took 4% longer
    /// than four at 200 MB (DECISIONS.md 84).
    static let batchesPerRollbackTransaction = 8

    /// How long a transaction waits for the pipeline's next item before it commits what it has.
    ///
    /// Implementation note: the transaction holds the store's write lock while it waits, so input that
    /// comes slowly (a stream on standard input) would keep every other writer waiting, a reviewer's
    /// label included; the first item of a transaction is awaited before it begins. A reader keeping up
    /// hands the next batch over within tens of milliseconds of the last one being written.
    static let nextItemWait: TimeInterval = 0.25

    /// Writes the pipeline's next batches, up to `batches` of them and as long as each arrives within
    /// ``nextItemWait`` and the import is not interrupted, in one transaction, and whatever records it
    /// rejects meanwhile; false once the pipeline has nothing more or the import is interrupted. A file that cannot be read further throws after the
    /// batches read before it are committed.
    private func writeTransaction(
        from pipeline: ImportPipeline, batches: Int, texts: MessageTextCatalog, search: SearchIndexBuild?,
        into summary: inout ImportSummary
    ) throws -> Bool {
        guard var item = pipeline.next(unless: options.isInterrupted) else { return false }
        let replace = options.replace
        var written = summary
        var progress: [ImportProgress] = []
        var failure: (any Error)?
        // Each batch's new texts, indexed apart a range each: FTS5 writes a segment per statement, and the
        // writer indexes a batch in one, so both ways give the same index row for row.
        var newTexts: [(after: Int64, through: Int64, texts: PackedTexts)] = []
        try store.writer.writeWithoutTransaction { db in
            // Implementation note: foreign-key checks cost more than the inserts they check (a seek into
            // the parent table for every message and flag row, 3x the time of the inserts alone); the rows
            // below reference only the trajectory inserted just before them and text ids read or inserted
            // in the same transaction. A CHECK calling a function (`message_row`'s `json_valid(tool_calls)`)
            // made each multi-row insert keep a statement journal of the pages it changed
            // (``ImportStatements``); the values come from typed fields and `JSONWriter`.
            try db.withConstraintChecksOff {
                do {
                    try db.inTransaction {
                        reading: while true {
                            switch item {
                            case .rejected(let error, let record):
                                written.read += 1
                                written.rejectedCount += 1
                                options.onReject(error, record)
                            case .batch(let batch, let batchProgress):
                                written.read += batch.count
                                let outcome = try write(
                                    batch, replace: replace, runID: written.runID, texts: texts,
                                    indexesSearch: search == nil, db: db)
                                written.add(outcome)
                                newTexts.append((outcome.textsBefore, outcome.textsAfter, outcome.newTexts))
                                progress.append(batchProgress)
                            case .fileDone(let path, let bytes, let records):
                                written.countFile(path: path, bytes: bytes, records: records)
                            case .truncated(let error, let bytes):
                                written.countTruncated(error, bytes: bytes)
                            case .failed(let error):
                                failure = error
                                break reading
                            }
                            guard progress.count < batches, !options.isInterrupted(),
                                let next = pipeline.next(before: Date(timeIntervalSinceNow: Self.nextItemWait))
                            else { break }
                            item = next
                        }
                        try texts.writeUses(into: ImportStatements.textUses(db))
                        // The run's counts commit with its records, so a run that fails later (a full disk)
                        // still says what it stored.
                        try db.execute(
                            sql: """
                                UPDATE import_run SET added = ?, skipped = ?, conflicts = ?, replaced = ?, rejected = ?
                                WHERE id = ?
                                """,
                            arguments: [
                                written.added, written.skipped, written.conflicts.count, written.replaced,
                                written.rejectedCount, written.runID,
                            ])
                        return .commit
                    }
                } catch {
                    texts.forget()
                    throw error
                }
            }
        }
        summary = written
        for texts in newTexts { search?.index(after: texts.after, through: texts.through, texts: texts.texts) }
        progress.forEach(options.onProgress)
        if let failure { throw failure }
        return true
    }

    /// Writes `batch`, all but the uses of shared texts, which ``writeTransaction(from:texts:search:into:)``
    /// writes for all its batches at once.
    private func write(
        _ batch: [PreparedTrajectory], replace: Bool, runID: Int64, texts: MessageTextCatalog, indexesSearch: Bool,
        db: Database
    ) throws -> BatchOutcome {
        var outcome = BatchOutcome()
        let now = Timestamp.now()
        let textsBefore = try Int64.fetchOne(db, sql: "SELECT COALESCE(max(id), 0) FROM message_text") ?? 0
        outcome.textsBefore = textsBefore
        let lookup = try db.cachedStatement(
            sql: "SELECT id, original_sha256, env_reward, task FROM trajectory WHERE external_id = ?")
        // Prepared for each batch: a replacement's statements may clear the statement cache they come from.
        let statements = try ImportStatements(db, textsBefore: textsBefore, keepsNewTexts: !indexesSearch)
        var replaced: [Int64] = []
        for prepared in batch {
            // Implementation note: most records are new; a bare lookup of their id costs a fifth of GRDB's
            // row fetch (2.5% of the writer's instructions), which only a stored one then pays.
            statements.trajectoryID.bind(1, prepared.trajectory.id)
            let isStored = try statements.trajectoryID.firstInteger() != nil
            let existing = isStored ? try Row.fetchOne(lookup, arguments: [prepared.trajectory.id]) : nil
            guard let existing else {
                try insert(prepared, runID: runID, now: now, texts: texts, statements: statements)
                outcome.added += 1
                outcome.kinds.countKind(of: prepared)
                continue
            }
            let (rowID, sha256): (Int64, String) = try existing.reading(of: prepared.trajectory.id) { row in
                (try row.stored(Column("id")), try row.stored(Column("original_sha256")))
            }
            if try sha256 == prepared.sha256 || Self.storesTheSameRecord(rowID, as: prepared, db: db) {
                outcome.skipped += 1
                try fill(
                    rowID: rowID, reward: existing[2], task: existing[3], from: prepared.trajectory,
                    group: prepared.taskGroup, goal: prepared.goal, db: db, into: &outcome)
            } else if replace {
                try self.replace(
                    rowID: rowID, with: prepared, runID: runID, now: now, texts: texts,
                    statements: statements, db: db)
                outcome.replaced += 1
                outcome.kinds.countKind(of: prepared)
                replaced.append(rowID)
            } else {
                outcome.conflicts.append(
                    ImportSummary.Conflict(id: prepared.trajectory.id, location: prepared.trajectory.source))
            }
        }
        try statements.flush()
        // A decision was made on the old bytes: the new ones wait for review again, and the history says why.
        if !replaced.isEmpty {
            try Store.resetDecisions(
                targets: "SELECT value FROM json_each(?)",
                arguments: [JSONWriter.string(.array(replaced.map { .number(String($0)) }))],
                reviewer: LabelBatch.importReviewer, origin: "import",
                why: "pending: record replaced by import run \(runID)",
                db: db)
        }
        outcome.textsAfter = statements.lastTextID
        outcome.newTexts = statements.newTexts ?? PackedTexts()
        // Implementation note: indexing the batch's new texts in one statement is seven
        // times faster than indexing each text as it is inserted (a trigger did that),
        // and it runs in the same transaction, so the index never lags the data; an import into a
        // store without texts hands the batch's range to its ``SearchIndexBuild`` instead.
        if indexesSearch {
            try db.execute(
                sql: StoreSchema.indexingTexts(where: "id > ?"), arguments: [textsBefore])
        }
        return outcome
    }

    private func insert(
        _ prepared: PreparedTrajectory, runID: Int64, now: String, texts: MessageTextCatalog,
        statements: ImportStatements
    ) throws {
        let trajectory = prepared.trajectory
        let statement = statements.trajectory
        statement.bind(1, trajectory.id)
        statement.bind(2, trajectory.task)
        statement.bind(3, prepared.dialect.rawValue)
        statement.bind(4, trajectory.source.file)
        statement.bind(5, trajectory.source.line)
        statement.bind(6, trajectory.format.description)
        statement.bind(7, trajectory.environmentReward)
        statement.bind(8, prepared.metadata)
        statement.bind(9, blob: trajectory.originalRecord)
        statement.bind(10, prepared.sha256)
        statement.bind(11, trajectory.messages.count)
        statement.bind(12, prepared.stepCount)
        statement.bind(13, prepared.preview)
        statement.bind(14, prepared.flagList)
        statement.bind(15, prepared.sourceModel)
        statement.bind(16, runID)
        statement.bind(17, now)
        statement.bind(18, prepared.steps)
        statement.bind(19, trajectory.outcome?.rawValue)
        statement.bind(20, trajectory.environmentRewardSource?.rawValue)
        statement.bind(21, prepared.taskGroup)
        statement.bind(22, prepared.goal)
        try statement.run()
        try insertParts(of: prepared, rowID: statements.lastInsertedRowID, texts: texts, statements: statements)
    }

    /// Whether the record stored in row `rowID`, whose hash differs from `prepared`'s, is the same
    /// record in another layout (``JSONCompactor/sameRecord(_:_:)``: an `agentinstruct` export of a
    /// pretty-printed file), which is skipped as identical instead of being a conflict, or replaced by
    /// `--replace` with bytes that change nothing. Read only on this rare path.
    private static func storesTheSameRecord(_ rowID: Int64, as prepared: PreparedTrajectory, db: Database) throws
        -> Bool
    {
        guard
            let stored = try Data.fetchOne(db, sql: "SELECT original FROM trajectory WHERE id = ?", arguments: [rowID])
        else { return false }
        return JSONCompactor.sameRecord(Array(stored), prepared.trajectory.originalRecord)
    }

    /// Fills in what the store lacks for an identical record from this import (its `--reward`,
    /// `--rewards` or `--task`): an unknown environment reward, an `unknown` task. A known value is
    /// never overwritten (not by `--replace` either, which replaces only records whose bytes differ); a
    /// known reward other than `--reward`'s is counted (``ImportSummary/rewardsKept``). A task filled in moves the trajectory to `group`, and
    /// its goal (read by the task's rules) becomes `goal`.
    private func fill(
        rowID: Int64, reward: Double?, task: String, from trajectory: Trajectory, group: String?, goal: String,
        db: Database, into outcome: inout BatchOutcome
    ) throws {
        if reward == nil, let value = trajectory.environmentReward {
            try db.execute(
                sql: "UPDATE trajectory SET env_reward = ?, env_reward_source = ? WHERE id = ?",
                arguments: [value, trajectory.environmentRewardSource?.rawValue, rowID])
            outcome.rewardsSet += 1
        } else if let reward, trajectory.environmentRewardSource == .option, trajectory.environmentReward != reward {
            outcome.rewardsKept += 1
        }
        if task == Self.unknownTask, trajectory.task != Self.unknownTask {
            try db.execute(
                sql: "UPDATE trajectory SET task = ?, task_group = ?, goal = ? WHERE id = ?",
                arguments: [trajectory.task, group, goal, rowID])
            outcome.tasksSet += 1
        }
    }

    /// The task of a trajectory whose task nobody named.
    static let unknownTask = "unknown"

    private func replace(
        rowID: Int64, with prepared: PreparedTrajectory, runID: Int64, now: String, texts: MessageTextCatalog,
        statements: ImportStatements, db: Database
    ) throws {
        let trajectory = prepared.trajectory
        // The old version may have come in this batch: its rows and uses must be in their tables to be
        // deleted below.
        try texts.writeUses(into: statements.textUse)
        try statements.flush()
        try db.execute(
            sql: """
                INSERT INTO replaced_record (trajectory_id, original, original_sha256, source_file, source_line,
                    replaced_at, import_id)
                SELECT id, original, original_sha256, source_file, source_line, ?, ? FROM trajectory WHERE id = ?
                """,
            arguments: [now, runID, rowID])
        // The old version's private texts leave the store and the search index (which needs their
        // text to forget them, and holds only the texts it indexed: not this batch's, indexed when it
        // ends, nor those of an import building the index apart); shared texts stay for the trajectories
        // still using them.
        let oldTexts = "SELECT text_id FROM message_row WHERE trajectory_id = ?"
        try db.execute(
            sql: "DELETE FROM text_use WHERE trajectory_id = ? AND text_id IN (\(oldTexts))",
            arguments: [rowID, rowID])
        try db.execute(
            sql: """
                INSERT INTO message_fts (message_fts, rowid, text)
                SELECT 'delete', id, text FROM message_text
                WHERE id IN (\(oldTexts)) AND trajectory_id = ? AND id IN (SELECT id FROM message_fts_docsize)
                """, arguments: [rowID, rowID])
        try db.execute(
            sql: "DELETE FROM message_text WHERE id IN (\(oldTexts)) AND trajectory_id = ?", arguments: [rowID, rowID])
        try db.execute(sql: "DELETE FROM message_row WHERE trajectory_id = ?", arguments: [rowID])
        try db.execute(sql: "DELETE FROM trajectory_flag WHERE trajectory_id = ?", arguments: [rowID])
        try db.execute(
            sql: """
                UPDATE trajectory SET task = ?, dialect = ?, source_file = ?, source_line = ?, format = ?,
                    env_reward = ?, metadata = ?, original = ?, original_sha256 = ?, message_count = ?,
                    step_count = ?, preview = ?, flags = ?, source_model = ?, import_id = ?, imported_at = ?,
                    steps = ?, outcome = ?, env_reward_source = ?, task_group = ?, goal = ?
                WHERE id = ?
                """,
            arguments: [
                trajectory.task, prepared.dialect.rawValue, trajectory.source.file, trajectory.source.line,
                trajectory.format.description, trajectory.environmentReward,
                prepared.metadata, Data(trajectory.originalRecord), prepared.sha256,
                trajectory.messages.count, prepared.stepCount, prepared.preview, prepared.flagList,
                prepared.sourceModel, runID, now, prepared.steps, trajectory.outcome?.rawValue,
                trajectory.environmentRewardSource?.rawValue, prepared.taskGroup, prepared.goal, rowID,
            ])
        try insertParts(of: prepared, rowID: rowID, texts: texts, statements: statements)
    }

    /// Messages and flags of one trajectory.
    private func insertParts(
        of prepared: PreparedTrajectory, rowID: Int64, texts: MessageTextCatalog, statements: ImportStatements
    ) throws {
        let messageStatement = statements.message
        // Read in place: a message copied out of the array for each row (its strings retained and released)
        // was 2% of the writer's samples.
        try prepared.trajectory.messages.withUnsafeBufferPointer { messages in
            for index in messages.indices {
                let textID = try texts.id(
                    of: messages[index].text, hash: prepared.textHashes[index], sharing: prepared.textSharing[index],
                    trajectory: rowID, statements: statements)
                messageStatement.add(.integer(rowID))
                messageStatement.add(.integer(Int64(index)))
                messageStatement.add(.text(messages[index].role.rawValue))
                messageStatement.add(.text(messages[index].originalRole))
                messageStatement.add(.integer(textID))
                messageStatement.add(.init(messages[index].loss.map { $0 ? 1 : 0 }))
                messageStatement.add(.text(prepared.turns[index].rawValue))
                messageStatement.add(.init(prepared.toolCalls[index]))
                messageStatement.add(.init(messages[index].toolCallID))
                try messageStatement.endRow()
            }
        }
        let flagStatement = statements.flag
        for flag in prepared.flags {
            flagStatement.add(.integer(rowID))
            flagStatement.add(.text(flag.rawValue))
            try flagStatement.endRow()
        }
    }

    fileprivate struct BatchOutcome {
        var added = 0
        var skipped = 0
        var replaced = 0
        var rewardsSet = 0
        var rewardsKept = 0
        var tasksSet = 0
        /// The records stored by kind (``ImportSummary/chat``, ``ImportSummary/badEncoding``).
        var kinds = ImportSummary()
        var conflicts: [ImportSummary.Conflict] = []
        /// The largest text id before and after the batch: its new texts are the ids between.
        var textsBefore: Int64 = 0
        var textsAfter: Int64 = 0
        /// The new texts, in id order, when a ``SearchIndexBuild`` indexes them.
        var newTexts = PackedTexts()
    }
}

extension ImportSummary {
    /// Counts what a batch wrote.
    fileprivate mutating func add(_ outcome: TrajectoryImporter.BatchOutcome) {
        added += outcome.added
        skipped += outcome.skipped
        replaced += outcome.replaced
        rewardsSet += outcome.rewardsSet
        rewardsKept += outcome.rewardsKept
        tasksSet += outcome.tasksSet
        chat += outcome.kinds.chat
        badEncoding += outcome.kinds.badEncoding
        conflicts += outcome.conflicts
    }
}
