import TroveCore

/// What the review UI and `trove label` write (``LabelSink``), with the SQLite store's events, batches,
/// reviewer labels and derived decisions: each call is one transaction, committed when it returns.
///
/// Implementation note: label writes take a transaction-level advisory lock, so two reviewers labelling
/// the same trajectory at once derive its decision one after the other, each from the other's label.
extension PostgresStore: LabelSink {
    /// Applies `change` to `reviewer`'s own label on each trajectory, as one batch.
    ///
    /// - returns: The events written, in import order.
    /// - throws: ``LabelChangeError`` for a bad reward or tag, ``PostgresReviewError/unknownTrajectory(store:id:)``
    ///   (nothing is written then).
    @discardableResult
    public func applyLabel(_ change: LabelChange, to ids: [String], reviewer: String, origin: String) throws
        -> [LabelEvent]
    {
        try change.validate()
        let list = JSONWriter.string(.array(ids.map { .string($0) }))
        return try writeLabels {
            let found = try connection.execute(
                """
                SELECT x.value FROM json_array_elements_text($1::json) x(value)
                WHERE NOT EXISTS (SELECT 1 FROM trajectory t WHERE t.external_id = x.value) LIMIT 1
                """, [.text(list)])
            if found.rowCount > 0 {
                throw PostgresReviewError.unknownTrajectory(store: name, id: try found.string(0, 0) ?? "")
            }
            let targets = """
                SELECT t.id FROM trajectory t WHERE t.external_id IN (SELECT json_array_elements_text($1::json))
                """
            guard
                let batch = try writeBatch(
                    change, targets: targets, parameters: [.text(list)], reviewer: reviewer, origin: origin)
            else { return [] }
            return try events(where: "e.batch = $1", [.integer(batch)], limit: nil)
        }
    }

    /// Applies `change` to `reviewer`'s own label on every trajectory matching `filter`, as one batch.
    ///
    /// - returns: The batch, or nil when the change left every matching label as it was.
    @discardableResult
    public func applyLabel(_ change: LabelChange, matching filter: Filter, reviewer: String, origin: String) throws
        -> LabelBatch?
    {
        try change.validate()
        return try writeLabels {
            let (targets, parameters) = try targets(matching: filter)
            return try writeBatch(change, targets: targets, parameters: parameters, reviewer: reviewer, origin: origin)
                .map { try batch(id: $0) }
        }
    }

    public func previewLabel(_ change: LabelChange, matching filter: Filter, reviewer: String, limit: Int) throws
        -> (count: Int, firstIDs: [String])
    {
        try change.validate()
        return try serial.withLock {
            let (targets, parameters) = try targets(matching: filter)
            let (changed, all) = change.postgresChangedLabels(
                targets: targets, parameters: parameters, reviewer: reviewer)
            let count = try connection.execute("SELECT count(*) FROM (\(changed)) AS c", all, binary: true)
            let first = try connection.execute(
                """
                SELECT t.external_id FROM trajectory t
                WHERE t.id IN (SELECT c.trajectory_id FROM (\(changed)) AS c ORDER BY c.trajectory_id LIMIT $\(all.count + 1))
                ORDER BY t.id
                """, all + [.integer(Int64(max(limit, 0)))], binary: true)
            return (
                Int(try count.integer(0, 0) ?? 0), try (0..<first.rowCount).map { try first.string($0, 0) ?? "" }
            )
        }
    }

