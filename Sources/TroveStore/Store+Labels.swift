import GRDB
import TroveCore

// MARK: - Writing labels

extension Store {
    /// Applies `change` to each trajectory, all in one transaction and as one
    /// ``LabelBatch``: either every event is stored, or none is.
    ///
    /// A trajectory whose label the change leaves as it was gets no event
    /// (re-accepting an accepted trajectory, clearing a reward that is not set),
    /// and when that is every one of them nothing is written.
    ///
    /// - returns: The stored events, in import order.
    /// - throws: ``LabelChangeError`` for a bad reward or tag,
    ///   ``StoreError/unknownTrajectory(_:)`` (nothing is stored then),
    ///   ``StoreError/readOnly(path:)``.
    @discardableResult
    public func applyLabel(_ change: LabelChange, to ids: [String], reviewer: String, origin: String) throws
        -> [LabelEvent]
    {
        try requireWritable()
        try change.validate()
        let list = JSONWriter.string(.array(ids.map { .string($0) }))
        return try writer.write { db in
            if let unknown = try String.fetchOne(
                db,
                sql: """
                    SELECT j.value FROM json_each(?) j
                    WHERE NOT EXISTS (SELECT 1 FROM trajectory t WHERE t.external_id = j.value) LIMIT 1
                    """, arguments: [list])
            {
                throw StoreError.unknownTrajectory(unknown)
            }
            let targets = "SELECT t.id FROM trajectory t WHERE t.external_id IN (SELECT value FROM json_each(?))"
            guard
                let batch = try Self.writeBatch(
                    change, targets: targets, arguments: [list], reviewer: reviewer, origin: origin, db: db)
            else { return [] }
            return try Row.fetchAll(
                db, sql: "\(Self.eventSelect) WHERE e.batch = ? ORDER BY e.trajectory_id", arguments: [batch]
            ).map(Self.event(from:))
        }
    }

    /// Applies `change` to every trajectory matching `filter` as one ``LabelBatch``, in one transaction
    /// and a few set-based statements (a million trajectories take seconds, not minutes).
    ///
    /// - returns: The batch, or nil when the change left every matching label as it was (nothing is
    ///   written then).
    /// - throws: ``LabelChangeError`` for a bad reward or tag, ``StoreError/readOnly(path:)``.
    @discardableResult
    public func applyLabel(_ change: LabelChange, matching filter: Filter, reviewer: String, origin: String) throws
        -> LabelBatch?
    {
        try requireWritable()
        try change.validate()
        let (targets, arguments) = Self.targets(matching: filter)
        return try writer.write { db in
            try Self.writeBatch(
                change, targets: targets, arguments: arguments, reviewer: reviewer, origin: origin, db: db
            )
            .map { try Self.batch(id: $0, db: db) }
        }
    }

