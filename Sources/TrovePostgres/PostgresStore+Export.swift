import TroveCore

/// `trove export`, `mix` and `diff` on a PostgreSQL store (``ExportSource``).
extension PostgresStore: ExportSource {
    /// Calls `body` inside one `REPEATABLE READ`, read-only transaction: everything it reads comes from
    /// one snapshot of the store, whatever other reviewers commit meanwhile.
    public func readSnapshot<T>(_ body: (any ExportSnapshot) throws -> T) throws -> T {
        try connection.transaction {
            try connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            return try body(PostgresExportSnapshot(store: self))
        }
    }

    /// One trajectory by its external id, with its parse, label and turn decisions, read in one
    /// snapshot; nil when absent.
    ///
    /// - throws: ``AlteredRecordError`` when `verifyingBytes` finds the record's bytes changed,
    ///   ``PostgresError`` when the server refuses a query.
    public func trajectory(id: String, verifyingBytes: Bool) throws -> StoredTrajectory? {
        try readSnapshot { _ in
            let rows = try connection.execute(
                """
                SELECT \(PostgresExportSnapshot.trajectoryColumns), \(PostgresExportSnapshot.labelColumns), t.metadata
                FROM trajectory t LEFT JOIN label_current l ON l.trajectory_id = t.id WHERE t.external_id = $1
                """, [.text(id)], binary: true)
            guard rows.rowCount == 1 else { return nil }
            let rowID = try rows.integer(0, 0) ?? 0
            let messages = try PostgresExportSnapshot.messages(of: rowID, connection: connection)
            let metadata = try rows.string(0, 17).flatMap { try? JSONParser.parse(Array($0.utf8)) }?.objectValue
            let record = try PostgresExportSnapshot.trajectory(
                rows, 0, messages: messages, metadata: metadata ?? JSONObject())
            if verifyingBytes {
                try AlteredRecordError.verify(record.trajectory.originalRecord, sha256: record.sha256, trajectory: id)
            }
            let turns = try connection.execute(
                "SELECT turn FROM message_row WHERE trajectory_id = $1 ORDER BY idx", [.integer(rowID)], binary: true)
            let steps = try connection.execute(
                """
                SELECT message_idx, observation_idx, thought, action_kind, action_argument, observation,
                       final_answer, parsed_by, segments
                FROM step WHERE trajectory_id = $1 ORDER BY idx
                """, [.integer(rowID)], binary: true)
            let flags = try connection.execute(
                "SELECT flag FROM trajectory_flag WHERE trajectory_id = $1", [.integer(rowID)], binary: true)
            return StoredTrajectory(
                trajectory: record.trajectory,
                parsed: ParsedTrajectory(
                    dialect: record.dialect,
                    turns: try (0..<turns.rowCount).map { TurnKind(rawValue: try turns.string($0, 0) ?? "") ?? .other },
                    steps: try (0..<steps.rowCount).map { try Self.step(steps, $0, in: messages) },
                    flags: Set(
                        try (0..<flags.rowCount).compactMap { try flags.string($0, 0) }.compactMap(QualityFlag.init))),
                label: try PostgresExportSnapshot.label(rows, 0, from: 12),
                turns: try PostgresExportSnapshot.turnLabels(of: rowID, connection: connection))
        }
    }

    /// Row `row` of the `step` view over `messages`, its segments cut from the agent message's text (the
    /// whole text as one `other` segment when the stored lengths do not fit it), as on SQLite.
    private static func step(_ rows: PostgresResult, _ row: Int, in messages: [Message]) throws -> Step {
        let index = Int(try rows.integer(row, 0) ?? 0)
        let text = messages.indices.contains(index) ? messages[index].text : ""
        let kind = try rows.string(row, 3)
        let argument = try rows.string(row, 4)
        return Step(
            messageIndex: index, observationIndex: try rows.integer(row, 1).map { Int($0) },
            thought: try rows.string(row, 2), action: kind.map { StepAction(kind: $0, argument: argument ?? "") },
            observation: try rows.string(row, 5), finalAnswer: try rows.string(row, 6),
            parsedBy: Dialect(rawValue: try rows.string(row, 7) ?? "") ?? .raw,
            segments: StepCoding.segments(try rows.string(row, 8) ?? "", text: text) ?? [Segment(.other, text)])
    }
}