    /// Sets `reviewer`'s own training mask on agent turn `turn` of trajectory `id`, as one batch (a turn
    /// event) that undo and redo take back and bring back.
    ///
    /// - returns: The batch, or nil when the reviewer's mask already was `training`.
    /// - throws: ``PostgresReviewError/unknownTrajectory(store:id:)``,
    ///   ``PostgresReviewError/notAnAgentTurn(store:id:turn:)``.
    @discardableResult
    public func setTraining(_ training: TurnTraining, turn: Int, of id: String, reviewer: String, origin: String)
        throws -> LabelBatch?
    {
        try writeLabels {
            let rowID = try agentTurn(turn, of: id)
            let current = try connection.execute(
                "SELECT train, text FROM turn_current WHERE trajectory_id = $1 AND turn = $2 AND reviewer = $3",
                [.integer(rowID), .integer(turn), .text(reviewer)], binary: true)
            let train = current.rowCount > 0 ? try current.integer(0, 0).map { $0 == 1 } : nil
            guard train != training.trains else { return nil }
            let text = current.rowCount > 0 ? try current.string(0, 1) : nil
            let at = Timestamp.now()
            let batch = try insertBatch(
                kind: .label, reverts: nil, change: training.change(turn: turn), reviewer: reviewer, origin: origin,
                at: at)
            try connection.execute(
                """
                INSERT INTO turn_event (trajectory_id, turn, reviewer, at, kind, reverts, train, text, origin, batch)
                VALUES ($1, $2, $3, $4, 'label', NULL, $5, $6, $7, $8)
                """,
                [
                    .integer(rowID), .integer(turn), .text(reviewer), .text(at),
                    training.trains.map { .integer($0 ? 1 : 0) } ?? .null, .text(text), .text(origin), .integer(batch),
                ])
            try updateCurrentTurns(batch: batch)
            return try self.batch(id: batch)
        }
    }

    /// Sets `reviewer`'s own correction of agent turn `turn`'s text (nil, or the text as imported, takes
    /// it back), as one batch (a turn event) that undo and redo take back and bring back; the imported
    /// text is kept, and the trajectory's steps, step count and flags are parsed again from its texts as
    /// corrected, as on SQLite (``CorrectedParse``).
    ///
    /// Only a step's agent turn takes a correction, as on SQLite; taking one back is allowed on any.
    ///
    /// - returns: The batch, or nil when the reviewer's correction already was `text`.
    /// - throws: as ``setTraining(_:turn:of:reviewer:origin:)``;
    ///   ``PostgresReviewError/notAStepTurn(store:id:turn:kind:)`` for a context turn; ``CorrectionError``
    ///   (nothing written) for a text the store cannot keep whole.
    @discardableResult
    public func setText(_ text: String?, turn: Int, of id: String, reviewer: String, origin: String) throws
        -> LabelBatch?
    {
        if let text { try CorrectionError.check(text) }
        return try writeLabels {
            let rowID = try agentTurn(turn, of: id)
            let original = try connection.execute(
                "SELECT text, turn FROM message WHERE trajectory_id = $1 AND idx = $2",
                [.integer(rowID), .integer(turn)],
                binary: true)
            let correction = text == (try original.string(0, 0)) ? nil : text
            if correction != nil, let kind = try original.string(0, 1), kind != TurnKind.agent.rawValue {
                throw PostgresReviewError.notAStepTurn(store: name, id: id, turn: turn, kind: kind)
            }
            let current = try connection.execute(
                "SELECT train, text FROM turn_current WHERE trajectory_id = $1 AND turn = $2 AND reviewer = $3",
                [.integer(rowID), .integer(turn), .text(reviewer)], binary: true)
            let train = current.rowCount > 0 ? try current.integer(0, 0).map { $0 == 1 } : nil
            guard (current.rowCount > 0 ? try current.string(0, 1) : nil) != correction else { return nil }
            let at = Timestamp.now()
            let batch = try insertBatch(
                kind: .label, reverts: nil, change: TurnLabel.textChange(turn: turn, corrected: correction != nil),
                reviewer: reviewer, origin: origin, at: at)
            try connection.execute(
                """
                INSERT INTO turn_event (trajectory_id, turn, reviewer, at, kind, reverts, train, text, origin, batch)
                VALUES ($1, $2, $3, $4, 'label', NULL, $5, $6, $7, $8)
                """,
                [
                    .integer(rowID), .integer(turn), .text(reviewer), .text(at),
                    train.map { .integer($0 ? 1 : 0) } ?? .null,
                    correction.map { .text($0) } ?? .null, .text(origin), .integer(batch),
                ])
            try updateCurrentTurns(batch: batch)
            try reparse(rowID: rowID)
            return try self.batch(id: batch)
        }
    }

