import TroveCore

/// What an export reads from a PostgreSQL store, inside one `REPEATABLE READ` transaction
/// (``ExportSnapshot``): the same rows as the SQLite store's, in the same order.
///
/// Trajectories are streamed through a cursor, a few hundred rows at a time, so a store of any size
/// exports in bounded memory; the queries a row asks for run between fetches. The first row of a batch
/// that asks for its messages reads those of the whole batch in one query (one round trip per batch, not
/// per trajectory); a format that writes the record's bytes asks for none.
final class PostgresExportSnapshot: ExportSnapshot {
    private let store: PostgresStore
    private var cursors = 0
    /// The row ids of the batch ``forEachTrajectory(matching:_:)`` fetched last.
    private var batch: [Int64] = []
    /// The messages of `batch`'s trajectories, read in one query the first time one of them is asked for.
    private var batchMessages: [Int64: [Message]]?

    init(store: PostgresStore) {
        self.store = store
    }

    private var connection: PostgresConnection { store.connection }

    /// The trajectory columns ``trajectory(_:_:metadata:)`` reads, from `trajectory t`, in its order.
    static let trajectoryColumns = """
        t.id, t.external_id, t.task, t.dialect, t.source_file, t.source_line, t.format, t.env_reward,
        t.original, t.original_sha256, t.env_reward_source, t.outcome
        """

    /// The trajectory whose ``trajectoryColumns`` start at column 0 of `row`, with `messages` and `metadata`.
    static func trajectory(_ result: PostgresResult, _ row: Int, messages: [Message], metadata: JSONObject) throws
        -> (rowID: Int64, trajectory: Trajectory, dialect: Dialect, sha256: String)
    {
        let id = try result.string(row, 1) ?? ""
        let dialect = Dialect(rawValue: try result.string(row, 3) ?? "") ?? .raw
        let format = try result.string(row, 6) ?? ""
        let trajectory = Trajectory(
            id: id, task: try result.string(row, 2) ?? "",
            source: SourceLocation(file: try result.string(row, 4) ?? "", line: Int(try result.integer(row, 5) ?? 1)),
            format: RecordFormat(format) ?? RecordFormat(listKey: "conversations", style: .fromValue),
            messages: messages, metadata: metadata, environmentReward: try result.real(row, 7),
            environmentRewardSource: try result.string(row, 10).flatMap(RewardSource.init(rawValue:)),
            outcome: try result.string(row, 11).flatMap(RunOutcome.init(rawValue:)),
            originalRecord: try result.bytes(row, 8) ?? [])
        return (try result.integer(row, 0) ?? 0, trajectory, dialect, try result.string(row, 9) ?? "")
    }

    /// The label columns ``label(_:_:from:)`` reads, from `label_current l`, in its order.
    static let labelColumns = "l.status, l.reward, l.reward_reason, l.tags, l.note"

    /// The label whose ``labelColumns`` start at column `column` of `row` (pending when they are NULL).
    static func label(_ result: PostgresResult, _ row: Int, from column: Int) throws -> ReviewLabel {
        ReviewLabel(
            status: try result.string(row, column).flatMap(LabelStatus.init(rawValue:)) ?? .pending,
            reward: try result.real(row, column + 1), rewardReason: try result.string(row, column + 2),
            tags: try result.string(row, column + 3).map(Self.tags) ?? [], note: try result.string(row, column + 4))
    }

