import Foundation
import GRDB
import TroveCore

/// Writes the trajectories a filter and a policy select as JSONL, streaming
/// from one consistent snapshot of the store.
///
/// Contract:
/// - Output order is import order (row id), so the same store, filter and
///   options always give the same bytes.
/// - Memory stays bounded: records are read one at a time; a split holds only
///   row ids.
/// - With a split, every task contributes `round(kept × fraction)` records to
///   the second output, chosen by a seeded shuffle.
///
/// ```swift
/// let exporter = TrajectoryExporter(store: store)
/// let request = ExportRequest(filter: try Filter.parse("task:db"), policy: .agentTuning(.agentTuning),
///                             writer: ExportRecordWriter(format: .sharegpt))
/// let output = try JSONLinesWriter(path: "db.jsonl")
/// let result = try exporter.export(request, to: output)
/// try output.publish()
/// ```
public struct TrajectoryExporter: Sendable {
    public let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// Counts what `request` would keep and exclude, per task, without writing.
    public func dryRun(_ request: ExportRequest) throws -> ExportResult {
        try store.writer.read { db in
            var result = ExportResult(fingerprint: try Self.fingerprint(db))
            try Self.forEachOutcome(filter: request.filter, policy: request.policy, db: db) {
                result.record(task: $0.task, outcome: $0.outcome)
            }
            return result
        }
    }