    /// Undoes `reviewer`'s latest batch not yet undone, across the store's whole history, by appending an
    /// `undo` batch that gives each trajectory it changed the reviewer's label from before it.
    @discardableResult
    public func undo(reviewer: String, origin: String) throws -> LabelBatch? {
        try revert(.undo, reviewer: reviewer, origin: origin)
    }

    /// Redoes `reviewer`'s latest undone batch, if no new change was made since.
    @discardableResult
    public func redo(reviewer: String, origin: String) throws -> LabelBatch? {
        try revert(.redo, reviewer: reviewer, origin: origin)
    }

    public func saveReviewState(_ state: ReviewSessionState, for reviewer: String) throws {
        _ = try serial.withLock {
            try connection.execute(
                """
                INSERT INTO review_state (reviewer, trajectory_external_id, filter, sort, updated_at)
                VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (reviewer) DO UPDATE SET trajectory_external_id = excluded.trajectory_external_id,
                    filter = excluded.filter, sort = excluded.sort, updated_at = excluded.updated_at
                """,
                [
                    .text(reviewer), .text(state.trajectoryID), .text(state.filter), .text(state.sort.description),
                    .text(Timestamp.now()),
                ])
        }
    }
}

// MARK: - Helpers

extension PostgresStore {
    /// The row ids of the trajectories matching `filter`, as a query and its parameters. Call with
    /// ``serial`` held.
    func targets(matching filter: Filter) throws -> (sql: String, parameters: [PostgresValue]) {
        let (condition, parameters) = try filter.postgresCondition(on: connection)
        return (
            "SELECT t.id FROM trajectory t LEFT JOIN label_current l ON l.trajectory_id = t.id WHERE \(condition)",
            parameters
        )
    }

    /// Runs `body` with ``serial`` held, in one transaction under the label writers' advisory lock.
    private func writeLabels<T>(_ body: () throws -> T) throws -> T {
        try serial.withLock {
            try connection.transaction {
                try lockLabels()
                return try body()
            }
        }
    }

    /// Takes the label writers' advisory lock until the current transaction ends, so label batches of
    /// different processes are written one after another.
    func lockLabels() throws {
        try lockUntilTransactionEnds(Self.labelsLockPrefix)
    }

    /// The label writers' advisory lock is named by this prefix and the store's schema; the trigger for
    /// events inserted by SQL (schema version 9) takes the same lock.
    static let labelsLockPrefix = "trove labels "

