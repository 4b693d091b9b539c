import TroveCore

/// Streams trajectory files into a ``PostgresStore`` through `COPY`, one transaction per batch: the
/// same records, rows and rejects as the SQLite store's import (TroveStore's `TrajectoryImporter`),
/// read and prepared by TroveCore's ``ImportPipeline``.
///
/// Contract:
/// - Memory is bounded by one batch, whatever the file size.
/// - Imports into one store at once take turns batch by batch (an advisory lock), so the later one skips
///   the records the other stored, as on SQLite.
/// - Each batch commits as one transaction, so a killed import leaves only whole batches; running it
///   again completes it, because a record whose id is stored with the same bytes (SHA-256) is skipped
///   (filling in an unknown reward or task, as on SQLite).
/// - A record whose id is stored with different bytes is a conflict, left alone unless
///   ``ImportOptions/replace`` is set; then, as on SQLite, its old bytes are kept in `replaced_record`,
///   its messages, texts and flags are those of the new bytes, and in the same transaction every
///   reviewer's accept or reject on it goes back to pending (keeping reward override, tags and note)
///   and masks and corrections come off, in one label batch per import batch made by ``reviewer``
///   (origin `import`) whose `change` says why.
/// - A malformed record is handed to ``Options/onReject`` with its `file:line` and the import goes on.
public struct PostgresImporter {
    /// Choices for one import (shared with the SQLite importer).
    public typealias Options = ImportOptions

    public let store: PostgresStore
    public var options: Options

    public init(store: PostgresStore, options: Options = Options()) {
        self.store = store
        self.options = options
    }

    private var connection: PostgresConnection { store.connection }

    /// Imports every file in order (`-` is standard input) as one import run. Once
    /// ``ImportOptions/isInterrupted`` is true it returns after the batch being written, the run left
    /// unfinished and ``ImportSummary/interrupted`` set.
    ///
    /// - throws: ``RecordReadError`` when a file cannot be read (what was committed before stays),
    ///   ``PostgresError`` when the server refuses a batch (that batch is rolled back).
    @discardableResult
    public func importFiles(_ paths: [String]) throws -> ImportSummary {
        var summary = ImportSummary()
        summary.runID = try startRun(paths)
        // Let go last, once the run is marked finished (or left unfinished): a check in between sees the
        // run either running or ended, never interrupted.
        defer { try? store.unlockImportRun(summary.runID) }
        options.onRunStarted(summary.runID)
        let texts = try PostgresTextCatalog(connection)
        let pipeline = ImportPipeline(
            paths: paths, codec: TrajectoryCodec(options: options.codec), batchSize: options.batchSize,
            archives: options.archives)
        do {
            while let item = pipeline.next(unless: options.isInterrupted) {
                switch item {
                case .rejected(let error, let record):
                    summary.read += 1
                    summary.rejectedCount += 1
                    options.onReject(error, record)
                case .batch(let batch, let progress):
                    summary.read += batch.count
                    try write(batch, texts: texts, into: &summary)
                    options.onProgress(progress)
                case .fileDone(let path, let bytes, let records):
                    summary.countFile(path: path, bytes: bytes, records: records)
                case .truncated(let error, let bytes):
                    summary.countTruncated(error, bytes: bytes)
                case .failed(let error):
                    throw error
                }
            }
        } catch {
            pipeline.cancel()
            throw error
        }
        // An interrupted run stays unfinished: running the same import again completes it.
        guard pipeline.isDrained else {
            pipeline.cancel()
            summary.interrupted = true
            return summary
        }
        try connection.execute(
            """
            UPDATE import_run SET finished_at = $1, added = $2, skipped = $3, conflicts = $4, replaced = $5,
                rejected = $6 WHERE id = $7
            """,
            [
                .text(Timestamp.now()), .integer(summary.added), .integer(summary.skipped),
                .integer(summary.conflicts.count), .integer(summary.replaced), .integer(summary.rejectedCount),
                .integer(summary.runID),
            ])
        return summary
    }

    /// Registers the run in `import_run` and, in the same transaction, takes its lock for this session
    /// (``PostgresStore/isImportRunning(_:)``), so that another session sees the run only with its lock.
    private func startRun(_ paths: [String]) throws -> Int64 {
        let optionsJSON: JSONValue = .object([
            "task": .optional(options.codec.task),
            "reward": .real(options.codec.defaultReward),
            "sidecar_rewards": .integer(options.codec.rewards.count),
            "replace": .bool(options.replace),
        ])
        var run: Int64?
        do {
            return try connection.transaction {
                let result = try connection.execute(
                    "INSERT INTO import_run (started_at, trove_version, files, options) VALUES ($1, $2, $3, $4) "
                        + "RETURNING id",
                    [
                        .text(Timestamp.now()), .text(TroveVersion.current),
                        .text(JSONWriter.string(.array(paths.map { .string($0) }))),
                        .text(JSONWriter.string(optionsJSON)),
                    ])
                let id = try result.integer(0, 0) ?? 0
                try store.lockImportRun(id)
                run = id
                return id
            }
        } catch {
            // A session-level lock outlives the transaction that took it.
            if let run { try? store.unlockImportRun(run) }
            throw error
        }
    }