    /// What ``applyLabel(_:matching:reviewer:origin:)`` would change, writing nothing: how many
    /// trajectories, and the first `limit` of their ids in import order.
    public func previewLabel(_ change: LabelChange, matching filter: Filter, limit: Int) throws
        -> (count: Int, firstIDs: [String])
    {
        try change.validate()
        let (targets, targetArguments) = Self.targets(matching: filter)
        let (changed, arguments) = change.changedLabels(targets: targets, arguments: targetArguments)
        return try writer.read { db in
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(changed))", arguments: arguments) ?? 0
            var firstArguments = arguments
            firstArguments += [limit]
            let ids = try String.fetchAll(
                db,
                sql: """
                    SELECT t.external_id FROM trajectory t
                    WHERE t.id IN (SELECT trajectory_id FROM (\(changed)) ORDER BY trajectory_id LIMIT ?) ORDER BY t.id
                    """, arguments: firstArguments)
            return (count, ids)
        }
    }

    /// Undoes `reviewer`'s most recent batch that is not undone yet, across
    /// the whole history of the store (not only this session), by appending an
    /// `undo` batch that restores, for each trajectory the batch changed, the
    /// label from before it.
    ///
    /// - returns: The undo batch, or `nil` when there is nothing to undo.
    @discardableResult
    public func undo(reviewer: String, origin: String) throws -> LabelBatch? {
        try requireWritable()
        return try writer.write { db in
            guard let target = try Self.undoStacks(reviewer: reviewer, db: db).undoable.last else { return nil }
            let at = Timestamp.now()
            let id = try Self.insertBatch(
                kind: .undo, reverts: target, change: try Self.change(ofBatch: target, db: db), reviewer: reviewer,
                origin: origin, at: at, db: db)
            try db.execute(
                sql: """
                    INSERT INTO label_event (trajectory_id, reviewer, at, kind, reverts, status, reward, reward_reason,
                        tags, note, origin, batch)
                    SELECT e.trajectory_id, ?, ?, 'undo', e.id, COALESCE(p.status, 'pending'), p.reward,
                           p.reward_reason, COALESCE(p.tags, '[]'), p.note, ?, ?
                    FROM label_event e LEFT JOIN label_event p ON p.id = (
                        SELECT max(q.id) FROM label_event q WHERE q.trajectory_id = e.trajectory_id AND q.id < e.id)
                    WHERE e.batch = ? ORDER BY e.trajectory_id
                    """, arguments: [reviewer, at, origin, id, target])
            try Self.updateCurrentLabels(batch: id, db: db)
            return try Self.batch(id: id, db: db)
        }
    }

    /// Re-applies `reviewer`'s most recently undone batch, if no new change
    /// was made since.
    ///
    /// - returns: The redo batch, or `nil` when there is nothing to redo.
    @discardableResult
    public func redo(reviewer: String, origin: String) throws -> LabelBatch? {
        try requireWritable()
        return try writer.write { db in
            guard let target = try Self.undoStacks(reviewer: reviewer, db: db).redoable.last else { return nil }
            let at = Timestamp.now()
            let id = try Self.insertBatch(
                kind: .redo, reverts: target, change: try Self.change(ofBatch: target, db: db), reviewer: reviewer,
                origin: origin, at: at, db: db)
            try db.execute(
                sql: """
                    INSERT INTO label_event (trajectory_id, reviewer, at, kind, reverts, status, reward, reward_reason,
                        tags, note, origin, batch)
                    SELECT e.trajectory_id, ?, ?, 'redo', e.id, e.status, e.reward, e.reward_reason, e.tags, e.note, ?, ?
                    FROM label_event e WHERE e.batch = ? ORDER BY e.trajectory_id
                    """, arguments: [reviewer, at, origin, id, target])
            try Self.updateCurrentLabels(batch: id, db: db)
            return try Self.batch(id: id, db: db)
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

    /// The row ids of the trajectories matching `filter`, as a query and its arguments.
    static func targets(matching filter: Filter) -> (sql: String, arguments: StatementArguments) {
        let (condition, arguments) = filter.sqlCondition()
        return (
            "SELECT t.id FROM trajectory t LEFT JOIN label_current l ON l.trajectory_id = t.id WHERE \(condition)",
            arguments
        )
    }

    /// Writes `change` to the trajectories `targets` selects as one new batch, in one statement.
    ///
    /// - returns: The batch's id, or nil when the change altered no label (no batch is left then).
    static func writeBatch(
        _ change: LabelChange, targets: String, arguments targetArguments: StatementArguments, reviewer: String,
        origin: String, db: Database
    ) throws -> Int64? {
        let at = Timestamp.now()
        let id = try insertBatch(
            kind: .label, reverts: nil, change: change.summary, reviewer: reviewer, origin: origin, at: at, db: db)
        let (changed, changedArguments) = change.changedLabels(targets: targets, arguments: targetArguments)
        var arguments: StatementArguments = [reviewer, at, origin, id]
        arguments += changedArguments
        try db.execute(
            sql: """
                INSERT INTO label_event (trajectory_id, reviewer, at, kind, reverts, status, reward, reward_reason,
                    tags, note, origin, batch)
                SELECT trajectory_id, ?, ?, 'label', NULL, status, reward, reward_reason, tags, note, ?, ?
                FROM (\(changed)) ORDER BY trajectory_id
                """, arguments: arguments)
        guard db.changesCount > 0 else {
            try db.execute(sql: "DELETE FROM label_batch WHERE id = ?", arguments: [id])
            return nil
        }
        try updateCurrentLabels(batch: id, db: db)
        return id
    }

    /// Makes `label_current` and `label_tag` show the events of `batch` (at most one per trajectory),
    /// as the latest of their trajectories.
    static func updateCurrentLabels(batch: Int64, db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO label_current (trajectory_id, event_id, status, reward, reward_reason, tags, note, reviewer, at)
                SELECT trajectory_id, id, status, reward, reward_reason, tags, note, reviewer, at
                FROM label_event WHERE batch = ? ORDER BY trajectory_id
                ON CONFLICT (trajectory_id) DO UPDATE SET
                    event_id = excluded.event_id, status = excluded.status, reward = excluded.reward,
                    reward_reason = excluded.reward_reason, tags = excluded.tags, note = excluded.note,
                    reviewer = excluded.reviewer, at = excluded.at
                """, arguments: [batch])
        try db.execute(
            sql: "DELETE FROM label_tag WHERE trajectory_id IN (SELECT trajectory_id FROM label_event WHERE batch = ?)",
            arguments: [batch])
        try db.execute(
            sql: """
                INSERT INTO label_tag (trajectory_id, tag)
                SELECT DISTINCT e.trajectory_id, j.value FROM label_event e, json_each(e.tags) j WHERE e.batch = ?
                """, arguments: [batch])
    }

    static func insertBatch(
        kind: LabelEvent.Kind, reverts: Int64?, change: String, reviewer: String, origin: String, at: String,
        db: Database
    ) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO label_batch (reviewer, at, kind, reverts, change, origin) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [reviewer, at, kind.rawValue, reverts, change, origin])
        return db.lastInsertedRowID
    }

    static func change(ofBatch id: Int64, db: Database) throws -> String {
        guard let change = try String.fetchOne(db, sql: "SELECT change FROM label_batch WHERE id = ?", arguments: [id])
        else { throw StoreError.unknownEvent(id) }
        return change
    }

    /// A batch with its event count and first events.
    static func batch(id: Int64, db: Database) throws -> LabelBatch {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT kind, reverts, reviewer, at, origin, change FROM label_batch WHERE id = ?",
                arguments: [id])
        else { throw StoreError.unknownEvent(id) }
        let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM label_event WHERE batch = ?", arguments: [id]) ?? 0
        let first = try Row.fetchAll(
            db, sql: "\(eventSelect) WHERE e.batch = ? ORDER BY e.trajectory_id LIMIT ?",
            arguments: [id, LabelBatch.firstEventLimit]
        ).map(event(from:))
        return try row.reading { row in
            let kind: String = try row.stored(Column("kind"))
            return LabelBatch(
                id: id, kind: LabelEvent.Kind(rawValue: kind) ?? .label, reverts: try row.stored(Column("reverts")),
                reviewer: try row.stored(Column("reviewer")), at: try row.stored(Column("at")),
                origin: try row.stored(Column("origin")), change: try row.stored(Column("change")), count: count,
                firstEvents: first)
        }
    }

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

    static func event(from row: Row) throws -> LabelEvent {
        try row.record(LabelEventRecord.self).event
    }

    /// Replays `reviewer`'s batches to find what undo and redo would act on:
    /// a label batch pushes onto the undo stack and clears the redo stack, an
    /// undo moves its target to the redo stack, a redo moves it back.
    static func undoStacks(reviewer: String, db: Database) throws -> (undoable: [Int64], redoable: [Int64]) {
        var undoable: [Int64] = []
        var redoable: [Int64] = []
        let rows = try Row.fetchCursor(
            db, sql: "SELECT id, kind, reverts FROM label_batch WHERE reviewer = ? ORDER BY id", arguments: [reviewer])
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