    /// Puts every reviewer's accept or reject on the trajectories `targets` selects back to pending,
    /// keeping their reward overrides, tags and notes, and takes every reviewer's turn masks and
    /// corrections off them (they named the old record's turns), as one batch by `reviewer` whose
    /// change says `why`: the SQLite store's `Store.resetDecisions` (each reviewer with a label or turn
    /// event on one gets a pending event, ``ImportResetSQL``). Runs in the caller's transaction, which
    /// must hold ``lockLabels()``.
    ///
    /// - returns: The batch's id, or nil when no reviewer had labeled, masked or corrected any of them.
    @discardableResult
    func resetDecisions(
        targets: String, parameters: [PostgresValue], reviewer: String, origin: String, why: String
    ) throws -> Int64? {
        let at = Timestamp.now()
        let id = try insertBatch(kind: .label, reverts: nil, change: why, reviewer: reviewer, origin: origin, at: at)
        let next = parameters.count
        let all = parameters + [.text(at), .text(origin), .integer(id)]
        // Every reviewer with a history on the record gets an event, a pending one too: the batch marks the
        // point no undo or redo of theirs crosses (``ImportResetSQL``).
        let labels = try connection.execute(
            """
            WITH target(id) AS (\(targets))
            INSERT INTO label_event (trajectory_id, reviewer, at, kind, reverts, status, reward, reward_reason,
                tags, note, origin, batch)
            SELECT h.trajectory_id, h.reviewer, $\(next + 1), 'label', NULL, 'pending', r.reward, r.reward_reason,
                   COALESCE(r.tags, '[]'), r.note, $\(next + 2), $\(next + 3)
            FROM (\(ImportResetSQL.reviewersWithHistory(on: "target"))) h
            LEFT JOIN reviewer_current r ON r.trajectory_id = h.trajectory_id AND r.reviewer = h.reviewer
            ORDER BY h.trajectory_id, h.reviewer COLLATE "C"
            """, all
        ).affectedRows
        let turns = try connection.execute(
            """
            INSERT INTO turn_event (trajectory_id, turn, reviewer, at, kind, reverts, train, text, origin, batch)
            SELECT c.trajectory_id, c.turn, c.reviewer, $\(next + 1), 'label', NULL, NULL, NULL, $\(next + 2),
                   $\(next + 3)
            FROM turn_current c WHERE c.trajectory_id IN (\(targets))
            ORDER BY c.trajectory_id, c.turn, c.reviewer COLLATE "C"
            """, all
        ).affectedRows
        guard labels + turns > 0 else {
            try connection.execute("DELETE FROM label_batch WHERE id = $1", [.integer(id)])
            return nil
        }
        try updateCurrentLabels(batch: id)
        try updateCurrentTurns(batch: id)
        return id
    }

    /// Writes `change` to the trajectories `targets` selects as one new batch, in one statement run on
    /// the server (the labels never pass through the client).
    ///
    /// - returns: The batch's id, or nil when the change altered no label (nothing is written then, not
    ///   even the batch, so that batch ids follow the SQLite store's).
    private func writeBatch(
        _ change: LabelChange, targets: String, parameters: [PostgresValue], reviewer: String, origin: String
    ) throws -> Int64? {
        let (changed, all) = change.postgresChangedLabels(targets: targets, parameters: parameters, reviewer: reviewer)
        let at = Timestamp.now()
        let next = all.count
        let written = try connection.execute(
            """
            WITH c AS MATERIALIZED (\(changed)),
            b AS (
                INSERT INTO label_batch (reviewer, at, kind, reverts, change, origin)
                SELECT $\(next + 1), $\(next + 2), 'label', NULL, $\(next + 3), $\(next + 4)
                WHERE EXISTS (SELECT 1 FROM c) RETURNING id),
            e AS (
                INSERT INTO label_event (trajectory_id, reviewer, at, kind, reverts, status, reward, reward_reason,
                    tags, note, origin, batch)
                SELECT c.trajectory_id, $\(next + 1), $\(next + 2), 'label', NULL, c.status, c.reward, c.reward_reason,
                       c.tags, c.note, $\(next + 4), b.id
                FROM c CROSS JOIN b ORDER BY c.trajectory_id)
            SELECT id FROM b
            """, all + [.text(reviewer), .text(at), .text(change.summary), .text(origin)], binary: true)
        guard written.rowCount > 0, let batch = try written.integer(0, 0) else { return nil }
        try updateCurrentLabels(batch: batch, mayEmptyLabels: !change.leavesNonEmptyLabels)
        return batch
    }

