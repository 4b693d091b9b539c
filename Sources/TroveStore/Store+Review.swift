import Foundation
import GRDB
import GRDBSQLite
import TroveCore

extension Store: TrajectorySource, LabelSink {
    /// With `onOwnConnection`, counts on a connection of its own when the store is a file (a snapshot of
    /// the pool, closed after), so the scan neither waits for nor fills the page cache of the
    /// connection the UI pages with.
    /// `shouldStop` is asked every few thousand SQLite steps; when it turns true the count throws
    /// ``CountStopped``. Counting the store's size scans an index of every trajectory (tens of
    /// milliseconds at a million): a known `storeTotal` saves it.
    public func listCounts(
        matching filter: Filter, sortedBy sort: ListSort, before anchor: TrajectoryRow?, storeTotal: Int? = nil,
        onOwnConnection: Bool = false, shouldStop: @escaping @Sendable () -> Bool = { false }
    ) throws -> ListCounts {
        let snapshot = onOwnConnection ? (writer as? DatabasePool).flatMap { try? $0.makeSnapshot() } : nil
        let reader: any DatabaseReader = snapshot ?? writer
        do {
            return try reader.read { db in
                let stopper = Unmanaged.passRetained(Stopper(shouldStop)).toOpaque()
                sqlite3_progress_handler(db.sqliteConnection, 4096, Stopper.callback, stopper)
                defer {
                    sqlite3_progress_handler(db.sqliteConnection, 0, nil, nil)
                    Unmanaged<Stopper>.fromOpaque(stopper).release()
                }
                return try Self.listCounts(
                    db, filter: filter, sort: sort, anchor: anchor, storeTotal: storeTotal, smallCache: snapshot != nil)
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_INTERRUPT {
            throw CountStopped()
        }
    }

    /// What ``listCounts(matching:sortedBy:before:storeTotal:onOwnConnection:shouldStop:)`` counts, in `db`.
    private static func listCounts(
        _ db: Database, filter: Filter, sort: ListSort, anchor: TrajectoryRow?, storeTotal knownTotal: Int?,
        smallCache: Bool
    ) throws -> ListCounts {
        // Implementation note: the position's keyset compares `+t.id`, so that SQLite counts through an
        // index (the row id is in every index) instead of walking the table's large rows by row id.
        var (before, beforeArguments) = ("0", StatementArguments())
        if let anchor { (before, beforeArguments) = keyset(sort: sort, row: anchor, forward: false, counting: true) }
        // A count streams through the table once: on a connection of its own, a small page cache serves
        // it as well.
        if smallCache { try db.execute(sql: "PRAGMA cache_size = -4096") }
        let storeTotal = try knownTotal ?? Int.fetchOne(db, sql: "SELECT count(*) FROM trajectory") ?? 0
        if filter.expression == nil {
            // Unfiltered, the counts come from the (small) current labels and the table's size,
            // without joining a million trajectories to them.
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT count(*) FILTER (WHERE status = 'accepted') AS accepted,
                           count(*) FILTER (WHERE status = 'rejected') AS rejected,
                           count(*) FILTER (WHERE status = 'disputed') AS disputed
                    FROM label_current
                    """)
            let accepted: Int = try row?.stored(Column("accepted")) ?? 0
            let rejected: Int = try row?.stored(Column("rejected")) ?? 0
            let disputed: Int = try row?.stored(Column("disputed")) ?? 0
            let position =
                anchor == nil
                ? 0
                : try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM trajectory t LEFT JOIN label_current l ON l.trajectory_id = t.id
                        WHERE \(before)
                        """, arguments: beforeArguments) ?? 0
            let counts = StatusCounts(
                accepted: accepted, rejected: rejected, pending: storeTotal - accepted - rejected - disputed,
                disputed: disputed)
            return ListCounts(counts: counts, storeTotal: storeTotal, position: position)
        }
        if let counts = try sideTableCounts(db, filter: filter, sort: sort, anchor: anchor, storeTotal: storeTotal) {
            return counts
        }
        let (condition, arguments) = try filter.sqlCondition(in: db)
        return try statusCounts(
            db, from: "trajectory t", trajectory: "t.id", where: condition, before: before,
            arguments: beforeArguments + arguments, storeTotal: storeTotal)
    }

    /// The counts by status of the trajectories `source` lists where `condition` holds (`trajectory` names
    /// each one's row id), and as position how many of them satisfy `before`. `arguments` bind `before`'s
    /// values, then `source`'s, then `condition`'s.
    private static func statusCounts(
        _ db: Database, from source: String, trajectory: String, where condition: String = "1", before: String,
        arguments: StatementArguments, storeTotal: Int
    ) throws -> ListCounts {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT count(*) FILTER (WHERE l.status = 'accepted') AS accepted,
                       count(*) FILTER (WHERE l.status = 'rejected') AS rejected,
                       count(*) FILTER (WHERE l.status IS NULL OR l.status = 'pending') AS pending,
                       count(*) FILTER (WHERE l.status = 'disputed') AS disputed,
                       count(*) FILTER (WHERE \(before)) AS position
                FROM \(source) LEFT JOIN label_current l ON l.trajectory_id = \(trajectory) WHERE \(condition)
                """, arguments: arguments)
        let counts = StatusCounts(
            accepted: try row?.stored(Column("accepted")) ?? 0, rejected: try row?.stored(Column("rejected")) ?? 0,
            pending: try row?.stored(Column("pending")) ?? 0, disputed: try row?.stored(Column("disputed")) ?? 0)
        return ListCounts(counts: counts, storeTotal: storeTotal, position: try row?.stored(Column("position")) ?? 0)
    }

    /// The counts of a filter that is one `flag:` or `tag:` test, from its side table alone, when the
    /// position (if any) is in import order; nil for any other filter.
    ///
    /// Implementation note: every side-table row names a stored trajectory (foreign keys, checked by
    /// `trove check`), so the trajectory table need not be read: for a rare flag that is a seek per
    /// trajectory saved, most of such a count's time.
    private static func sideTableCounts(
        _ db: Database, filter: Filter, sort: ListSort, anchor: TrajectoryRow?, storeTotal: Int
    ) throws -> ListCounts? {
        guard case .predicate(let predicate)? = filter.expression,
            predicate.comparison == .colon || predicate.comparison == .equal,
            case .string(let value) = predicate.value, anchor == nil || sort.column == .order
        else { return nil }
        let side: String
        switch predicate.field {
        case .flag: side = "SELECT trajectory_id FROM trajectory_flag WHERE flag = ?"
        case .tag: side = "SELECT trajectory_id FROM label_tag WHERE tag = ?"
        default: return nil
        }
        var (before, arguments): (String, StatementArguments) = ("0", [])
        if let anchor {
            before = "s.trajectory_id \(sort.descending ? ">" : "<") ?"
            arguments = [anchor.rowID]
        }
        return try statusCounts(
            db, from: "(\(side)) s", trajectory: "s.trajectory_id", before: before, arguments: arguments + [value],
            storeTotal: storeTotal)
    }

    public func rows(matching filter: Filter, sortedBy sort: ListSort, after row: TrajectoryRow?, limit: Int) throws
        -> [TrajectoryRow]
    {
        try page(filter: filter, sort: sort, from: row, forward: true, limit: limit)
    }

    public func rows(matching filter: Filter, sortedBy sort: ListSort, before row: TrajectoryRow?, limit: Int) throws
        -> [TrajectoryRow]
    {
        try page(filter: filter, sort: sort, from: row, forward: false, limit: limit).reversed()
    }

    public func row(id: String) throws -> TrajectoryRow? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "\(TrajectoryRowRecord.select) WHERE t.external_id = ?", arguments: [id])?
                .record(TrajectoryRowRecord.self).row
        }
    }

    /// Reads what the screen shows and no more: the trajectory row without its large columns, each
    /// message's text up to `textBudget` bytes through blob I/O, the steps column scanned in chunks with
    /// each of its texts cut to the budget, and the metadata when it fits the budget (else its start).
    /// The segments of a cut agent message are its kept text as one `other` segment. With `blindReviewer`,
    /// the excerpt is what that reviewer reads in blind review: the masks and corrections of
    /// ``turnsRead(by:rowID:decided:db:)`` (the steps parsed again when they correct other texts than the
    /// team's decisions), every stated reward `hidden` (``TrajectoryExcerpt/redactingStatedRewards()``).
    ///
    /// - throws: ``StoreError/damagedRow(trajectory:column:stored:)`` when a row of it is damaged.
    public func excerpt(id: String, textBudget budget: Int, blindReviewer: String? = nil) throws -> TrajectoryExcerpt? {
        try writer.read { db in
            guard let head = try TrajectoryHeadRecord.fetch(db, externalID: id) else { return nil }
            var cuts: [TextPart: Int] = [:]
            let rows = try MessageHeadRecord.fetchAll(db, of: head)
            let texts = ColumnReader(db, table: "message_text", column: "text", trajectory: id, tally: reads)
            defer { texts.close() }
            var messages: [Message] = []
            for (index, row) in rows.enumerated() {
                try texts.open(row: row.textID)
                let text = try texts.head(budget)
                if texts.size > text.utf8.count { cuts[.message(index)] = texts.size }
                messages.append(row.message(text: text))
            }
            let trajectoryColumns = { (column: String) in
                ColumnReader(db, table: "trajectory", column: column, trajectory: id, tally: reads)
            }
            let steps = try Self.steps(
                from: trajectoryColumns("steps"), row: head.rowID, budget: budget, messages: messages,
                spansIn: StepSpanReader(texts: texts, textIDs: rows.map(\.textID)), cuts: &cuts)
            let (metadata, metadataHead) = try Self.metadata(
                from: trajectoryColumns("metadata"), row: head.rowID, budget: budget, cuts: &cuts)
            let flags = try String.fetchAll(
                db, sql: "SELECT flag FROM trajectory_flag WHERE trajectory_id = ?", arguments: [head.rowID])
            // The record as imported, for `R`: its first bytes only, like every other text.
            let original = trajectoryColumns("original")
            defer { original.close() }
            try original.open(row: head.rowID)
            var trajectory = head.trajectory(messages: messages, metadata: metadata)
            trajectory.originalRecord = try original.read(0..<budget)
            if original.size > trajectory.originalRecord.count { cuts[.record] = original.size }
            let imported = StoredTrajectory(
                trajectory: trajectory,
                parsed: ParsedTrajectory(
                    dialect: head.dialect, turns: rows.map(\.turn), steps: steps,
                    flags: Set(flags.compactMap(QualityFlag.init(rawValue:)))),
                label: try Self.currentLabel(rowID: head.rowID, db: db))
            let group = try String.fetchOne(
                db, sql: "SELECT task_group FROM trajectory WHERE id = ?", arguments: [head.rowID])
            let decided = try Self.turnLabels(rowID: head.rowID, db: db)
            let excerpt = try TrajectoryExcerpt(
                imported: imported,
                turns: try Self.turnsRead(by: blindReviewer, rowID: head.rowID, decided: decided, db: db),
                decided: decided, budget: budget, cuts: cuts, metadataHead: metadataHead, group: group
            ) {
                guard let (whole, _) = try Self.wholeTrajectory(rowID: head.rowID, db: db) else {
                    throw StoreError.unknownTrajectory(id)
                }
                return whole
            }
            return blindReviewer == nil ? excerpt : excerpt.redactingStatedRewards()
        }
    }

    /// With `blindReviewer`, the page of a turn other than the agent's is what that reviewer reads: every
    /// reward it states `hidden` (``TextPage/redactingStatedRewards(after:)``).
    public func textPage(of id: String, message: Int, bytes: Range<Int>, blindReviewer: String? = nil) throws
        -> TextPage?
    {
        try writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT r.text_id, r.role FROM trajectory t JOIN message_row r ON r.trajectory_id = t.id
                        WHERE t.external_id = ? AND r.idx = ?
                        """, arguments: [id, message])
            else { return nil }
            let (textID, role): (Int64, String) = try row.reading(of: id) { row in
                (try row.stored(Column("text_id")), try row.stored(Column("role")))
            }
            let reader = ColumnReader(db, table: "message_text", column: "text", trajectory: id, tally: reads)
            defer { reader.close() }
            try reader.open(row: textID)
            let (offset, text) = try reader.text(bytes)
            let page = TextPage(message: message, offset: offset, text: text, size: reader.size)
            guard blindReviewer != nil, role != MessageRole.agent.rawValue else { return page }
            let lead = try reader.text(max(0, bytes.lowerBound - TextPage.statementLead)..<bytes.lowerBound)
            return page.redactingStatedRewards(after: lead.text)
        }
    }

    /// The steps in `trajectory.steps` of row `rowID`, each text cut to `budget` (sizes into `cuts`); a text
    /// stored as a span of its message's text is read from that text through `spans`.
    static func steps(
        from column: ColumnReader, row rowID: Int64, budget: Int, messages: [Message], spansIn spans: StepSpanReader,
        cuts: inout [TextPart: Int]
    ) throws -> [Step] {
        defer { column.close() }
        try column.open(row: rowID)
        var reader = CuttingJSONReader(column, budget: budget)
        let damaged = StoreError.damagedRow(trajectory: column.trajectory, column: "steps", stored: "malformed JSON")
        let value: JSONValue
        do {
            value = try reader.value()
        } catch is CuttingJSONReader.Malformed {
            throw damaged
        }
        guard let rows = value.arrayValue else { throw damaged }
        let parts: [(Int, (Int) -> TextPart)] = [
            (2, TextPart.thought), (4, TextPart.argument), (5, TextPart.observation), (6, TextPart.answer),
        ]
        for (path, size) in reader.cuts where path.count == 2 {
            if let part = parts.first(where: { $0.0 == path[1] }) { cuts[part.1(path[0])] = size }
        }
        return try rows.enumerated().map { index, row in
            guard let fields = row.arrayValue, fields.count == 9,
                let messageIndex = fields[0].doubleValue.map(Int.init), let parsedBy = fields[7].stringValue
            else { throw damaged }
            let observationIndex = fields[1].doubleValue.map(Int.init)
            /// Field `position`, read from the message at `message` when it is a span.
            func stored(_ position: Int, in message: Int?, _ part: (Int) -> TextPart) throws -> String? {
                guard let span = StepCoding.span(fields[position]) else { return fields[position].stringValue }
                guard let message, let text = try spans.text(message: message, span: span, budget: budget) else {
                    throw StoreError.damagedRow(
                        trajectory: column.trajectory, column: "steps", stored: "a span outside its message")
                }
                if span.count > text.utf8.count { cuts[part(index)] = span.count }
                return text
            }
            let text = messages.indices.contains(messageIndex) ? messages[messageIndex].text : ""
            let argument = try stored(4, in: messageIndex, TextPart.argument)
            return Step(
                messageIndex: messageIndex, observationIndex: observationIndex,
                thought: try stored(2, in: messageIndex, TextPart.thought),
                action: fields[3].stringValue.map { StepAction(kind: $0, argument: argument ?? "") },
                observation: try stored(5, in: observationIndex, TextPart.observation),
                finalAnswer: try stored(6, in: messageIndex, TextPart.answer),
                parsedBy: Dialect(rawValue: parsedBy) ?? .raw,
                segments: StepCoding.segments(JSONWriter.string(fields[8]), text: text) ?? [Segment(.other, text)])
        }
    }

    /// The metadata of row `rowID` when it fits `budget`, else no members and its start as text.
    private static func metadata(
        from column: ColumnReader, row rowID: Int64, budget: Int, cuts: inout [TextPart: Int]
    ) throws -> (JSONObject, String?) {
        defer { column.close() }
        try column.open(row: rowID)
        guard column.size <= budget else {
            cuts[.metadata] = column.size
            return (JSONObject(), try column.head(budget))
        }
        let bytes = try column.read(0..<column.size)
        return ((try? JSONParser.parse(bytes))?.objectValue ?? JSONObject(), nil)
    }

    /// Changes with every label batch (a change to labels or to turns), import run, replaced record, new
    /// trajectory, team policy set (`trove team`) and assignment (`trove assign`). Each part but the last
    /// is the largest row id of a table that only grows, read from the end of its B-tree; assignments are
    /// only ever added, so the last is their count, read from `assignment_by_reviewer` (the narrowest
    /// index: 4 ms for a million assignments, on a busy machine up to 50 ms, against a poll a second). So
    /// the token costs next to nothing at a million trajectories, and the review UI can take it before its
    /// first frame.
    public func changeToken() throws -> Int64 {
        try writer.read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT (SELECT COALESCE(max(id), 0) FROM label_batch) AS labels,
                           (SELECT COALESCE(max(id), 0) FROM import_run) AS imports,
                           (SELECT COALESCE(max(id), 0) FROM replaced_record) AS replaced,
                           (SELECT COALESCE(max(id), 0) FROM trajectory) AS trajectories,
                           (SELECT COALESCE(max(id), 0) FROM team_policy) AS policies,
                           (SELECT count(*) FROM assignment) AS assignments
                    """)
            let parts = try ["labels", "imports", "replaced", "trajectories", "policies", "assignments"].map {
                try row?.stored(Column($0)) ?? Int64(0)
            }
            return ReviewChangeToken.combining(parts)
        }
    }

    public func reviewState(for reviewer: String) throws -> ReviewSessionState? {
        try writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT trajectory_external_id, filter, sort FROM review_state WHERE reviewer = ?",
                arguments: [reviewer]
            )?.reading { row in
                let sort: String = try row.stored(Column("sort"))
                return ReviewSessionState(
                    trajectoryID: try row.stored(Column("trajectory_external_id")),
                    filter: try row.stored(Column("filter")),
                    sort: ListSort(sort) ?? ListSort())
            }
        }
    }

    /// Reads `label_tag`'s tag index one distinct tag at a time (a seek each), so the cost follows how
    /// many different tags there are, not how many trajectories carry them.
    public func originalRecord(of id: String) throws -> [UInt8]? {
        try writer.read { db in
            try Data.fetchOne(db, sql: "SELECT original FROM trajectory WHERE external_id = ?", arguments: [id])
                .map { Array($0) }
        }
    }

    public func tagsInUse() throws -> [String] {
        try writer.read { db in
            try String.fetchAll(
                db,
                sql: """
                    WITH RECURSIVE used(tag) AS (
                        SELECT min(tag) FROM label_tag
                        UNION ALL
                        SELECT (SELECT min(tag) FROM label_tag WHERE tag > used.tag) FROM used WHERE used.tag IS NOT NULL
                    )
                    SELECT tag FROM used WHERE tag IS NOT NULL
                    """)
        }
    }

    /// Reads the reviewer's rows of `reviewer_current` by its reviewer index, each label's tags from its
    /// JSON array.
    public func tagsInUse(by reviewer: String) throws -> [String] {
        try writer.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT tag.value FROM reviewer_current, json_each(reviewer_current.tags) AS tag
                    WHERE reviewer_current.reviewer = ? ORDER BY tag.value
                    """, arguments: [reviewer])
        }
    }

    /// A range of the external id's unique index: the ids from `prefix` up to `prefix` followed by the
    /// highest code point.
    public func ids(startingWith prefix: String, limit: Int) throws -> [String] {
        try writer.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT external_id FROM trajectory WHERE external_id >= ? AND external_id < ?
                    ORDER BY external_id LIMIT ?
                    """, arguments: [prefix, prefix + "\u{10FFFF}", limit])
        }
    }

    /// Reads the reviewer's rows of `assignment` through its index, each looked up in `reviewer_current`:
    /// the cost follows the reviewer's assignments, not the store's size.
    public func queueProgress(of reviewer: String) throws -> QueueProgress {
        try writer.read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT count(*) AS assigned,
                           count(*) FILTER (WHERE EXISTS (
                               SELECT 1 FROM reviewer_current r
                               WHERE r.trajectory_id = a.trajectory_id AND r.reviewer = a.reviewer
                                 AND (r.status = 'accepted' OR r.status = 'rejected'))) AS done
                    FROM assignment a WHERE a.reviewer = ?
                    """, arguments: [reviewer])
            return QueueProgress(
                assigned: try row?.stored(Column("assigned")) ?? 0, done: try row?.stored(Column("done")) ?? 0)
        }
    }

    /// Remembers where `reviewer` is. On a read-only store this does nothing:
    /// there is nowhere to keep it, and browsing must still work.
    public func saveReviewState(_ state: ReviewSessionState, for reviewer: String) throws {
        guard !isReadOnly else { return }
        try writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO review_state (reviewer, trajectory_external_id, filter, sort, updated_at)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (reviewer) DO UPDATE SET trajectory_external_id = excluded.trajectory_external_id,
                        filter = excluded.filter, sort = excluded.sort, updated_at = excluded.updated_at
                    """,
                arguments: [reviewer, state.trajectoryID, state.filter, state.sort.description, Timestamp.now()])
        }
    }
}

// MARK: - Keyset pages

extension Store {
    /// One page in `sort` order (`forward`) or in reverse order, starting past `row`.
    private func page(filter: Filter, sort: ListSort, from row: TrajectoryRow?, forward: Bool, limit: Int) throws
        -> [TrajectoryRow]
    {
        let ascending = forward != sort.descending
        let rowIDPage = sort.column == .order ? RowIDPage(after: row?.rowID, ascending: ascending) : nil
        var keyset = "1"
        var keysetArguments = StatementArguments()
        if let row { (keyset, keysetArguments) = Self.keyset(sort: sort, row: row, forward: forward) }
        let direction = ascending ? "ASC" : "DESC"
        let order =
            Self.sortExpression(sort.column).map { "\($0) \(direction), t.id \(direction)" } ?? "t.id \(direction)"
        return try writer.read { db in
            let (condition, arguments) = try filter.sqlCondition(page: rowIDPage, in: db)
            return try Row.fetchAll(
                db,
                sql: "\(TrajectoryRowRecord.select) WHERE (\(condition)) AND \(keyset) ORDER BY \(order) LIMIT ?",
                arguments: arguments + keysetArguments + [limit]
            ).map { try $0.record(TrajectoryRowRecord.self).row }
        }
    }

    /// The condition for rows strictly after (`forward`) or strictly before `row` in `sort` order.
    /// For `counting`, the row id is compared as `+t.id`, which SQLite does not search by: a count then
    /// scans a small index rather than the table, while a page seeks by row id and stops at its limit.
    static func keyset(sort: ListSort, row: TrajectoryRow, forward: Bool, counting: Bool = false)
        -> (String, StatementArguments)
    {
        let comparison = forward != sort.descending ? ">" : "<"
        let id = counting ? "+t.id" : "t.id"
        guard let expression = sortExpression(sort.column) else {
            return ("\(id) \(comparison) ?", [row.rowID])
        }
        let value = sortValue(sort.column, of: row)
        return (
            "(\(expression) \(comparison) ? OR (\(expression) = ? AND \(id) \(comparison) ?))",
            [value, value, row.rowID]
        )
    }

    /// The SQL a column sorts by; `nil` for import order, which is the row id alone.
    /// Unknown rewards sort as -1, before every real reward.
    static func sortExpression(_ column: ListColumn) -> String? {
        switch column {
        case .order: nil
        // Natural order (`db_2` before `db_10`) is no order of the id's index: a page sorted by id sorts
        // the matching rows (a top-N sort, no larger than a page) instead of reading the index in order.
        case .id: "t.external_id COLLATE trove_natural"
        case .task: "t.task"
        case .steps: "t.step_count"
        case .envReward: "COALESCE(t.env_reward, -1)"
        case .reward: "COALESCE(l.reward, -1)"
        case .status: "COALESCE(l.status, 'pending')"
        case .flags: "t.flags"
        // The goal the list shows, ignoring case (`trajectory_by_goal`).
        case .text: "t.goal COLLATE NOCASE"
        }
    }

    /// The value of `row` that ``sortExpression(_:)`` computes in SQL.
    static func sortValue(_ column: ListColumn, of row: TrajectoryRow) -> DatabaseValue {
        switch column {
        case .order: row.rowID.databaseValue
        case .id: row.id.databaseValue
        case .task: row.task.databaseValue
        case .steps: row.steps.databaseValue
        case .envReward: (row.environmentReward ?? -1).databaseValue
        case .reward: (row.reviewReward ?? -1).databaseValue
        case .status: row.status.rawValue.databaseValue
        case .flags: row.flags.sorted().map(\.rawValue).joined(separator: ",").databaseValue
        case .text: (row.goal ?? "").databaseValue
        }
    }
}

/// The `shouldStop` of a count, handed to SQLite's progress handler, which interrupts the statement
/// when the handler returns non-zero.
private final class Stopper {
    let shouldStop: @Sendable () -> Bool

    init(_ shouldStop: @escaping @Sendable () -> Bool) {
        self.shouldStop = shouldStop
    }

    static let callback: @convention(c) (UnsafeMutableRawPointer?) -> Int32 = { context in
        guard let context else { return 0 }
        return Unmanaged<Stopper>.fromOpaque(context).takeUnretainedValue().shouldStop() ? 1 : 0
    }
}