    /// Writes the kept trajectories to `output` (and the split's share to `splitOutput`).
    ///
    /// Each record's bytes are checked against the SHA-256 recorded at import before it is written.
    /// The writers are finished (flushed and synced) before this returns; the caller puts them in place
    /// together with ``OutputCommit/publish(_:)``, so a split's two files are replaced as one (with their
    /// manifests). When it throws nothing is published, so no file output appears.
    /// - throws: ``OutputError`` when a file cannot be written, ``StoreError/alteredRecord(trajectory:)``
    ///   when a record's bytes changed in the store, ``StoreError/damagedRow(trajectory:column:stored:)``,
    ///   or a database error.
    public func export(
        _ request: ExportRequest, to output: JSONLinesWriter, splitOutput: JSONLinesWriter? = nil
    ) throws -> ExportResult {
        try store.writer.read { db in
            var result = ExportResult(fingerprint: try Self.fingerprint(db))
            var held = Set<Int64>()
            if let split = request.split, splitOutput != nil {
                var kept: [(key: Int64, task: String)] = []
                try Self.forEachOutcome(filter: request.filter, policy: request.policy, db: db) { candidate in
                    if candidate.outcome == .kept { kept.append((candidate.rowID, candidate.task)) }
                }
                held = StratifiedSplit.choose(fraction: split.fraction, seed: split.seed, items: kept)
            }
            let (condition, arguments) = request.filter.sqlCondition()
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT t.id, t.external_id, t.task, t.source_file, t.source_line, t.format, t.env_reward,
                           t.original, t.original_sha256, l.status, l.reward, l.reward_reason, l.tags, l.note,
                           json_extract(t.metadata, '$.tools') AS tools,
                           t.dialect
                    FROM trajectory t LEFT JOIN label_current l ON l.trajectory_id = t.id
                    WHERE \(condition) ORDER BY t.id
                    """, arguments: arguments)
            // The judgements of trajectories two reviewers judged, for the agreement of what is exported.
            let judged = Dictionary(
                grouping: try Store.agreementJudgements(matching: request.filter, db: db), by: \.rowID)
            var exportedJudgements: [AgreementJudgement] = []
            let needsMessages = request.writer.format != .agentinstruct
            let messageStatement = try db.cachedStatement(
                sql: "SELECT \(MessageRecord.selection) FROM message WHERE trajectory_id = ? ORDER BY idx")
            // Few trajectories have turn masks or corrections: only they ask for their turns (the view
            // decides a turn each time it is read).
            let labeledTurns = Set(try Int64.fetchAll(db, sql: "SELECT DISTINCT trajectory_id FROM turn_current"))
            while let row = try rows.next() {
                let record = try row.record(TrajectoryRecord.self)
                let label = try row.record(LabelRecord.self, of: record.id).label
                let outcome = request.policy.outcome(
                    status: label.status, effectiveReward: label.reward ?? record.environmentReward, task: record.task,
                    dialect: record.dialect)
                result.record(task: record.task, outcome: outcome)
                guard outcome == .kept else { continue }
                try Self.verify(record)
                var messages: [Message] = []
                if needsMessages {
                    messages = try Row.fetchAll(messageStatement, arguments: [record.rowID]).map {
                        try $0.record(MessageRecord.self, of: record.id).message
                    }
                }
                var trajectory = record.trajectory(messages: messages)
                trajectory.metadata = Self.tools(try row.reading(of: record.id) { try $0.stored(Column("tools")) })
                let turns = labeledTurns.contains(record.rowID) ? try Store.turnLabels(rowID: record.rowID, db: db) : []
                result.maskedTurns += turns.filter(\.isMasked).count
                result.editedTurns += turns.filter(\.isEdited).count
                let target = held.contains(record.rowID) ? splitOutput! : output
                try target.write(line: request.writer.line(for: trajectory, label: label, turns: turns))
                result.written[target.path, default: 0] += 1
                exportedJudgements += judged[record.rowID]?.map(\.judgement) ?? []
            }
            result.agreement = AgreementReport(judgements: exportedJudgements)
            try output.finish()
            try splitOutput?.finish()
            return result
        }
    }

    /// The record's `tools` list (JSON text from the metadata) as the only metadata member an export reads.
    private static func tools(_ json: String?) -> JSONObject {
        guard let json, let tools = try? JSONParser.parse(Array(json.utf8)) else { return JSONObject() }
        return JSONObject([.init(key: "tools", value: tools)])
    }

    /// The ids and tasks of the trajectories `filter` and `policy` keep, in row order.
    public func keptTrajectories(matching filter: Filter, policy: ExportPolicy) throws -> [(id: String, task: String)] {
        try store.writer.read { db in
            var kept: [(id: String, task: String)] = []
            try Self.forEachOutcome(filter: filter, policy: policy, db: db) { candidate in
                if candidate.outcome == .kept { kept.append((candidate.id, candidate.task)) }
            }
            return kept
        }
    }

    /// One filtered trajectory and what the policy decided for it.
    struct Candidate {
        var rowID: Int64
        var id: String
        var task: String
        /// The run's task instance (``TaskGroup``), nil when it states no task.
        var group: String?
        var outcome: ExportOutcome
    }

    /// Calls `body` with each trajectory `filter` selects and what `policy` decides for it, in row order
    /// (the trajectory and preference exports both judge runs through it).
    static func forEachOutcome(
        filter: Filter, policy: ExportPolicy, db: Database, _ body: (Candidate) throws -> Void
    ) throws {
        let (condition, arguments) = filter.sqlCondition()
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT t.id, t.external_id, t.task, t.task_group, COALESCE(l.status, 'pending') AS status,
                       COALESCE(l.reward, t.env_reward) AS effective_reward, t.dialect
                FROM trajectory t LEFT JOIN label_current l ON l.trajectory_id = t.id
                WHERE \(condition) ORDER BY t.id
                """, arguments: arguments)
        while let row = try rows.next() {
            let candidate = try row.reading { row in
                let task: String = try row.stored(Column("task"))
                let status: String = try row.stored(Column("status"))
                let dialect: String = try row.stored(Column("dialect"))
                let outcome = policy.outcome(
                    status: LabelStatus(rawValue: status) ?? .pending,
                    effectiveReward: try row.stored(Column("effective_reward")), task: task,
                    dialect: Dialect(rawValue: dialect))
                return Candidate(
                    rowID: try row.stored(Column("id")), id: try row.stored(Column("external_id")), task: task,
                    group: try row.stored(Column("task_group")), outcome: outcome)
            }
            try body(candidate)
        }
    }