    /// Appends an undo or redo batch for the batch `reviewer`'s stacks name: an undo writes, for each
    /// event of the target, its reviewer's label from before it; a redo writes the target's labels again.
    private func revert(_ kind: LabelEvent.Kind, reviewer: String, origin: String) throws -> LabelBatch? {
        try writeLabels {
            let stacks = try undoStacks(reviewer: reviewer)
            guard let target = kind == .undo ? stacks.undoable.last : stacks.redoable.last else { return nil }
            let change = try connection.execute("SELECT change FROM label_batch WHERE id = $1", [.integer(target)])
            let at = Timestamp.now()
            let id = try insertBatch(
                kind: kind, reverts: target, change: try change.string(0, 0) ?? "", reviewer: reviewer,
                origin: origin, at: at)
            let labels =
                kind == .undo
                ? """
                SELECT e.trajectory_id, e.reviewer, e.id,
                       CASE WHEN \(ImportResetSQL.replaced(after: "e")) THEN 'pending'
                            ELSE COALESCE(p.status, 'pending') END AS status, p.reward,
                       p.reward_reason, COALESCE(p.tags, '[]') AS tags, p.note
                FROM label_event e LEFT JOIN label_event p ON p.id = (
                    SELECT max(q.id) FROM label_event q
                    WHERE q.trajectory_id = e.trajectory_id AND q.reviewer = e.reviewer AND q.id < e.id)
                WHERE e.batch = $4
                """
                : """
                SELECT e.trajectory_id, e.reviewer, e.id,
                       CASE WHEN \(ImportResetSQL.replaced(after: "e")) THEN 'pending' ELSE e.status END AS status,
                       e.reward, e.reward_reason, e.tags, e.note
                FROM label_event e WHERE e.batch = $4
                """
            try connection.execute(
                """
                INSERT INTO label_event (trajectory_id, reviewer, at, kind, reverts, status, reward, reward_reason,
                    tags, note, origin, batch)
                SELECT r.trajectory_id, r.reviewer, $1, $2, r.id, r.status, r.reward, r.reward_reason, r.tags, r.note,
                       $3, $5
                FROM (\(labels)) r ORDER BY r.trajectory_id, r.reviewer COLLATE "C"
                """, [.text(at), .text(kind.rawValue), .text(origin), .integer(target), .integer(id)])
            try updateCurrentLabels(batch: id)
            try revertTurns(kind, target: target, batch: id, at: at, origin: origin)
            return try batch(id: id)
        }
    }

    /// Appends to undo or redo batch `batch` the turn events that take back or bring back those of batch
    /// `target`, updates the reviewers' current turns, and parses the trajectories again when the target
    /// changed a text.
    private func revertTurns(_ kind: LabelEvent.Kind, target: Int64, batch: Int64, at: String, origin: String)
        throws
    {
        let masks =
            kind == .undo
            ? """
            SELECT e.trajectory_id, e.turn, e.reviewer, e.id,
                   CASE WHEN \(ImportResetSQL.replaced(after: "e")) THEN NULL ELSE p.train END AS train,
                   CASE WHEN \(ImportResetSQL.replaced(after: "e")) THEN NULL ELSE p.text END AS text
            FROM turn_event e LEFT JOIN turn_event p ON p.id = (
                SELECT max(q.id) FROM turn_event q
                WHERE q.trajectory_id = e.trajectory_id AND q.turn = e.turn AND q.reviewer = e.reviewer AND q.id < e.id)
            WHERE e.batch = $4
            """
            : """
            SELECT e.trajectory_id, e.turn, e.reviewer, e.id,
                   CASE WHEN \(ImportResetSQL.replaced(after: "e")) THEN NULL ELSE e.train END AS train,
                   CASE WHEN \(ImportResetSQL.replaced(after: "e")) THEN NULL ELSE e.text END AS text
            FROM turn_event e WHERE e.batch = $4
            """
        try connection.execute(
            """
            INSERT INTO turn_event (trajectory_id, turn, reviewer, at, kind, reverts, train, text, origin, batch)
            SELECT r.trajectory_id, r.turn, r.reviewer, $1, $2, r.id, r.train, r.text, $3, $5
            FROM (\(masks)) r ORDER BY r.trajectory_id, r.turn, r.reviewer COLLATE "C"
            """, [.text(at), .text(kind.rawValue), .text(origin), .integer(target), .integer(batch)])
        try updateCurrentTurns(batch: batch)
        let change = try connection.execute("SELECT change FROM label_batch WHERE id = $1", [.integer(target)])
        guard TurnLabel.changesText(try change.string(0, 0) ?? "") else { return }
        let touched = try connection.execute(
            "SELECT DISTINCT trajectory_id FROM turn_event WHERE batch = $1 ORDER BY 1", [.integer(batch)],
            binary: true)
        for row in 0..<touched.rowCount { try reparse(rowID: try touched.integer(row, 0) ?? 0) }
    }

