import GRDB
import TroveCore

// MARK: - Writing labels

extension Store {
    /// Applies `change` to each trajectory and records one event per
    /// trajectory, all in one transaction: either every event is stored, or
    /// none is.
    ///
    /// A change that leaves a label as it was still records an event, so the
    /// history shows that someone looked (a skip, a re-accept).
    ///
    /// - returns: The stored events, in the order of `ids`.
    /// - throws: ``LabelChangeError`` for a bad reward or tag,
    ///   ``StoreError/unknownTrajectory(_:)`` (nothing is stored then),
    ///   ``StoreError/readOnly(path:)``.
    @discardableResult
    public func applyLabel(_ change: LabelChange, to ids: [String], reviewer: String, origin: String) throws
        -> [LabelEvent]
    {
        try requireWritable()
        try change.validate()
        return try writer.write { db in
            let at = Timestamp.now()
            return try ids.map { id in
                let rowID = try Self.rowID(of: id, db: db)
                let label = change.applied(to: try Self.currentLabel(rowID: rowID, db: db))
                return try Self.appendEvent(
                    rowID: rowID, externalID: id, label: label, kind: .label, reverts: nil, reviewer: reviewer,
                    origin: origin, at: at, db: db)
            }
        }
    }

    /// Undoes `reviewer`'s most recent change that is not undone yet, across
    /// the whole history of the store (not only this session), by appending an
    /// `undo` event that restores the label from before it.
    ///
    /// - returns: The undo event, or `nil` when there is nothing to undo.
    @discardableResult
    public func undo(reviewer: String, origin: String) throws -> LabelEvent? {
        try requireWritable()
        return try writer.write { db in
            let stacks = try Self.undoStacks(reviewer: reviewer, db: db)
            guard let target = stacks.undoable.last else { return nil }
            let event = try Self.event(id: target, db: db)
            let rowID = try Self.rowID(of: event.trajectoryID, db: db)
            let previous =
                try Row.fetchOne(
                    db,
                    sql: """
                        SELECT status, reward, reward_reason, tags, note FROM label_event
                        WHERE trajectory_id = ? AND id < ? ORDER BY id DESC LIMIT 1
                        """, arguments: [rowID, target]
                )?.record(LabelRecord.self, of: event.trajectoryID).label ?? .unreviewed
            return try Self.appendEvent(
                rowID: rowID, externalID: event.trajectoryID, label: previous, kind: .undo, reverts: target,
                reviewer: reviewer, origin: origin, at: Timestamp.now(), db: db)
        }
    }

    /// Re-applies `reviewer`'s most recently undone change, if no new change
    /// was made since.
    ///
    /// - returns: The redo event, or `nil` when there is nothing to redo.
    @discardableResult
    public func redo(reviewer: String, origin: String) throws -> LabelEvent? {
        try requireWritable()
        return try writer.write { db in
            let stacks = try Self.undoStacks(reviewer: reviewer, db: db)
            guard let target = stacks.redoable.last else { return nil }
            let event = try Self.event(id: target, db: db)
            let rowID = try Self.rowID(of: event.trajectoryID, db: db)
            return try Self.appendEvent(
                rowID: rowID, externalID: event.trajectoryID, label: event.label, kind: .redo, reverts: target,
                reviewer: reviewer, origin: origin, at: Timestamp.now(), db: db)
        }
    }
}

// MARK: - Reading labels

extension Store {
    /// The current label of a trajectory (``ReviewLabel/unreviewed`` when it has none).
    public func currentLabel(of id: String) throws -> ReviewLabel {
        try writer.read { db in try Self.currentLabel(rowID: try Self.rowID(of: id, db: db), db: db) }
    }

    /// Every label event of a trajectory, oldest first.
    public func labelHistory(of id: String) throws -> [LabelEvent] {
        try writer.read { db in
            let rowID = try Self.rowID(of: id, db: db)
            return try Row.fetchAll(
                db, sql: "\(Self.eventSelect) WHERE e.trajectory_id = ? ORDER BY e.id", arguments: [rowID]
            ).map { try $0.record(LabelEventRecord.self, of: id).event }
        }
    }
}

// MARK: - Helpers

extension Store {
    static let eventSelect = """
        SELECT \(LabelEventRecord.selection) FROM label_event e JOIN trajectory t ON t.id = e.trajectory_id
        """

    static func rowID(of id: String, db: Database) throws -> Int64 {
        guard
            let rowID = try Int64.fetchOne(db, sql: "SELECT id FROM trajectory WHERE external_id = ?", arguments: [id])
        else { throw StoreError.unknownTrajectory(id) }
        return rowID
    }

    static func currentLabel(rowID: Int64, db: Database) throws -> ReviewLabel {
        try Row.fetchOne(
            db,
            sql: """
                SELECT trajectory_id, status, reward, reward_reason, tags, note FROM label_current
                WHERE trajectory_id = ?
                """, arguments: [rowID]
        )?.record(LabelRecord.self).label ?? .unreviewed
    }

    static func decodeTags(_ json: String) -> [String] {
        (try? JSONParser.parse(Array(json.utf8)))?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    static func event(id: Int64, db: Database) throws -> LabelEvent {
        guard let row = try Row.fetchOne(db, sql: "\(eventSelect) WHERE e.id = ?", arguments: [id]) else {
            throw StoreError.unknownEvent(id)
        }
        return try row.record(LabelEventRecord.self).event
    }

    static func appendEvent(
        rowID: Int64, externalID: String, label: ReviewLabel, kind: LabelEvent.Kind, reverts: Int64?,
        reviewer: String, origin: String, at: String, db: Database
    ) throws -> LabelEvent {
        let tags = JSONWriter.string(.array(label.tags.map { .string($0) }))
        try db.execute(
            sql: """
                INSERT INTO label_event (trajectory_id, reviewer, at, kind, reverts, status, reward, reward_reason,
                    tags, note, origin)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                rowID, reviewer, at, kind.rawValue, reverts, label.status.rawValue, label.reward, label.rewardReason,
                tags, label.note, origin,
            ])
        return LabelEvent(
            id: db.lastInsertedRowID, trajectoryID: externalID, reviewer: reviewer, at: at, kind: kind,
            reverts: reverts, label: label, origin: origin)
    }

    /// Replays `reviewer`'s events to find what undo and redo would act on:
    /// a label event pushes onto the undo stack and clears the redo stack, an
    /// undo moves its target to the redo stack, a redo moves it back.
    static func undoStacks(reviewer: String, db: Database) throws -> (undoable: [Int64], redoable: [Int64]) {
        var undoable: [Int64] = []
        var redoable: [Int64] = []
        let rows = try Row.fetchCursor(
            db, sql: "SELECT id, trajectory_id, kind, reverts FROM label_event WHERE reviewer = ? ORDER BY id",
            arguments: [reviewer])
        while let row = try rows.next() {
            try row.reading { row in
                let id: Int64 = try row.stored(Column("id"))
                let kind: String = try row.stored(Column("kind"))
                switch LabelEvent.Kind(rawValue: kind) {
                case .label?:
                    undoable.append(id)
                    redoable.removeAll()
                case .undo?:
                    let target: Int64 = try row.stored(Column("reverts"))
                    undoable.removeAll { $0 == target }
                    redoable.append(target)
                case .redo?:
                    let target: Int64 = try row.stored(Column("reverts"))
                    redoable.removeAll { $0 == target }
                    undoable.append(target)
                case nil: break
                }
            }
        }
        return (undoable, redoable)
    }
}