    // MARK: - One batch

    private func write(_ batch: [PreparedTrajectory], texts: PostgresTextCatalog, into summary: inout ImportSummary)
        throws
    {
        guard !batch.isEmpty else { return }
        var outcome = summary
        do {
            try connection.transaction {
                // Another import into the store waits for this batch to commit, and this one for another's,
                // so each looks its ids up with the other's records stored (READ COMMITTED: each statement
                // after the lock sees what committed before it was granted).
                try store.lockUntilTransactionEnds(PostgresStore.importLockPrefix)
                // A record repeating an id earlier in the batch must see that one stored: the batch is
                // written in runs of distinct ids, each looked up after the previous run is in.
                var run: [PreparedTrajectory] = []
                var ids = Set<String>()
                var replaced: [Int64] = []
                for prepared in batch {
                    if !ids.insert(prepared.trajectory.id).inserted {
                        try write(run: run, texts: texts, into: &outcome, replaced: &replaced)
                        run.removeAll()
                        ids = [prepared.trajectory.id]
                    }
                    run.append(prepared)
                }
                try write(run: run, texts: texts, into: &outcome, replaced: &replaced)
                // A decision was made on the old bytes: the new ones wait for review again, and the history
                // says why.
                if !replaced.isEmpty {
                    try store.lockLabels()
                    try store.resetDecisions(
                        targets: "SELECT json_array_elements_text($1::json)::bigint",
                        parameters: [.text(JSONWriter.string(.array(replaced.map { .number(String($0)) })))],
                        reviewer: LabelBatch.importReviewer, origin: "import",
                        why: "pending: record replaced by import run \(outcome.runID)")
                }
                // The run's counts commit with its records, so a run that fails later still says what it stored.
                try connection.execute(
                    """
                    UPDATE import_run SET added = $1, skipped = $2, conflicts = $3, replaced = $4, rejected = $5
                    WHERE id = $6
                    """,
                    [
                        .integer(outcome.added), .integer(outcome.skipped), .integer(outcome.conflicts.count),
                        .integer(outcome.replaced), .integer(outcome.rejectedCount), .integer(outcome.runID),
                    ])
            }
        } catch {
            texts.forget()
            throw error
        }
        summary = outcome
    }

    /// Writes trajectories with distinct ids: looks them up in one query, then copies the new ones and,
    /// with ``ImportOptions/replace``, those replacing a stored record (whose row ids go to `replaced`).
    private func write(
        run: [PreparedTrajectory], texts: PostgresTextCatalog, into summary: inout ImportSummary,
        replaced: inout [Int64]
    ) throws {
        guard !run.isEmpty else { return }
        let existing = try connection.execute(
            """
            SELECT t.id, t.external_id, t.original_sha256, t.env_reward, t.task FROM trajectory t
            WHERE t.external_id IN (SELECT json_array_elements_text($1::json))
            """, [.text(JSONWriter.string(.array(run.map { .string($0.trajectory.id) })))])
        var stored: [String: (row: Int64, sha256: String, reward: Double?, task: String)] = [:]
        for row in 0..<existing.rowCount {
            guard let id = try existing.string(row, 1), let rowID = try existing.integer(row, 0) else { continue }
            stored[id] = (
                rowID, try existing.string(row, 2) ?? "", try existing.real(row, 3), try existing.string(row, 4) ?? ""
            )
        }
        var added: [PreparedTrajectory] = []
        var replacing: [(rowID: Int64, prepared: PreparedTrajectory)] = []
        // Every trajectory whose parts this run writes, in run order (the order SQLite numbers their
        // texts in), with its stored row id when it replaces a record.
        var written: [(prepared: PreparedTrajectory, storedRow: Int64?)] = []
        for prepared in run {
            guard let found = stored[prepared.trajectory.id] else {
                added.append(prepared)
                written.append((prepared, nil))
                continue
            }
            if try found.sha256 == prepared.sha256 || storesTheSameRecord(found.row, as: prepared) {
                summary.skipped += 1
                try fill(rowID: found.row, reward: found.reward, task: found.task, from: prepared, into: &summary)
            } else if options.replace {
                replacing.append((found.row, prepared))
                written.append((prepared, found.row))
            } else {
                summary.conflicts.append(
                    ImportSummary.Conflict(id: prepared.trajectory.id, location: prepared.trajectory.source))
            }
        }
        guard !written.isEmpty else { return }
        let addedIDs = try connection.reserve(added.count, of: "trajectory")
        if !added.isEmpty { try copyTrajectories(added, rowIDs: addedIDs, runID: summary.runID) }
        if !replacing.isEmpty { try replace(replacing, runID: summary.runID) }
        var nextAdded = addedIDs.makeIterator()
        let rowIDs = written.map { $0.storedRow ?? nextAdded.next() ?? 0 }
        try copyParts(of: written.map(\.prepared), rowIDs: rowIDs, texts: texts)
        summary.added += added.count
        summary.replaced += replacing.count
        for stored in written { summary.countKind(of: stored.prepared) }
        replaced += replacing.map(\.rowID)
    }

