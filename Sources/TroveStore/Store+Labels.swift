import GRDB
import TroveCore

// MARK: - Writing labels

extension Store {
    /// Applies `change` to `reviewer`'s own label on each trajectory, all in one transaction and as one
    /// ``LabelBatch``: either every event is stored, or none is. Other reviewers' labels stay as they
    /// are; each trajectory's decision is derived again under the team policy.
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
        return try writeLabels { db in
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
                let batch = try Self.settingTriggerAside(
                    ids.count >= Self.bulkEvents, db: db,
                    {
                        try Self.writeBatch(
                            change, targets: targets, arguments: [list], reviewer: reviewer, origin: origin, db: db)
                    })
            else { return [] }
            return try Row.fetchAll(
                db, sql: "\(Self.eventSelect) WHERE e.batch = ? ORDER BY e.trajectory_id", arguments: [batch]
            ).map(Self.event(from:))
        }
    }

    /// Applies `change` to `reviewer`'s own label on every trajectory matching `filter` (which tests the
    /// decisions) as one ``LabelBatch``, in one transaction and a few set-based statements (a million
    /// trajectories take seconds, not minutes).
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
        return try writeLabels { db in
            let (targets, arguments) = try Self.targets(matching: filter, db: db)
            return try Self.settingTriggerAside(true, db: db) {
                try Self.writeBatch(
                    change, targets: targets, arguments: arguments, reviewer: reviewer, origin: origin, db: db)
            }
            .map { try Self.batch(id: $0, db: db) }
        }
    }

    /// What ``applyLabel(_:matching:reviewer:origin:)`` would change, writing nothing: how many
    /// trajectories, and the first `limit` of their ids in import order.
    public func previewLabel(_ change: LabelChange, matching filter: Filter, reviewer: String, limit: Int) throws
        -> (count: Int, firstIDs: [String])
    {
        try change.validate()
        return try writer.read { db in
            let (targets, targetArguments) = try Self.targets(matching: filter, db: db)
            let (changed, arguments) = change.changedLabels(
                targets: targets, arguments: targetArguments, reviewer: reviewer)
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
    /// reviewer's own label from before it (another reviewer's labels are not touched).
    ///
    /// - returns: The undo batch, or `nil` when there is nothing to undo.
    @discardableResult
    public func undo(reviewer: String, origin: String) throws -> LabelBatch? {
        try revert(.undo, reviewer: reviewer, origin: origin)
    }

    /// Re-applies `reviewer`'s most recently undone batch, if no new change
    /// was made since.
    ///
    /// - returns: The redo batch, or `nil` when there is nothing to redo.
    @discardableResult
    public func redo(reviewer: String, origin: String) throws -> LabelBatch? {
        try revert(.redo, reviewer: reviewer, origin: origin)
    }

    /// For each event of one batch (arguments: the batch, then its first and last event ids, as
    /// ``eventRange(ofBatch:db:)`` gives them), its reviewer's label from before it: what an undo writes.
    /// Selects `trajectory_id, reviewer, id, status, reward, reward_reason, tags, note`.
    ///
    /// Implementation note: the previous label is looked up through the trajectory's events
    /// (`+q.reviewer` keeps SQLite off the reviewer index, which walks every earlier event of the
    /// reviewer per trajectory: an undo of 1,500 took a second, of a million it would not end).
    /// A reviewer whose label a replaced record's import reset after the batch gets that label pending
    /// (``ImportResetSQL``): their decision named the old bytes.
    static let labelsBeforeBatch = """
        SELECT e.trajectory_id, e.reviewer, e.id,
               CASE WHEN \(ImportResetSQL.replaced(after: "e")) THEN 'pending'
                    ELSE COALESCE(p.status, 'pending') END AS status, p.reward,
               p.reward_reason, COALESCE(p.tags, '[]') AS tags, p.note
        FROM label_event e LEFT JOIN label_event p ON p.id = (
            SELECT max(q.id) FROM label_event q
            WHERE q.trajectory_id = e.trajectory_id AND +q.reviewer = e.reviewer AND q.id < e.id)
        WHERE +e.batch = ? AND e.id BETWEEN ? AND ?
        """

    /// The first and last ids of `batch`'s events (0 and -1 when it has none), from `label_event_by_batch`
    /// alone: the batch's events are then read by their row id range (each batch writes its events with
    /// one statement), without a table lookup per index entry.
    static func eventRange(ofBatch batch: Int64, db: Database) throws -> (first: Int64, last: Int64) {
        let row = try Row.fetchOne(
            db, sql: "SELECT min(id) AS first, max(id) AS last FROM label_event WHERE batch = ?", arguments: [batch])
        return (row?["first"] ?? 0, row?["last"] ?? -1)
    }

    /// The reviewer whose first labels on their trajectories every event of `batch` (its event ids
    /// `first` to `last`) is, nil when some event is not: then the labels an undo restores are not all
    /// empty.
    ///
    /// Implementation note: two probes of `label_event_by_reviewer` (the batch's reviewer has no event
    /// before it, and the batch's events are all theirs: 0.1 s for a million) instead of one per event
    /// of the batch for its reviewer's label before it (3.0 s for a million).
    static func reviewerOfFirstLabels(batch: Int64, first: Int64, last: Int64, db: Database) throws -> String? {
        guard first <= last,
            let reviewer = try String.fetchOne(
                db, sql: "SELECT reviewer FROM label_batch WHERE id = ?", arguments: [batch]),
            try Bool.fetchOne(
                db, sql: "SELECT NOT EXISTS (SELECT 1 FROM label_event WHERE reviewer = ? AND id < ?)",
                arguments: [reviewer, first]) == true,
            try Int64.fetchOne(
                db, sql: "SELECT count(*) FROM label_event WHERE reviewer = ? AND id BETWEEN ? AND ?",
                arguments: [reviewer, first, last]) == last - first + 1
        else { return nil }
        return reviewer
    }

    /// Appends an undo or redo batch for the batch `reviewer`'s stacks name: an undo writes, for each
    /// event of the target, its reviewer's label from before it; a redo writes the target's labels again.
    private func revert(_ kind: LabelEvent.Kind, reviewer: String, origin: String) throws -> LabelBatch? {
        try requireWritable()
        return try writeLabels { db in
            let stacks = try Self.undoStacks(reviewer: reviewer, db: db)
            guard let target = kind == .undo ? stacks.undoable.last : stacks.redoable.last else { return nil }
            let at = Timestamp.now()
            let id = try Self.insertBatch(
                kind: kind, reverts: target, change: try Self.change(ofBatch: target, db: db), reviewer: reviewer,
                origin: origin, at: at, db: db)
            let before = try Self.lastEventID(db: db)
            let (first, last) = try Self.eventRange(ofBatch: target, db: db)
            let firstLabelsOf =
                kind == .undo ? try Self.reviewerOfFirstLabels(batch: target, first: first, last: last, db: db) : nil
            let labels =
                switch (kind, firstLabelsOf) {
                case (.undo, nil): Self.labelsBeforeBatch
                case (.undo, _):
                    """
                    SELECT e.trajectory_id, e.reviewer, e.id, 'pending' AS status, NULL AS reward,
                           NULL AS reward_reason, '[]' AS tags, NULL AS note
                    FROM label_event e WHERE +e.batch = ? AND e.id BETWEEN ? AND ?
                    """
                default:
                    """
                    SELECT e.trajectory_id, e.reviewer, e.id,
                           CASE WHEN \(ImportResetSQL.replaced(after: "e")) THEN 'pending' ELSE e.status END AS status,
                           e.reward, e.reward_reason, e.tags, e.note
                    FROM label_event e WHERE +e.batch = ? AND e.id BETWEEN ? AND ?
                    """
                }
            // The target's events are written by one statement: their id range is their number.
            try Self.settingTriggerAside(last - first + 1 >= Self.bulkEvents, db: db) {
                // The target's events are in `(trajectory_id, reviewer)` order by id, as every batch writes
                // them: ordering by id needs no sort of a million rows.
                try db.execute(
                    sql: """
                        INSERT INTO label_event (trajectory_id, reviewer, at, kind, reverts, status, reward,
                            reward_reason, tags, note, origin, batch)
                        SELECT r.trajectory_id, r.reviewer, ?, ?, r.id, r.status, r.reward, r.reward_reason, r.tags,
                               r.note, ?, ?
                        FROM (\(labels)) r ORDER BY r.id
                        """, arguments: [at, kind.rawValue, origin, id, target, first, last])
                try Self.updateCurrentLabels(
                    batch: id, eventsAfter: before, soleReviewer: nil, emptiedLabelsOf: firstLabelsOf, db: db)
            }
            try Self.revertTurns(kind, target: target, batch: id, at: at, origin: origin, db: db)
            return try Self.batch(id: id, db: db)
        }
    }
}

// MARK: - Reading labels

extension Store {
    /// The decision on a trajectory, as a label: the status the team policy derives (possibly
    /// ``LabelStatus/disputed``), the policy's reward, every reviewer's tags, and the deciding or latest
    /// label's note (``ReviewLabel/unreviewed`` when no reviewer has labeled it).
    public func currentLabel(of id: String) throws -> ReviewLabel {
        try writer.read { db in try Self.currentLabel(rowID: try Self.rowID(of: id, db: db), db: db) }
    }

    /// `reviewer`'s own current label on a trajectory (``ReviewLabel/unreviewed`` when they have none).
    public func currentLabel(of id: String, reviewer: String) throws -> ReviewLabel {
        try writer.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT status, reward, reward_reason, tags, note FROM reviewer_current
                    WHERE trajectory_id = ? AND reviewer = ?
                    """, arguments: [try Self.rowID(of: id, db: db), reviewer]
            )?.record(LabelRecord.self, of: id).label ?? .unreviewed
        }
    }

    /// Every reviewer's current label on a trajectory, by reviewer name.
    public func reviewerLabels(of id: String) throws -> [ReviewerLabel] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT reviewer, status, review_reward AS reward, reward_reason, tags, note, reviewed_at,
                           is_adjudicator
                    FROM reviewer_label WHERE trajectory_id = ? ORDER BY reviewer
                    """, arguments: [try Self.rowID(of: id, db: db)]
            ).map { row in
                try row.reading(of: id) { row in
                    ReviewerLabel(
                        reviewer: try row.stored(Column("reviewer")), label: try LabelRecord(row: row).label,
                        at: try row.stored(Column("reviewed_at")),
                        isAdjudicator: try row.stored(Column("is_adjudicator")))
                }
            }
        }
    }

    /// Every label event of a trajectory, with the events of its turns (``LabelEvent/turn``), oldest first.
    public func labelHistory(of id: String) throws -> [LabelEvent] {
        try writer.read { db in
            let rowID = try Self.rowID(of: id, db: db)
            let labels = try Row.fetchAll(
                db, sql: "\(Self.eventSelect) WHERE e.trajectory_id = ? ORDER BY e.id", arguments: [rowID]
            ).map { try $0.record(LabelEventRecord.self, of: id).event }
            let turns = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, reviewer, at, kind, reverts, turn, train, text IS NOT NULL AS corrected, origin, batch
                    FROM turn_event WHERE trajectory_id = ? ORDER BY id
                    """, arguments: [rowID]
            ).map { row in
                try row.reading(of: id) { row in
                    let kind: String = try row.stored(Column("kind"))
                    return LabelEvent(
                        id: try row.stored(Column("id")), trajectoryID: id,
                        reviewer: try row.stored(Column("reviewer")),
                        at: try row.stored(Column("at")), kind: LabelEvent.Kind(rawValue: kind) ?? .label,
                        reverts: try row.stored(Column("reverts")), label: .unreviewed,
                        origin: try row.stored(Column("origin")), batch: try row.stored(Column("batch")),
                        turn: LabelEvent.TurnState(
                            turn: try row.stored(Column("turn")),
                            training: TurnTraining(trains: try row.stored(Column("train"))),
                            isCorrected: try row.stored(Column("corrected"))))
                }
            }
            guard !turns.isEmpty else { return labels }
            // Batches are numbered in time order: they interleave the two kinds of event as they happened.
            return (labels + turns).sorted { ($0.batch ?? 0, $0.at) < ($1.batch ?? 0, $1.at) }
        }
    }
}

// MARK: - Helpers

extension Store {
    static let eventSelect = """
        SELECT \(LabelEventRecord.selection) FROM label_event e JOIN trajectory t ON t.id = e.trajectory_id
        """

    /// The row ids of the trajectories matching `filter`, as a query and its arguments.
    static func targets(matching filter: Filter, db: Database) throws -> (sql: String, arguments: StatementArguments) {
        let (condition, arguments) = try filter.sqlCondition(in: db)
        return (
            "SELECT t.id FROM trajectory t LEFT JOIN label_current l ON l.trajectory_id = t.id WHERE \(condition)",
            arguments
        )
    }

    /// Writes `change` to the trajectories `targets` selects as one new batch, in one statement.
    ///
    /// - returns: The batch's id, or nil when the change altered no label (no batch is left then).
    /// - parameter why: the batch's `change` text when it is not the change's own summary (a change trove
    ///   makes itself says why).
    static func writeBatch(
        _ change: LabelChange, targets: String, arguments targetArguments: StatementArguments, reviewer: String,
        origin: String, why: String? = nil, db: Database
    ) throws -> Int64? {
        let at = Timestamp.now()
        let id = try insertBatch(
            kind: .label, reverts: nil, change: why ?? change.summary, reviewer: reviewer, origin: origin, at: at,
            db: db)
        let (changed, changedArguments) = change.changedLabels(
            targets: targets, arguments: targetArguments, reviewer: reviewer)
        let before = try lastEventID(db: db)
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
        try updateCurrentLabels(
            batch: id, eventsAfter: before, soleReviewer: reviewer, mayEmptyLabels: !change.leavesNonEmptyLabels,
            db: db)
        return id
    }

    /// Runs `body` in one immediate transaction with SQLite's foreign key and CHECK constraints off,
    /// committing before it returns: for label writes, every row of which takes its trajectory, event and
    /// batch ids from rows the same transaction reads or writes, and its values from a validated
    /// ``LabelChange`` or from rows already stored.
    ///
    /// Implementation note: checking a row's `trajectory_id` reads the trajectory's table row, whose page
    /// holds its record; a bulk label of a million trajectories read the 10 GB table once for each of
    /// the event, the reviewer's label and the decision. The CHECK constraints of `label_event` (its tags
    /// parsed as JSON twice per row) took 1.6 s of the 4.9 s that a million events cost
    /// (`Database.withConstraintChecksOff(_:)`).
    func writeLabels<Value>(_ body: (Database) throws -> Value) throws -> Value {
        try writer.writeWithoutTransaction { db in
            try db.withConstraintChecksOff {
                try db.beginTransaction(.immediate)
                do {
                    let value = try body(db)
                    try db.commit()
                    return value
                } catch {
                    try? db.rollback()
                    throw error
                }
            }
        }
    }

    /// The number of events from which a label write sets the `label_event_current` trigger aside.
    static let bulkEvents = 10_000

    /// Runs `body` inside a label transaction, with the `label_event_current` trigger set aside when
    /// `bulk`: dropped, then created again from its own SQL before `body` returns, as `trove copy` sets
    /// triggers aside. The trigger makes an event written without a batch (by SQL from outside trove)
    /// its reviewer's label; trove's events all have a batch, yet SQLite runs the trigger's program for
    /// each row to test its `WHEN` (1.5–1.9 s → 1.2–1.3 s for a million events). No other connection
    /// ever sees the store without it.
    ///
    /// Implementation note: dropping and creating a trigger changes the schema, which makes every other
    /// connection (the review UI's readers, other reviewers' processes) read the schema again and
    /// prepare its statements again; a label of a few trajectories, one key press in the review UI,
    /// gains nothing from it, so only writes of ``bulkEvents`` or more set it aside.
    static func settingTriggerAside<Value>(_ bulk: Bool, db: Database, _ body: () throws -> Value) throws -> Value {
        guard bulk,
            let trigger = try String.fetchOne(
                db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'label_event_current'")
        else { return try body() }
        try db.execute(sql: "DROP TRIGGER label_event_current")
        let value = try body()
        try db.execute(sql: trigger)
        return value
    }

    /// Makes `reviewer_current` show the events of `batch` (at most one per trajectory and reviewer) as
    /// their reviewers' labels, then derives the decisions of the trajectories it touched.
    ///
    /// Implementation note: the batch's trajectories are copied once into a temporary table keyed by row
    /// id, which each statement's `IN` reads as it is; a subquery on `label_event` made SQLite build an
    /// index of a million ids for each of four statements. When no reviewer label was emptied, no
    /// decision can have lost its last label, and the statement that looks for those is skipped. When no
    /// trajectory of the batch has labels of two reviewers, each decision is its one label
    /// (``TeamPolicySQL/soleLabelDecisions(of:)``), without the aggregate over every label, which took
    /// 2.6 s of the 4.7 s the decisions of a million first labels cost.
    ///
    /// - parameter eventsAfter: an event id below every event of the batch (``lastEventID(db:)`` before
    ///   its events were written).
    /// - parameter soleReviewer: the reviewer every event of the batch belongs to, nil when there may be
    ///   several: then each trajectory's labels are probed for a second one.
    /// - parameter mayEmptyLabels: whether an event of the batch may be an empty label; when not (a
    ///   change that leaves a verdict, a reward override or a note), the statement that looks for
    ///   empty labels, a second read of every event of the batch, is left out.
    /// - parameter emptiedLabelsOf: the reviewer every event of the batch belongs to when each is an
    ///   empty label (the undo of their first labels): their labels on the batch's trajectories are
    ///   deleted, which is what writing the empty labels and then removing them leaves (0.9 s for a
    ///   million, against 1.1 s and 1.9 s).
    static func updateCurrentLabels(
        batch: Int64, eventsAfter: Int64, soleReviewer: String?, mayEmptyLabels: Bool = true,
        emptiedLabelsOf: String? = nil, db: Database
    ) throws {
        try db.execute(
            sql: """
                DROP TABLE IF EXISTS temp.batch_trajectory;
                CREATE TEMP TABLE batch_trajectory (id INTEGER PRIMARY KEY);
                """)
        try db.execute(
            sql: "INSERT OR IGNORE INTO temp.batch_trajectory (id) \(StoreSchema.batchEvents("trajectory_id"))",
            arguments: [batch, eventsAfter])
        var labelsRemoved = false
        if let emptiedLabelsOf {
            try db.execute(
                sql:
                    "DELETE FROM reviewer_current WHERE reviewer = ? AND trajectory_id IN (SELECT id FROM temp.batch_trajectory)",
                arguments: [emptiedLabelsOf])
            labelsRemoved = db.changesCount > 0
        } else {
            try db.execute(sql: StoreSchema.reviewerLabelUpsert, arguments: [batch, eventsAfter])
        }
        if mayEmptyLabels && emptiedLabelsOf == nil {
            try db.execute(sql: StoreSchema.emptyReviewerLabelRemoval, arguments: [batch, eventsAfter])
            labelsRemoved = db.changesCount > 0
        }
        let targets = "SELECT id FROM temp.batch_trajectory"
        var soleLabels = false
        if let soleReviewer {
            // `+` keeps SQLite on the reviewer index: a probe of the batch per other reviewer's label, not a
            // probe of every label per trajectory of the batch.
            soleLabels =
                try Bool.fetchOne(
                    db,
                    sql: """
                        SELECT NOT EXISTS (SELECT 1 FROM reviewer_current r WHERE r.reviewer < ? AND +r.trajectory_id IN (\(targets)))
                           AND NOT EXISTS (SELECT 1 FROM reviewer_current r WHERE r.reviewer > ? AND +r.trajectory_id IN (\(targets)))
                        """, arguments: [soleReviewer, soleReviewer]) ?? false
        }
        // With one reviewer's labels on every trajectory of the batch (none emptied), another reviewer's label
        // there, found above, is a second label: only otherwise are the trajectories probed one by one.
        if !soleLabels && (soleReviewer == nil || labelsRemoved) {
            // A probe per label of the batch's trajectories; it stops at the first trajectory with two.
            soleLabels =
                try Bool.fetchOne(
                    db,
                    sql: """
                        SELECT NOT EXISTS (
                            SELECT 1 FROM reviewer_current r JOIN reviewer_current o
                                ON o.trajectory_id = r.trajectory_id AND o.reviewer > r.reviewer
                            WHERE r.trajectory_id IN (\(targets)))
                        """) ?? false
        }
        for statement in DecisionSQL.update(targets, labelsRemoved: labelsRemoved, soleLabels: soleLabels) {
            try db.execute(sql: statement)
        }
        try db.execute(sql: "DROP TABLE temp.batch_trajectory")
    }

    /// The largest `label_event` id, 0 when there is none: the bound a batch's events are read above.
    static func lastEventID(db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT COALESCE(max(id), 0) FROM label_event") ?? 0
    }

    /// Puts every reviewer's accept or reject on the trajectories `targets` selects back to pending,
    /// keeping their reward overrides, tags and notes, and takes every reviewer's turn masks and
    /// corrections off them (they named the old record's turns), as one batch by `reviewer` whose
    /// change says `why` (a replaced record's new bytes wait for review again). Each reviewer with a
    /// label or turn event on one gets a pending event in it (``ImportResetSQL``).
    ///
    /// - returns: The batch's id, or nil when no reviewer had labeled, masked or corrected any of them.
    @discardableResult
    static func resetDecisions(
        targets: String, arguments targetArguments: StatementArguments, reviewer: String, origin: String,
        why: String, db: Database
    ) throws -> Int64? {
        let at = Timestamp.now()
        let id = try insertBatch(
            kind: .label, reverts: nil, change: why, reviewer: reviewer, origin: origin, at: at, db: db)
        var arguments: StatementArguments = [at, origin, id]
        arguments += targetArguments
        let before = try lastEventID(db: db)
        // Every reviewer with a history on the record gets an event, a pending one too: the batch marks the
        // point no undo or redo of theirs crosses (``ImportResetSQL``).
        try db.execute(
            sql: """
                WITH target(id) AS (\(targets))
                INSERT INTO label_event (trajectory_id, reviewer, at, kind, reverts, status, reward, reward_reason,
                    tags, note, origin, batch)
                SELECT h.trajectory_id, h.reviewer, ?, 'label', NULL, 'pending', r.reward, r.reward_reason,
                       COALESCE(r.tags, '[]'), r.note, ?, ?
                FROM (\(ImportResetSQL.reviewersWithHistory(on: "target"))) h
                LEFT JOIN reviewer_current r ON r.trajectory_id = h.trajectory_id AND r.reviewer = h.reviewer
                ORDER BY h.trajectory_id, h.reviewer
                """, arguments: targetArguments + [at, origin, id])
        let labels = db.changesCount
        try db.execute(
            sql: """
                INSERT INTO turn_event (trajectory_id, turn, reviewer, at, kind, reverts, train, text, origin, batch)
                SELECT c.trajectory_id, c.turn, c.reviewer, ?, 'label', NULL, NULL, NULL, ?, ?
                FROM turn_current c WHERE c.trajectory_id IN (\(targets)) ORDER BY c.trajectory_id, c.turn, c.reviewer
                """, arguments: arguments)
        guard labels + db.changesCount > 0 else {
            try db.execute(sql: "DELETE FROM label_batch WHERE id = ?", arguments: [id])
            return nil
        }
        try updateCurrentLabels(batch: id, eventsAfter: before, soleReviewer: nil, db: db)
        try updateCurrentTurns(batch: id, db: db)
        return id
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
        var count = try Int.fetchOne(db, sql: "SELECT count(*) FROM label_event WHERE batch = ?", arguments: [id]) ?? 0
        let first = try Row.fetchAll(
            db, sql: "\(eventSelect) WHERE e.batch = ? ORDER BY e.trajectory_id LIMIT ?",
            arguments: [id, LabelBatch.firstEventLimit]
        ).map(event(from:))
        // A change to turns has turn events only: it counts the trajectories they are on.
        var turnsOf: String?
        if count == 0 {
            count =
                try Int.fetchOne(
                    db, sql: "SELECT count(DISTINCT trajectory_id) FROM turn_event WHERE batch = ?", arguments: [id])
                ?? 0
            turnsOf = try String.fetchOne(
                db,
                sql: """
                    SELECT t.external_id FROM turn_event e JOIN trajectory t ON t.id = e.trajectory_id
                    WHERE e.batch = ? ORDER BY e.trajectory_id LIMIT 1
                    """, arguments: [id])
        }
        return try row.reading { row in
            let kind: String = try row.stored(Column("kind"))
            return LabelBatch(
                id: id, kind: LabelEvent.Kind(rawValue: kind) ?? .label, reverts: try row.stored(Column("reverts")),
                reviewer: try row.stored(Column("reviewer")), at: try row.stored(Column("at")),
                origin: try row.stored(Column("origin")), change: try row.stored(Column("change")), count: count,
                firstEvents: first, firstTrajectoryID: first.first?.trajectoryID ?? turnsOf)
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
