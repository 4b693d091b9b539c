import GRDB
import TroveCore

extension Store {
    /// Sets `reviewer`'s own training mask on agent turn `turn` (a message index) of trajectory `id`, as
    /// one ``LabelBatch`` in one transaction: the event joins the label history, and undo and redo take
    /// it back and bring it back as they do any label change. Other reviewers' masks stay; the turn's
    /// decision (`turn_label`) follows every reviewer's mask under the team policy.
    ///
    /// - returns: The batch, or nil when the reviewer's mask already was `training` (nothing is written).
    /// - throws: ``StoreError/unknownTrajectory(_:)``, ``StoreError/notAnAgentTurn(trajectory:turn:)``
    ///   when message `turn` is missing or not the agent's, ``StoreError/readOnly(path:)``.
    @discardableResult
    public func setTraining(_ training: TurnTraining, turn: Int, of id: String, reviewer: String, origin: String)
        throws -> LabelBatch?
    {
        try requireWritable()
        return try writer.write { db in
            let rowID = try Self.rowID(of: id, db: db)
            guard
                try String.fetchOne(
                    db, sql: "SELECT role FROM message_row WHERE trajectory_id = ? AND idx = ?",
                    arguments: [rowID, turn]) == MessageRole.agent.rawValue
            else { throw StoreError.notAnAgentTurn(trajectory: id, turn: turn) }
            let current = try Bool.fetchOne(
                db, sql: "SELECT train FROM turn_current WHERE trajectory_id = ? AND turn = ? AND reviewer = ?",
                arguments: [rowID, turn, reviewer])
            guard current != training.trains else { return nil }
            let at = Timestamp.now()
            let batch = try Self.insertBatch(
                kind: .label, reverts: nil, change: training.change(turn: turn), reviewer: reviewer, origin: origin,
                at: at, db: db)
            try db.execute(
                sql: """
                    INSERT INTO turn_event (trajectory_id, turn, reviewer, at, kind, reverts, train, origin, batch)
                    VALUES (?, ?, ?, ?, 'label', NULL, ?, ?, ?)
                    """, arguments: [rowID, turn, reviewer, at, training.trains, origin, batch])
            try Self.updateCurrentTurns(batch: batch, db: db)
            return try Self.batch(id: batch, db: db)
        }
    }

    /// The decisions on trajectory `id`'s turns that some reviewer masked or unmasked, by message index.
    public func turnLabels(of id: String) throws -> [TurnLabel] {
        try writer.read { db in try Self.turnLabels(rowID: try Self.rowID(of: id, db: db), db: db) }
    }

    /// `reviewer`'s own mask on each turn of trajectory `id` they set one on, by message index.
    public func reviewerTraining(of id: String, reviewer: String) throws -> [Int: TurnTraining] {
        try writer.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT turn, train FROM turn_current WHERE trajectory_id = ? AND reviewer = ?",
                arguments: [try Self.rowID(of: id, db: db), reviewer])
            var masks: [Int: TurnTraining] = [:]
            for row in rows {
                try row.reading(of: id) { row in
                    masks[try row.stored(Column("turn"))] = TurnTraining(trains: try row.stored(Column("train")))
                }
            }
            return masks
        }
    }

    static func turnLabels(rowID: Int64, db: Database) throws -> [TurnLabel] {
        try Row.fetchAll(
            db, sql: "SELECT turn, train FROM turn_label WHERE trajectory_id = ? ORDER BY turn", arguments: [rowID]
        ).map { row in
            try row.reading { row in
                TurnLabel(turn: try row.stored(Column("turn")), train: try row.stored(Column("train")))
            }
        }
    }

    /// Makes `turn_current` show the turn events of `batch` as their reviewers' masks.
    static func updateCurrentTurns(batch: Int64, db: Database) throws {
        for statement in TurnSQL.currentUpdates { try db.execute(sql: statement, arguments: [batch]) }
    }

    /// Appends, to undo or redo batch `batch`, the turn events that take back (`undo`) or bring back
    /// (`redo`) the turn events of batch `target`, and updates the reviewers' current masks.
    static func revertTurns(
        _ kind: LabelEvent.Kind, target: Int64, batch: Int64, at: String, origin: String, db: Database
    )
        throws
    {
        try db.execute(
            sql: """
                INSERT INTO turn_event (trajectory_id, turn, reviewer, at, kind, reverts, train, origin, batch)
                SELECT r.trajectory_id, r.turn, r.reviewer, ?, ?, r.id, r.train, ?, ?
                FROM (\(kind == .undo ? TurnSQL.masksBeforeBatch : TurnSQL.masksOfBatch)) r
                ORDER BY r.trajectory_id, r.turn, r.reviewer
                """, arguments: [at, kind.rawValue, origin, batch, target])
        try updateCurrentTurns(batch: batch, db: db)
    }
}