    /// The tags of a label, stored as a JSON array of strings.
    static func tags(_ json: String) -> [String] {
        (try? JSONParser.parse(Array(json.utf8)))?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// ``PostgresConnection/forEachRow(of:_:cursor:batch:_:)`` under a cursor name of its own for each
    /// call, so no two of the snapshot's reads share one.
    private func forEachRow(
        _ query: String, _ parameters: [PostgresValue] = [], batch: Int, _ body: (PostgresResult, Int) throws -> Void
    ) throws {
        cursors += 1
        try connection.forEachRow(of: query, parameters, cursor: "trove_export_\(cursors)", batch: batch, body)
    }

    func fingerprint() throws -> String {
        var fingerprint = StoreFingerprint()
        try forEachRow(
            """
            SELECT t.external_id, t.original_sha256, COALESCE(l.event_id, 0),
                   COALESCE((SELECT max(e.id) FROM turn_event e WHERE e.trajectory_id = t.id), 0)
            FROM trajectory t LEFT JOIN label_current l ON l.trajectory_id = t.id ORDER BY t.id
            """, batch: 10_000
        ) { rows, row in
            fingerprint.add(
                id: try rows.string(row, 0) ?? "", sha256: try rows.string(row, 1) ?? "",
                labelEvent: try rows.integer(row, 2) ?? 0, turnEvent: try rows.integer(row, 3) ?? 0)
        }
        return fingerprint.hexString
    }

    func forEachCandidate(matching filter: Filter, _ body: (ExportCandidate) throws -> Void) throws {
        let (condition, parameters) = try filter.postgresCondition(on: connection)
        try forEachRow(ExportCandidate.select(where: condition), parameters, batch: 10_000) { rows, row in
            try body(
                ExportCandidate(
                    rowID: try rows.integer(row, 0) ?? 0, id: try rows.string(row, 1) ?? "",
                    task: try rows.string(row, 2) ?? "", group: try rows.string(row, 3),
                    status: LabelStatus(rawValue: try rows.string(row, 4) ?? "") ?? .pending,
                    effectiveReward: try rows.real(row, 5), dialect: Dialect(rawValue: try rows.string(row, 6) ?? "")))
        }
    }

    func forEachTrajectory(matching filter: Filter, _ body: (ExportedTrajectory) throws -> Void) throws {
        let (condition, parameters) = try filter.postgresCondition(on: connection)
        // `tools` as SQLite's json_extract gives it: a list or object as JSON text, a scalar as its value.
        try forEachRow(
            """
            SELECT \(Self.trajectoryColumns), \(Self.labelColumns),
                   CASE WHEN json_typeof(t.metadata::json -> 'tools') IN ('array', 'object')
                        THEN (t.metadata::json -> 'tools')::text ELSE t.metadata::json ->> 'tools' END
            FROM trajectory t LEFT JOIN label_current l ON l.trajectory_id = t.id
            WHERE \(condition) ORDER BY t.id
            """, parameters, batch: 200
        ) { rows, row in
            if row == 0 {
                batch = try (0..<rows.rowCount).map { try rows.integer($0, 0) ?? 0 }
                batchMessages = nil
            }
            let record = try Self.trajectory(
                rows, row, messages: [], metadata: ExportedTrajectory.tools(try rows.string(row, 17)))
            try body(
                ExportedTrajectory(
                    rowID: record.rowID, trajectory: record.trajectory, dialect: record.dialect,
                    sha256: record.sha256, label: try Self.label(rows, row, from: 12)))
        }
    }

    func messages(of rowID: Int64, id: String) throws -> [Message] {
        guard batch.contains(rowID) else { return try Self.messages(of: rowID, connection: connection) }
        if batchMessages == nil {
            let rows = try connection.execute(
                """
                SELECT \(Self.messageColumns), trajectory_id FROM message
                WHERE trajectory_id = ANY($1::bigint[]) ORDER BY trajectory_id, idx
                """, [.text("{" + batch.map(String.init).joined(separator: ",") + "}")], binary: true)
            var messages: [Int64: [Message]] = [:]
            for row in 0..<rows.rowCount {
                messages[try rows.integer(row, 6) ?? 0, default: []].append(try Self.message(rows, row))
            }
            batchMessages = messages
        }
        return batchMessages?[rowID] ?? []
    }

    /// The `message` columns ``message(_:_:)`` reads, in its order.
    private static let messageColumns = "role, original_role, text, loss, tool_calls, tool_call_id"

    /// The messages of trajectory `rowID`, in order.
    static func messages(of rowID: Int64, connection: PostgresConnection) throws -> [Message] {
        let rows = try connection.execute(
            "SELECT \(messageColumns) FROM message WHERE trajectory_id = $1 ORDER BY idx", [.integer(rowID)],
            binary: true)
        return try (0..<rows.rowCount).map { try message(rows, $0) }
    }

    /// The message whose ``messageColumns`` start at column 0 of `row`.
    private static func message(_ rows: PostgresResult, _ row: Int) throws -> Message {
        Message(
            role: MessageRole(rawValue: try rows.string(row, 0) ?? "") ?? .environment,
            originalRole: try rows.string(row, 1) ?? "", text: try rows.string(row, 2) ?? "",
            loss: try rows.integer(row, 3).map { $0 != 0 },
            toolCalls: ToolCallCoding.calls(try rows.string(row, 4)),
            toolCallID: try rows.string(row, 5))
    }

    func tools(of rowID: Int64) throws -> JSONValue? {
        let rows = try connection.execute(
            """
            SELECT CASE WHEN json_typeof(metadata::json -> 'tools') IN ('array', 'object')
                        THEN (metadata::json -> 'tools')::text ELSE metadata::json ->> 'tools' END
            FROM trajectory WHERE id = $1
            """, [.integer(rowID)], binary: true)
        guard rows.rowCount == 1 else { return nil }
        return ExportedTrajectory.toolList(try rows.string(0, 0))
    }

    func turnKinds(of rowID: Int64, id: String) throws -> [TurnKind] {
        let rows = try connection.execute(
            "SELECT turn FROM message_row WHERE trajectory_id = $1 ORDER BY idx", [.integer(rowID)], binary: true)
        return try (0..<rows.rowCount).map { TurnKind(rawValue: try rows.string($0, 0) ?? "") ?? .other }
    }

    func original(of rowID: Int64, id: String) throws -> (bytes: [UInt8], sha256: String)? {
        let rows = try connection.execute(
            "SELECT original, original_sha256 FROM trajectory WHERE id = $1", [.integer(rowID)], binary: true)
        guard rows.rowCount == 1 else { return nil }
        return (try rows.bytes(0, 0) ?? [], try rows.string(0, 1) ?? "")
    }

    func turnLabels(of rowID: Int64) throws -> [TurnLabel] {
        try Self.turnLabels(of: rowID, connection: connection)
    }

    /// The decided turn labels of trajectory `rowID`, by turn.
    static func turnLabels(of rowID: Int64, connection: PostgresConnection) throws -> [TurnLabel] {
        let rows = try connection.execute(
            "SELECT turn, train, text FROM turn_label WHERE trajectory_id = $1 ORDER BY turn", [.integer(rowID)],
            binary: true)
        return try (0..<rows.rowCount).map { row in
            TurnLabel(
                turn: Int(try rows.integer(row, 0) ?? 0), train: try rows.integer(row, 1).map { $0 != 0 },
                text: try rows.string(row, 2))
        }
    }

    func trajectoriesWithTurnLabels() throws -> Set<Int64> {
        try ids("SELECT DISTINCT trajectory_id FROM turn_current")
    }

    func trajectoriesWithCorrections() throws -> Set<Int64> {
        try ids("SELECT DISTINCT trajectory_id FROM turn_label WHERE edited = 1")
    }

    private func ids(_ query: String) throws -> Set<Int64> {
        let rows = try connection.execute(query, binary: true)
        return Set(try (0..<rows.rowCount).map { try rows.integer($0, 0) ?? 0 })
    }

    func agreementJudgements(matching filter: Filter) throws -> [(rowID: Int64, judgement: AgreementJudgement)] {
        let (condition, parameters) = try filter.postgresCondition(on: connection)
        let rows = try connection.execute(
            """
            WITH unit(trajectory_id) AS (
                SELECT trajectory_id FROM reviewer_current
                WHERE status IN ('accepted', 'rejected') OR reward IS NOT NULL
                GROUP BY trajectory_id HAVING count(*) >= 2)
            SELECT t.id, t.external_id, t.task, r.reviewer, r.status, r.reward
            FROM unit JOIN reviewer_current r ON r.trajectory_id = unit.trajectory_id
            JOIN trajectory t ON t.id = unit.trajectory_id
            LEFT JOIN label_current l ON l.trajectory_id = t.id
            WHERE \(condition)
            ORDER BY t.id, r.reviewer COLLATE "C"
            """, parameters, binary: true)
        return try (0..<rows.rowCount).map { row in
            let decision: AgreementJudgement.Decision? =
                switch LabelStatus(rawValue: try rows.string(row, 4) ?? "") {
                case .accepted: .accept
                case .rejected: .reject
                default: nil
                }
            return (
                try rows.integer(row, 0) ?? 0,
                AgreementJudgement(
                    unit: try rows.string(row, 1) ?? "", task: try rows.string(row, 2) ?? "",
                    reviewer: try rows.string(row, 3) ?? "", decision: decision, reward: try rows.real(row, 5))
            )
        }
    }
}