    /// Whether the record stored in row `rowID`, whose hash differs from `prepared`'s, is the same record
    /// in another layout (``JSONCompactor/sameRecord(_:_:)``), as the SQLite importer asks.
    private func storesTheSameRecord(_ rowID: Int64, as prepared: PreparedTrajectory) throws -> Bool {
        let rows = try connection.execute(
            "SELECT original FROM trajectory WHERE id = $1", [.integer(rowID)], binary: true)
        guard rows.rowCount == 1, let stored = try rows.bytes(0, 0) else { return false }
        return JSONCompactor.sameRecord(stored, prepared.trajectory.originalRecord)
    }

    /// Keeps the old bytes of each stored record in `replaced_record`, takes its messages, private texts
    /// and flags off, and writes the new bytes' columns over its row; the caller copies the new parts.
    ///
    /// Implementation note: a private text's search words are a generated column of its row, so deleting
    /// the row takes it out of the search index; shared texts stay for the trajectories still using them.
    private func replace(_ records: [(rowID: Int64, prepared: PreparedTrajectory)], runID: Int64) throws {
        let now = Timestamp.now()
        let list: PostgresValue = .text(JSONWriter.string(.array(records.map { .number(String($0.rowID)) })))
        try connection.execute(
            """
            INSERT INTO replaced_record (trajectory_id, original, original_sha256, source_file, source_line,
                replaced_at, import_id)
            SELECT t.id, t.original, t.original_sha256, t.source_file, t.source_line, $2, $3
            FROM json_array_elements_text($1::json) WITH ORDINALITY x(value, n) JOIN trajectory t ON t.id = x.value::bigint
            ORDER BY x.n
            """, [list, .text(now), .integer(runID)])
        let targets = "SELECT json_array_elements_text($1::json)::bigint"
        try connection.execute("DELETE FROM text_use WHERE trajectory_id IN (\(targets))", [list])
        try connection.execute("DELETE FROM message_row WHERE trajectory_id IN (\(targets))", [list])
        try connection.execute("DELETE FROM message_text WHERE trajectory_id IN (\(targets))", [list])
        try connection.execute("DELETE FROM trajectory_flag WHERE trajectory_id IN (\(targets))", [list])
        for (rowID, prepared) in records {
            let trajectory = prepared.trajectory
            try connection.execute(
                """
                UPDATE trajectory SET task = $1, dialect = $2, source_file = $3, source_line = $4, format = $5,
                    env_reward = $6, metadata = $7, original = $8, original_sha256 = $9, message_count = $10,
                    step_count = $11, preview = $12, flags = $13, source_model = $14, import_id = $15,
                    imported_at = $16, steps = $17, outcome = $18, env_reward_source = $19, task_group = $20,
                    goal = $22
                WHERE id = $21
                """,
                [
                    .text(trajectory.task), .text(prepared.dialect.rawValue), .text(trajectory.source.file),
                    .integer(trajectory.source.line), .text(trajectory.format.description),
                    .real(trajectory.environmentReward), .text(prepared.metadata),
                    .bytes(trajectory.originalRecord), .text(prepared.sha256),
                    .integer(trajectory.messages.count), .integer(prepared.stepCount), .text(prepared.preview),
                    .text(prepared.flagList), .text(prepared.sourceModel), .integer(runID), .text(now),
                    .text(prepared.steps), .text(trajectory.outcome?.rawValue),
                    .text(trajectory.environmentRewardSource?.rawValue), .text(prepared.taskGroup), .integer(rowID),
                    .text(prepared.goal),
                ])
        }
    }