    /// Parses trajectory `rowID` again from its texts as the reviewers corrected them, as the importer
    /// parsed it (``CorrectedParse``): its steps, step count and flags are replaced.
    func reparse(rowID: Int64) throws {
        guard let (trajectory, dialect) = try wholeTrajectory(rowID: rowID) else { return }
        try write(
            CorrectedParse(
                trajectory, dialect: dialect,
                labels: try PostgresExportSnapshot.turnLabels(of: rowID, connection: connection)),
            rowID: rowID)
    }

    /// Writes `parsed` as trajectory `rowID`'s steps, step count and flags. Call with ``serial`` held.
    func write(_ parsed: CorrectedParse, rowID: Int64) throws {
        try connection.execute(
            "UPDATE trajectory SET steps = $1, step_count = $2, flags = $3 WHERE id = $4",
            [.text(parsed.steps), .integer(Int64(parsed.stepCount)), .text(parsed.flagsColumn), .integer(rowID)])
        try connection.execute("DELETE FROM trajectory_flag WHERE trajectory_id = $1", [.integer(rowID)])
        try connection.execute(
            """
            INSERT INTO trajectory_flag (trajectory_id, flag)
            SELECT $1, x.flag FROM unnest($2::text[]) x(flag)
            """, [.integer(rowID), .text("{" + parsed.flags.map(\.rawValue).joined(separator: ",") + "}")])
    }

    /// Trajectory `rowID` with every text whole, as imported, and the dialect it was parsed in; nil when
    /// there is no such row. Call with ``serial`` held.
    func wholeTrajectory(rowID: Int64) throws -> (Trajectory, Dialect)? {
        let rows = try connection.execute(
            "SELECT \(PostgresExportSnapshot.trajectoryColumns), t.metadata FROM trajectory t WHERE t.id = $1",
            [.integer(rowID)], binary: true)
        guard rows.rowCount == 1 else { return nil }
        let metadata = try rows.string(0, 12).flatMap { try? JSONParser.parse(Array($0.utf8)) }?.objectValue
        let record = try PostgresExportSnapshot.trajectory(
            rows, 0, messages: try PostgresExportSnapshot.messages(of: rowID, connection: connection),
            metadata: metadata ?? JSONObject())
        return (record.trajectory, record.dialect)
    }

    /// Makes `turn_current` show the turn events of `batch`: each is its reviewer's mask and correction on
    /// its turn, and one back to as imported leaves no row.
    private func updateCurrentTurns(batch: Int64) throws {
        let parameters: [PostgresValue] = [.integer(batch)]
        try connection.execute(
            """
            INSERT INTO turn_current (trajectory_id, turn, reviewer, event_id, train, text, at)
            SELECT trajectory_id, turn, reviewer, id, train, text, at FROM turn_event
            WHERE batch = $1 AND (train IS NOT NULL OR text IS NOT NULL) ORDER BY trajectory_id, turn, reviewer
            ON CONFLICT (trajectory_id, turn, reviewer) DO UPDATE SET
                event_id = excluded.event_id, train = excluded.train, text = excluded.text, at = excluded.at
            """, parameters)
        try connection.execute(
            """
            DELETE FROM turn_current WHERE (trajectory_id, turn, reviewer) IN (
                SELECT trajectory_id, turn, reviewer FROM turn_event WHERE batch = $1 AND train IS NULL AND text IS NULL)
            """, parameters)
    }

