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
            let (rowID, _) = try Self.agentTurn(turn, of: id, db: db)
            let current = try Self.reviewerTurn(rowID: rowID, turn: turn, reviewer: reviewer, db: db)
            guard current.train != training.trains else { return nil }
            return try Self.writeTurn(
                rowID: rowID, turn: turn, train: training.trains, text: current.text,
                change: training.change(turn: turn),
                reviewer: reviewer, origin: origin, db: db)
        }
    }

    /// Sets `reviewer`'s own correction of agent turn `turn`'s text (nil, or the text as imported, takes
    /// it back), as one ``LabelBatch``: the imported text is kept, the correction is an event that undo
    /// and redo take back and bring back, and the trajectory's steps and flags are parsed again from
    /// its texts as corrected (the store's `step` rows and `trajectory_flag` follow).
    ///
    /// Only a step's agent turn (``TurnKind/agent``) takes a correction: a context turn (the handshake,
    /// the in-context example) corrected would be parsed as a step of the run. Taking a correction back
    /// is allowed on any agent turn.
    ///
    /// - returns: The batch, or nil when the reviewer's correction already was `text`.
    /// - throws: as ``setTraining(_:turn:of:reviewer:origin:)``; ``StoreError/notAStepTurn(trajectory:turn:kind:)``
    ///   for a context turn; ``CorrectionError`` (nothing written) for a text the store cannot keep whole.
    @discardableResult
    public func setText(_ text: String?, turn: Int, of id: String, reviewer: String, origin: String) throws
        -> LabelBatch?
    {
        try requireWritable()
        if let text { try CorrectionError.check(text) }
        return try writer.write { db in
            let (rowID, original) = try Self.agentTurn(turn, of: id, db: db)
            let correction = text == original ? nil : text
            if correction != nil,
                let kind = try String.fetchOne(
                    db, sql: "SELECT turn FROM message WHERE trajectory_id = ? AND idx = ?", arguments: [rowID, turn]),
                kind != TurnKind.agent.rawValue
            {
                throw StoreError.notAStepTurn(trajectory: id, turn: turn, kind: kind)
            }
            let current = try Self.reviewerTurn(rowID: rowID, turn: turn, reviewer: reviewer, db: db)
            guard current.text != correction else { return nil }
            let batch = try Self.writeTurn(
                rowID: rowID, turn: turn, train: current.train, text: correction,
                change: TurnLabel.textChange(turn: turn, corrected: correction != nil), reviewer: reviewer,
                origin: origin,
                db: db)
            try Self.reparse(rowID: rowID, db: db)
            return batch
        }
    }

    /// The decisions on trajectory `id`'s turns that some reviewer masked or corrected, by message index.
    public func turnLabels(of id: String) throws -> [TurnLabel] {
        try writer.read { db in try Self.turnLabels(rowID: try Self.rowID(of: id, db: db), db: db) }
    }

    /// Agent turn `turn` of trajectory `id`: its text as imported and as the reviewers corrected it (nil
    /// when they did not); nil when the trajectory has no such agent turn. With `blindReviewer`, the
    /// correction is the one that reviewer reads (``turnsRead(by:rowID:decided:db:)``).
    ///
    /// - throws: ``StoreError/unknownTrajectory(_:)`` when there is no trajectory `id`.
    public func turnText(of id: String, turn: Int, blindReviewer: String? = nil) throws
        -> (original: String, corrected: String?)?
    {
        try writer.read { db in
            let rowID = try Self.rowID(of: id, db: db)
            guard
                let original = try String.fetchOne(
                    db, sql: "SELECT text FROM message WHERE trajectory_id = ? AND idx = ? AND role = 'agent'",
                    arguments: [rowID, turn])
            else { return nil }
            let turns = try Self.turnsRead(
                by: blindReviewer, rowID: rowID, decided: try Self.turnLabels(rowID: rowID, db: db), db: db)
            return (original, turns.first { $0.turn == turn }?.text)
        }
    }

    /// The masks and corrections `blindReviewer` reads on trajectory `rowID`, whose turn decisions are
    /// `decided`: those decisions without a blind reviewer, or once they accepted or rejected the
    /// trajectory; until then their own (`turn_current`), so that no other reviewer's mask or correction
    /// sways theirs.
    static func turnsRead(by blindReviewer: String?, rowID: Int64, decided: [TurnLabel], db: Database) throws
        -> [TurnLabel]
    {
        guard let reviewer = blindReviewer,
            try
                !(Bool.fetchOne(
                    db,
                    sql: """
                        SELECT EXISTS (SELECT 1 FROM reviewer_current
                                       WHERE trajectory_id = ? AND reviewer = ? AND status <> 'pending')
                        """, arguments: [rowID, reviewer]) ?? false)
        else { return decided }
        return try Row.fetchAll(
            db,
            sql: "SELECT turn, train, text FROM turn_current WHERE trajectory_id = ? AND reviewer = ? ORDER BY turn",
            arguments: [rowID, reviewer]
        ).map { row in
            try row.reading { row in
                TurnLabel(
                    turn: try row.stored(Column("turn")), train: try row.stored(Column("train")),
                    text: try row.stored(Column("text")))
            }
        }
    }

    /// `reviewer`'s own mask on each turn of trajectory `id` they set one on, by message index.
    public func reviewerTraining(of id: String, reviewer: String) throws -> [Int: TurnTraining] {
        try writer.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT turn, train FROM turn_current WHERE trajectory_id = ? AND reviewer = ? AND train IS NOT NULL
                    """, arguments: [try Self.rowID(of: id, db: db), reviewer])
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
            db, sql: "SELECT turn, train, text FROM turn_label WHERE trajectory_id = ? ORDER BY turn",
            arguments: [rowID]
        ).map { row in
            try row.reading { row in
                TurnLabel(
                    turn: try row.stored(Column("turn")), train: try row.stored(Column("train")),
                    text: try row.stored(Column("text")))
            }
        }
    }

    /// The row id of trajectory `id` and the imported text of its agent message `turn`.
    private static func agentTurn(_ turn: Int, of id: String, db: Database) throws -> (Int64, String) {
        let rowID = try rowID(of: id, db: db)
        guard
            let text = try String.fetchOne(
                db, sql: "SELECT text FROM message WHERE trajectory_id = ? AND idx = ? AND role = 'agent'",
                arguments: [rowID, turn])
        else { throw StoreError.notAnAgentTurn(trajectory: id, turn: turn) }
        return (rowID, text)
    }

    /// `reviewer`'s current mask and correction of one turn (both nil when they have none).
    private static func reviewerTurn(rowID: Int64, turn: Int, reviewer: String, db: Database) throws
        -> (train: Bool?, text: String?)
    {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT train, text FROM turn_current WHERE trajectory_id = ? AND turn = ? AND reviewer = ?",
                arguments: [rowID, turn, reviewer])
        else { return (nil, nil) }
        return try row.reading { row in (try row.stored(Column("train")), try row.stored(Column("text"))) }
    }

    /// Writes one turn event, `reviewer`'s whole state of the turn after the change, as a batch of its own.
    private static func writeTurn(
        rowID: Int64, turn: Int, train: Bool?, text: String?, change: String, reviewer: String, origin: String,
        db: Database
    ) throws -> LabelBatch {
        let at = Timestamp.now()
        let batch = try insertBatch(
            kind: .label, reverts: nil, change: change, reviewer: reviewer, origin: origin, at: at, db: db)
        try db.execute(
            sql: """
                INSERT INTO turn_event (trajectory_id, turn, reviewer, at, kind, reverts, train, text, origin, batch)
                VALUES (?, ?, ?, ?, 'label', NULL, ?, ?, ?, ?)
                """, arguments: [rowID, turn, reviewer, at, train, text, origin, batch])
        try updateCurrentTurns(batch: batch, db: db)
        return try Self.batch(id: batch, db: db)
    }

    /// Trajectory `rowID` with every text whole, as imported, and the dialect it was parsed in; nil when
    /// there is no such row.
    static func wholeTrajectory(rowID: Int64, db: Database) throws -> (Trajectory, Dialect)? {
        guard
            let record = try Row.fetchOne(
                db,
                sql: "\(TrajectoryRecord.select) WHERE id = ?", arguments: [rowID]
            )?.record(TrajectoryRecord.self)
        else { return nil }
        let messages = try Row.fetchAll(
            db, sql: "SELECT \(MessageRecord.selection) FROM message WHERE trajectory_id = ? ORDER BY idx",
            arguments: [rowID]
        ).map { try $0.record(MessageRecord.self, of: record.id).message }
        return (record.trajectory(messages: messages), record.dialect)
    }

    /// Makes `turn_current` show the turn events of `batch` as their reviewers' masks and corrections.
    static func updateCurrentTurns(batch: Int64, db: Database) throws {
        for statement in TurnSQL.currentUpdates { try db.execute(sql: statement, arguments: [batch]) }
    }

    /// Appends, to undo or redo batch `batch`, the turn events that take back (`undo`) or bring back
    /// (`redo`) the turn events of batch `target`, updates the reviewers' current turns, and parses the
    /// trajectories again when the target changed a text.
    static func revertTurns(
        _ kind: LabelEvent.Kind, target: Int64, batch: Int64, at: String, origin: String, db: Database
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO turn_event (trajectory_id, turn, reviewer, at, kind, reverts, train, text, origin, batch)
                SELECT r.trajectory_id, r.turn, r.reviewer, ?, ?, r.id, r.train, r.text, ?, ?
                FROM (\(kind == .undo ? TurnSQL.masksBeforeBatch : TurnSQL.masksOfBatch)) r
                ORDER BY r.trajectory_id, r.turn, r.reviewer
                """, arguments: [at, kind.rawValue, origin, batch, target])
        try updateCurrentTurns(batch: batch, db: db)
        guard TurnLabel.changesText(try change(ofBatch: target, db: db)) else { return }
        for rowID in try Int64.fetchAll(
            db, sql: "SELECT DISTINCT trajectory_id FROM turn_event WHERE batch = ? ORDER BY 1", arguments: [batch])
        {
            try reparse(rowID: rowID, db: db)
        }
    }

    /// Parses trajectory `rowID` again from its texts as the reviewers corrected them, as the importer
    /// parsed it (same dialect, outcome flags): its steps, step count and flags are replaced.
    static func reparse(rowID: Int64, db: Database) throws {
        guard let (trajectory, dialect) = try wholeTrajectory(rowID: rowID, db: db) else { return }
        try write(
            CorrectedParse(trajectory, dialect: dialect, labels: try turnLabels(rowID: rowID, db: db)),
            rowID: rowID, db: db)
    }

    /// Writes `parsed` as trajectory `rowID`'s steps, step count and flags.
    static func write(_ parsed: CorrectedParse, rowID: Int64, db: Database) throws {
        try db.execute(
            sql: "UPDATE trajectory SET steps = ?, step_count = ?, flags = ? WHERE id = ?",
            arguments: [parsed.steps, parsed.stepCount, parsed.flagsColumn, rowID])
        try db.execute(sql: "DELETE FROM trajectory_flag WHERE trajectory_id = ?", arguments: [rowID])
        for flag in parsed.flags {
            try db.execute(
                sql: "INSERT INTO trajectory_flag (trajectory_id, flag) VALUES (?, ?)",
                arguments: [rowID, flag.rawValue])
        }
    }
}
