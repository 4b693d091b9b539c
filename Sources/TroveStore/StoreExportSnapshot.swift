import Foundation
import GRDB
import TroveCore

/// What an export reads from the SQLite store, inside one read transaction (``ExportSnapshot``).
struct StoreExportSnapshot: ExportSnapshot {
    let db: Database

    func fingerprint() throws -> String {
        var fingerprint = StoreFingerprint()
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT t.external_id, t.original_sha256, COALESCE(l.event_id, 0) AS event_id,
                       COALESCE((SELECT max(e.id) FROM turn_event e WHERE e.trajectory_id = t.id), 0) AS turn_event
                FROM trajectory t LEFT JOIN label_current l ON l.trajectory_id = t.id ORDER BY t.id
                """)
        while let row = try rows.next() {
            try row.reading { row in
                fingerprint.add(
                    id: try row.stored(Column("external_id")), sha256: try row.stored(Column("original_sha256")),
                    labelEvent: try row.stored(Column("event_id")), turnEvent: try row.stored(Column("turn_event")))
            }
        }
        return fingerprint.hexString
    }

    func forEachCandidate(matching filter: Filter, _ body: (ExportCandidate) throws -> Void) throws {
        let (condition, arguments) = try filter.sqlCondition(in: db)
        let rows = try Row.fetchCursor(db, sql: ExportCandidate.select(where: condition), arguments: arguments)
        while let row = try rows.next() {
            let candidate = try row.reading { row in
                let status: String = try row.stored(Column("status"))
                let dialect: String = try row.stored(Column("dialect"))
                return ExportCandidate(
                    rowID: try row.stored(Column("id")), id: try row.stored(Column("external_id")),
                    task: try row.stored(Column("task")), group: try row.stored(Column("task_group")),
                    status: LabelStatus(rawValue: status) ?? .pending,
                    effectiveReward: try row.stored(Column("effective_reward")),
                    dialect: Dialect(rawValue: dialect))
            }
            try body(candidate)
        }
    }

    func forEachTrajectory(matching filter: Filter, _ body: (ExportedTrajectory) throws -> Void) throws {
        let (condition, arguments) = try filter.sqlCondition(in: db)
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
        while let row = try rows.next() {
            let record = try row.record(TrajectoryRecord.self)
            var trajectory = record.trajectory(messages: [])
            trajectory.metadata = ExportedTrajectory.tools(
                try row.reading(of: record.id) { try $0.stored(Column("tools")) })
            try body(
                ExportedTrajectory(
                    rowID: record.rowID, trajectory: trajectory, dialect: record.dialect, sha256: record.sha256 ?? "",
                    label: try row.record(LabelRecord.self, of: record.id).label))
        }
    }

    func messages(of rowID: Int64, id: String) throws -> [Message] {
        let statement = try db.cachedStatement(
            sql: "SELECT \(MessageRecord.selection) FROM message WHERE trajectory_id = ? ORDER BY idx")
        return try Row.fetchAll(statement, arguments: [rowID]).map { try $0.record(MessageRecord.self, of: id).message }
    }

    func tools(of rowID: Int64) throws -> JSONValue? {
        let statement = try db.cachedStatement(
            sql: "SELECT json_extract(metadata, '$.tools') FROM trajectory WHERE id = ?")
        return ExportedTrajectory.toolList(try String.fetchOne(statement, arguments: [rowID]))
    }

    func turnKinds(of rowID: Int64, id: String) throws -> [TurnKind] {
        // Cached: a split export asks for every kept trajectory's (``TrajectoryExporter``).
        let statement = try db.cachedStatement(sql: "SELECT turn FROM message WHERE trajectory_id = ? ORDER BY idx")
        return try String.fetchAll(statement, arguments: [rowID]).map { TurnKind(rawValue: $0) ?? .other }
    }

    func original(of rowID: Int64, id: String) throws -> (bytes: [UInt8], sha256: String)? {
        let statement = try db.cachedStatement(sql: "SELECT original, original_sha256 FROM trajectory WHERE id = ?")
        guard let row = try Row.fetchOne(statement, arguments: [rowID]) else { return nil }
        return try row.reading(of: id) { row in
            (Array(try row.stored(Column("original"), as: Data.self)), try row.stored(Column("original_sha256")))
        }
    }

    func turnLabels(of rowID: Int64) throws -> [TurnLabel] {
        try Store.turnLabels(rowID: rowID, db: db)
    }

    func trajectoriesWithTurnLabels() throws -> Set<Int64> {
        Set(try Int64.fetchAll(db, sql: "SELECT DISTINCT trajectory_id FROM turn_current"))
    }

    func trajectoriesWithCorrections() throws -> Set<Int64> {
        Set(try Int64.fetchAll(db, sql: "SELECT DISTINCT trajectory_id FROM turn_label WHERE edited = 1"))
    }

    func agreementJudgements(matching filter: Filter) throws -> [(rowID: Int64, judgement: AgreementJudgement)] {
        try Store.agreementJudgements(matching: filter, db: db)
    }
}