    /// The row id of trajectory `id`, whose message `turn` must be the agent's.
    private func agentTurn(_ turn: Int, of id: String) throws -> Int64 {
        let result = try connection.execute(
            """
            SELECT t.id, EXISTS (SELECT 1 FROM message_row m WHERE m.trajectory_id = t.id AND m.idx = $2
                                 AND m.role = 'agent')::int
            FROM trajectory t WHERE t.external_id = $1
            """, [.text(id), .integer(turn)], binary: true)
        guard result.rowCount > 0, let rowID = try result.integer(0, 0) else {
            throw PostgresReviewError.unknownTrajectory(store: name, id: id)
        }
        guard try result.integer(0, 1) == 1 else {
            throw PostgresReviewError.notAnAgentTurn(store: name, id: id, turn: turn)
        }
        return rowID
    }

    /// Replays `reviewer`'s batches to find what undo and redo would act on: a label batch pushes onto
    /// the undo stack and clears the redo stack, an undo moves its target to the redo stack, a redo
    /// moves it back.
    private func undoStacks(reviewer: String) throws -> (undoable: [Int64], redoable: [Int64]) {
        var undoable: [Int64] = []
        var redoable: [Int64] = []
        let result = try connection.execute(
            "SELECT id, kind, reverts FROM label_batch WHERE reviewer = $1 ORDER BY id", [.text(reviewer)],
            binary: true)
        for row in 0..<result.rowCount {
            let id = try result.integer(row, 0) ?? 0
            let target = try result.integer(row, 2) ?? 0
            switch (try result.string(row, 1)).flatMap(LabelEvent.Kind.init(rawValue:)) {
            case .label?:
                undoable.append(id)
                redoable.removeAll()
            case .undo?:
                undoable.removeAll { $0 == target }
                redoable.append(target)
            case .redo?:
                redoable.removeAll { $0 == target }
                undoable.append(target)
            case nil: break
            }
        }
        return (undoable, redoable)
    }

    private func insertBatch(
        kind: LabelEvent.Kind, reverts: Int64?, change: String, reviewer: String, origin: String, at: String
    ) throws -> Int64 {
        let result = try connection.execute(
            """
            INSERT INTO label_batch (reviewer, at, kind, reverts, change, origin) VALUES ($1, $2, $3, $4, $5, $6)
            RETURNING id
            """,
            [
                .text(reviewer), .text(at), .text(kind.rawValue), reverts.map { .integer($0) } ?? .null, .text(change),
                .text(origin),
            ], binary: true)
        return try result.integer(0, 0) ?? 0
    }

    /// Makes `reviewer_current` show the events of `batch` as their reviewers' labels (an empty label
    /// leaves no row), then derives the decisions of the trajectories it touched.
    ///
    /// Implementation note: a batch of many events is analyzed before the statements that read it. The
    /// planner's statistics were gathered before the transaction and know none of its rows: after a bulk
    /// label had been undone, `label_current` counted as empty and the statement that removes decisions
    /// probed it through its status index once per trajectory, every probe a scan of the index (a
    /// `--where` over 100,000 was stopped after 12 minutes; analyzed, it takes seconds).
    ///
    /// - parameter mayEmptyLabels: whether an event of the batch may be an empty label; when not, the
    ///   statements that look for emptied labels and for decisions left without one are left out, as on
    ///   SQLite.
    private func updateCurrentLabels(batch: Int64, mayEmptyLabels: Bool = true) throws {
        let parameters: [PostgresValue] = [.integer(batch)]
        let events = try connection.execute(
            "SELECT count(*) FROM label_event WHERE batch = $1", parameters, binary: true)
        let analyzed = (try events.integer(0, 0) ?? 0) >= Self.analyzedBatchSize
        if analyzed { try connection.execute("ANALYZE label_event, reviewer_current, label_current") }
        try connection.execute(
            ReviewerLabelSQL.upsert(
                """
                SELECT trajectory_id, reviewer, id, status, reward, reward_reason, tags, note, at
                FROM label_event WHERE batch = $1 ORDER BY trajectory_id, reviewer
                """), parameters)
        if mayEmptyLabels {
            try connection.execute(
                ReviewerLabelSQL.emptyRemoval("SELECT trajectory_id, reviewer FROM label_event WHERE batch = $1"),
                parameters)
        }
        let statements = TeamPolicySQL(.postgres).updateDecisions(
            "SELECT trajectory_id FROM label_event WHERE batch = $1", labelsRemoved: mayEmptyLabels)
        for (index, statement) in statements.enumerated() {
            // The decisions are written by the first statement; the ones after it read them.
            if index == 1 && analyzed { try connection.execute("ANALYZE label_current") }
            try connection.execute(statement, parameters)
        }
    }

