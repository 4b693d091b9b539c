import Foundation
import GRDB
import TroveCore

extension Store: DatasetStatsSource {
    /// The number of trajectories in the store.
    public func trajectoryCount() throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM trajectory") ?? 0 }
    }

    /// One trajectory by its external id, with its parse and label, or `nil` when absent.
    ///
    /// - throws: ``StoreError/damagedRow(trajectory:column:stored:)`` when a row of it is damaged.
    public func trajectory(id: String) throws -> StoredTrajectory? {
        try trajectory(id: id, verifyingBytes: false)
    }

    /// One trajectory by its external id, with its parse and label, or `nil` when absent.
    ///
    /// - parameter verifyingBytes: check the record's bytes against the SHA-256 recorded at import
    ///   first, as a command that writes them out does (`show` reads a damaged record too).
    /// - throws: ``StoreError/damagedRow(trajectory:column:stored:)`` when a row of it is damaged,
    ///   ``AlteredRecordError`` when verifying finds its bytes changed.
    public func trajectory(id: String, verifyingBytes: Bool) throws -> StoredTrajectory? {
        try writer.read { db in
            guard
                let record = try Row.fetchOne(
                    db,
                    sql: "\(TrajectoryRecord.select) WHERE external_id = ?", arguments: [id]
                )?.record(TrajectoryRecord.self, of: id)
            else { return nil }
            if verifyingBytes {
                try AlteredRecordError.verify(record.original, sha256: record.sha256, trajectory: record.id)
            }
            let messageRecords = try Row.fetchAll(
                db,
                sql: "SELECT \(MessageRecord.selection), turn FROM message WHERE trajectory_id = ? ORDER BY idx",
                arguments: [record.rowID]
            ).map { try $0.record(MessageRecord.self, of: id) }
            let messages = messageRecords.map(\.message)
            let steps = try Row.fetchAll(
                db,
                sql: """
                    SELECT message_idx, observation_idx, thought, action_kind, action_argument, observation,
                           final_answer, parsed_by, segments
                    FROM step WHERE trajectory_id = ? ORDER BY idx
                    """, arguments: [record.rowID]
            ).map { try $0.record(StepRecord.self, of: id).step(in: messages) }
            let flags = try String.fetchAll(
                db, sql: "SELECT flag FROM trajectory_flag WHERE trajectory_id = ?", arguments: [record.rowID])
            return StoredTrajectory(
                trajectory: record.trajectory(messages: messages),
                parsed: ParsedTrajectory(
                    dialect: record.dialect, turns: messageRecords.map { $0.turn ?? .other }, steps: steps,
                    flags: Set(flags.compactMap(QualityFlag.init(rawValue:)))),
                label: try Self.currentLabel(rowID: record.rowID, db: db),
                turns: try Self.turnLabels(rowID: record.rowID, db: db))
        }
    }

    /// Per task, how many trajectories `reviewer` accepted and rejected (their own current labels).
    public func ownDecisions(of reviewer: String) throws -> [String: (accepted: Int, rejected: Int)] {
        try writer.read { db in
            var decisions: [String: (accepted: Int, rejected: Int)] = [:]
            for row in try Row.fetchAll(db, sql: DatasetStats.ownDecisionsSQL(.sqlite), arguments: [reviewer]) {
                try row.reading { row in
                    let task: String = try row.stored(Column("task"))
                    decisions[task] = (try row.stored(Column("accepted")), try row.stored(Column("rejected")))
                }
            }
            return decisions
        }
    }

    /// Counts per task of the trajectories `filter` selects (``DatasetStatsSource``), the filter run once.
    public func stats(matching filter: Filter) throws -> DatasetStats {
        try writer.read { db in
            let condition = filter.expression == nil ? nil : try filter.sqlCondition(in: db)
            let sql = DatasetStats.statsSQL(
                condition: condition?.sql,
                bin:
                    "CASE WHEN effective_reward IS NULL THEN -1 ELSE min(9, CAST(effective_reward * 10 AS INTEGER)) END",
                statusCount: { "sum(status = '\($0)')" }, integer: { $0 })
            let rows = try Row.fetchAll(db, sql: sql, arguments: condition?.arguments ?? StatementArguments()).map {
                row in
                try row.reading { row in
                    var stats = TaskStats(
                        task: try row.stored(Column("task")), flag: try row.stored(Column("flag")),
                        bin: try row.stored(Column("bin")), count: try row.stored(Column("count")))
                    stats.steps = try row.stored(Column("steps")) ?? 0
                    stats.accepted = try row.stored(Column("accepted")) ?? 0
                    stats.rejected = try row.stored(Column("rejected")) ?? 0
                    stats.pending = try row.stored(Column("pending")) ?? 0
                    stats.disputed = try row.stored(Column("disputed")) ?? 0
                    return stats
                }
            }
            return DatasetStats(adding: rows)
        }
    }
}