    /// Fills in an unknown reward or an `unknown` task of an identical stored record, and counts a known
    /// reward other than `--reward`'s, as on SQLite.
    private func fill(
        rowID: Int64, reward: Double?, task: String, from prepared: PreparedTrajectory,
        into summary: inout ImportSummary
    ) throws {
        let trajectory = prepared.trajectory
        if reward == nil, let value = trajectory.environmentReward {
            try connection.execute(
                "UPDATE trajectory SET env_reward = $1, env_reward_source = $2 WHERE id = $3",
                [.real(value), .text(trajectory.environmentRewardSource?.rawValue), .integer(rowID)])
            summary.rewardsSet += 1
        } else if let reward, trajectory.environmentRewardSource == .option, trajectory.environmentReward != reward {
            summary.rewardsKept += 1
        }
        if task == Self.unknownTask, trajectory.task != Self.unknownTask {
            try connection.execute(
                "UPDATE trajectory SET task = $1, task_group = $2, goal = $4 WHERE id = $3",
                [.text(trajectory.task), .text(prepared.taskGroup), .integer(rowID), .text(prepared.goal)])
            summary.tasksSet += 1
        }
    }

    /// The task of a trajectory whose task nobody named (the same word as the SQLite store's).
    static let unknownTask = "unknown"

    private func copyTrajectories(_ batch: [PreparedTrajectory], rowIDs: [Int64], runID: Int64) throws {
        let now = Timestamp.now()
        try connection.copy(
            into: "trajectory",
            columns: [
                "id", "external_id", "task", "dialect", "source_file", "source_line", "format", "env_reward",
                "metadata", "original", "original_sha256", "message_count", "step_count", "preview", "flags",
                "source_model", "import_id", "imported_at", "steps", "outcome", "env_reward_source", "task_group",
                "goal",
            ]
        ) { writer in
            for (prepared, rowID) in zip(batch, rowIDs) {
                let trajectory = prepared.trajectory
                try writer.row()
                writer.integer(rowID)
                writer.text(trajectory.id)
                writer.text(trajectory.task)
                writer.text(prepared.dialect.rawValue)
                writer.text(trajectory.source.file)
                writer.integer(trajectory.source.line)
                writer.text(trajectory.format.description)
                writer.real(trajectory.environmentReward)
                writer.text(prepared.metadata)
                writer.bytes(trajectory.originalRecord)
                writer.text(prepared.sha256)
                writer.integer(trajectory.messages.count)
                writer.integer(prepared.stepCount)
                writer.text(prepared.preview)
                writer.text(prepared.flagList)
                writer.text(prepared.sourceModel)
                writer.integer(runID)
                writer.text(now)
                writer.text(prepared.steps)
                writer.text(trajectory.outcome?.rawValue)
                writer.text(trajectory.environmentRewardSource?.rawValue)
                writer.text(prepared.taskGroup)
                writer.text(prepared.goal)
            }
        }
    }

    /// Message texts, messages, text uses and flags of new trajectories.
    private func copyParts(of batch: [PreparedTrajectory], rowIDs: [Int64], texts: PostgresTextCatalog) throws {
        var textIDs: [[Int64]] = []
        var uses: [(text: Int64, trajectory: Int64)] = []
        var newTexts: [PostgresTextCatalog.NewText] = []
        try texts.resolve(batch, rowIDs: rowIDs) { ids, trajectoryUses, added in
            textIDs = ids
            uses = trajectoryUses
            newTexts = added
        }
        try connection.copy(into: "message_text", columns: ["id", "hash", "text", "trajectory_id", "context"]) {
            writer in
            for text in newTexts {
                try writer.row()
                writer.integer(text.id)
                writer.integer(text.hash)
                writer.text(text.text)
                writer.integer(text.owner)
                writer.integer(text.context ? 1 : 0)
            }
        }
        try connection.copy(
            into: "message_row",
            columns: [
                "trajectory_id", "idx", "role", "original_role", "text_id", "loss", "turn", "tool_calls",
                "tool_call_id",
            ]
        ) { writer in
            for (index, prepared) in batch.enumerated() {
                for (position, message) in prepared.trajectory.messages.enumerated() {
                    try writer.row()
                    writer.integer(rowIDs[index])
                    writer.integer(position)
                    writer.text(message.role.rawValue)
                    writer.text(message.originalRole)
                    writer.integer(textIDs[index][position])
                    writer.integer(message.loss.map { $0 ? 1 : 0 })
                    writer.text(prepared.turns[position].rawValue)
                    writer.text(prepared.toolCalls[position])
                    writer.text(message.toolCallID)
                }
            }
        }
        try connection.copy(into: "text_use", columns: ["text_id", "trajectory_id"]) { writer in
            for use in uses {
                try writer.row()
                writer.integer(use.text)
                writer.integer(use.trajectory)
            }
        }
        try connection.copy(into: "trajectory_flag", columns: ["trajectory_id", "flag"]) { writer in
            for (index, prepared) in batch.enumerated() {
                for flag in prepared.flags {
                    try writer.row()
                    writer.integer(rowIDs[index])
                    writer.text(flag.rawValue)
                }
            }
        }
    }
}