    /// The number of events from which a batch is analyzed before it is read (``updateCurrentLabels(batch:mayEmptyLabels:)``):
    /// analyzing costs tens of milliseconds, a plan from statistics that know none of the batch's rows
    /// can cost minutes.
    static let analyzedBatchSize: Int64 = 1000

    /// A batch with its event count and first events.
    private func batch(id: Int64) throws -> LabelBatch {
        let result = try connection.execute(
            """
            SELECT kind, reverts, reviewer, at, origin, change, (SELECT count(*) FROM label_event WHERE batch = $1)
            FROM label_batch WHERE id = $1
            """, [.integer(id)], binary: true)
        let first = try events(where: "e.batch = $1", [.integer(id)], limit: LabelBatch.firstEventLimit)
        var count = Int(try result.integer(0, 6) ?? 0)
        var firstTrajectoryID = first.first?.trajectoryID
        // A change to turns has turn events only: it counts the trajectories they are on.
        if count == 0 {
            let turns = try connection.execute(
                """
                SELECT (SELECT count(DISTINCT trajectory_id) FROM turn_event WHERE batch = $1),
                       (SELECT t.external_id FROM turn_event e JOIN trajectory t ON t.id = e.trajectory_id
                        WHERE e.batch = $1 ORDER BY e.trajectory_id LIMIT 1)
                """, [.integer(id)], binary: true)
            count = Int(try turns.integer(0, 0) ?? 0)
            firstTrajectoryID = try turns.string(0, 1)
        }
        return LabelBatch(
            id: id, kind: (try result.string(0, 0)).flatMap(LabelEvent.Kind.init(rawValue:)) ?? .label,
            reverts: try result.integer(0, 1), reviewer: try result.string(0, 2) ?? "",
            at: try result.string(0, 3) ?? "",
            origin: try result.string(0, 4) ?? "", change: try result.string(0, 5) ?? "",
            count: count, firstEvents: first, firstTrajectoryID: firstTrajectoryID)
    }

    /// The label events `condition` selects (on `label_event e`), in import order.
    private func events(where condition: String, _ parameters: [PostgresValue], limit: Int?) throws -> [LabelEvent] {
        let result = try connection.execute(
            """
            SELECT e.id, t.external_id, e.reviewer, e.at, e.kind, e.reverts, e.status, e.reward, e.reward_reason,
                   e.tags, e.note, e.origin, e.batch
            FROM label_event e JOIN trajectory t ON t.id = e.trajectory_id
            WHERE \(condition) ORDER BY e.trajectory_id, e.id \(limit.map { "LIMIT \($0)" } ?? "")
            """, parameters, binary: true)
        return try (0..<result.rowCount).map { row in
            LabelEvent(
                id: try result.integer(row, 0) ?? 0, trajectoryID: try result.string(row, 1) ?? "",
                reviewer: try result.string(row, 2) ?? "", at: try result.string(row, 3) ?? "",
                kind: (try result.string(row, 4)).flatMap(LabelEvent.Kind.init(rawValue:)) ?? .label,
                reverts: try result.integer(row, 5), label: try PostgresLabelColumns.label(result, row, from: 6),
                origin: try result.string(row, 11) ?? "", batch: try result.integer(row, 12))
        }
    }
}