    /// Throws unless `record`'s bytes still have the SHA-256 recorded when they were imported.
    ///
    /// Implementation note: a bit flipped inside a stored record passes SQLite's integrity check, and
    /// `agentinstruct` export promises the imported bytes; the hash is what tells them apart.
    static func verify(_ record: TrajectoryRecord) throws {
        guard SHA256.hash(record.original).hexString == record.sha256 else {
            throw StoreError.alteredRecord(trajectory: record.id)
        }
    }

    /// The store's fingerprint: SHA-256 over every trajectory's id, record
    /// hash, current label event and latest turn event (left out when it has
    /// none, so a store without turn labels keeps the fingerprint it had), in
    /// row order. Equal fingerprints mean the same records with the same labels.
    static func fingerprint(_ db: Database) throws -> String {
        var hasher = SHA256()
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT t.external_id, t.original_sha256, COALESCE(l.event_id, 0) AS event_id,
                       COALESCE((SELECT max(e.id) FROM turn_event e WHERE e.trajectory_id = t.id), 0) AS turn_event
                FROM trajectory t LEFT JOIN label_current l ON l.trajectory_id = t.id ORDER BY t.id
                """)
        while let row = try rows.next() {
            let line = try row.reading { row in
                let id: String = try row.stored(Column("external_id"))
                let sha: String = try row.stored(Column("original_sha256"))
                let event: Int64 = try row.stored(Column("event_id"))
                let turn: Int64 = try row.stored(Column("turn_event"))
                return "\(id)\t\(sha)\t\(event)" + (turn > 0 ? "\t\(turn)" : "") + "\n"
            }
            hasher.update(Array(line.utf8))
        }
        return hasher.finalize().hexString
    }
}

/// What to export: which trajectories, under which policy, in which format.
public struct ExportRequest: Sendable {
    /// A held-out share per task, written to a second output.
    public struct Split: Sendable, Hashable {
        /// The second output's name (`valid`).
        public var name: String
        public var fraction: Double
        public var seed: UInt64

        public init(name: String, fraction: Double, seed: UInt64) {
            self.name = name
            self.fraction = fraction
            self.seed = seed
        }
    }

    public var filter: Filter
    public var policy: ExportPolicy
    public var writer: ExportRecordWriter
    public var split: Split?

    public init(filter: Filter, policy: ExportPolicy, writer: ExportRecordWriter, split: Split? = nil) {
        self.filter = filter
        self.policy = policy
        self.writer = writer
        self.split = split
    }
}

/// Counts from an export or a dry run.
public struct ExportResult: Sendable, Hashable {
    /// Per task, how many trajectories had each outcome.
    public var outcomes: [String: [ExportOutcome: Int]] = [:]
    /// Lines written per output path.
    public var written: [String: Int] = [:]
    /// The store's fingerprint at the time of the export.
    public var fingerprint: String
    /// How far reviewers agree on the trajectories written (all outputs together); nil for a dry run.
    public var agreement: AgreementReport?
    /// Masked agent turns in the trajectories written (``TurnLabel/isMasked``): written untrained by the
    /// converted formats, listed under `"trove"` by `agentinstruct --with-labels`, left out by plain
    /// `agentinstruct`.
    public var maskedTurns = 0
    /// Corrected agent turns in the trajectories written (``TurnLabel/isEdited``): written with their
    /// corrected text by the converted formats, listed under `"trove"` by `agentinstruct --with-labels`,
    /// left out by plain `agentinstruct` (which writes the record's bytes as imported).
    public var editedTurns = 0
    /// Preference lines per task and source (see ``PreferenceExporter``); empty for other formats.
    public var preferences: [String: [String: Int]] = [:]

    public init(fingerprint: String) {
        self.fingerprint = fingerprint
    }

    mutating func record(task: String, outcome: ExportOutcome) {
        outcomes[task, default: [:]][outcome, default: 0] += 1
    }

    /// How many trajectories had `outcome`, over all tasks.
    public func total(_ outcome: ExportOutcome) -> Int {
        outcomes.values.reduce(0) { $0 + ($1[outcome] ?? 0) }
    }
}
