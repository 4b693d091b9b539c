import GRDB
import TroveCore

extension Store {
    /// One trajectory with what ``TrajectoryReport`` prints and no more, so that `trove show` holds a record
    /// of any size about once: the trajectory row without the record's bytes, of its metadata only the
    /// members that say how the run ended (``StatedEnding/metadataSQL(in:)``), the texts
    /// of the messages the report reads (``TrajectoryReport/readMessages(dialect:turns:roles:)``: every
    /// message of a chat; else the task turn and the first instruction, which state the task and its
    /// group, and a Terminus run's replies), every step whole (read from the steps column in
    /// chunks), the flags, the decision and the decisions on its turns. The other messages have empty texts; steps have no segments.
    ///
    /// Implementation note: ``trajectory(id:)`` read the record's bytes, every message text and the
    /// `step` view (SQLite copies each step out of the steps column's JSON twice), and `show` then
    /// built its output whole: a 300 MB record took 5.0 GB.
    ///
    /// - throws: ``StoreError/damagedRow(trajectory:column:stored:)`` when a row of it is damaged.
    public func reportedTrajectory(id: String) throws -> StoredTrajectory? {
        try writer.read { db in
            guard let head = try TrajectoryHeadRecord.fetch(db, externalID: id) else { return nil }
            let rows = try MessageHeadRecord.fetchAll(db, of: head)
            let printed = TrajectoryReport.readMessages(
                dialect: head.dialect, turns: rows.map(\.turn), roles: rows.map(\.role))
            let texts = ColumnReader(db, table: "message_text", column: "text", trajectory: id, tally: reads)
            defer { texts.close() }
            var messages: [Message] = []
            for (index, row) in rows.enumerated() {
                guard printed.contains(index) else {
                    messages.append(row.message(text: ""))
                    continue
                }
                try texts.open(row: row.textID)
                messages.append(row.message(text: try texts.head(texts.size)))
            }
            var cuts: [TextPart: Int] = [:]
            let steps = try Self.steps(
                from: ColumnReader(db, table: "trajectory", column: "steps", trajectory: id, tally: reads),
                row: head.rowID, budget: .max, messages: [],
                spansIn: StepSpanReader(texts: texts, textIDs: rows.map(\.textID)), cuts: &cuts)
            let flags = try String.fetchAll(
                db, sql: "SELECT flag FROM trajectory_flag WHERE trajectory_id = ?", arguments: [head.rowID])
            var trajectory = head.trajectory(messages: messages, metadata: JSONObject())
            if let tail = try Row.fetchOne(
                db,
                sql: """
                    SELECT outcome, env_reward_source, \(StatedEnding.metadataSQL(in: .sqlite)) AS ending
                    FROM trajectory WHERE id = ?
                    """, arguments: [head.rowID])
            {
                let (outcome, source, ending): (String?, String?, String) = try tail.reading(of: id) { row in
                    (
                        try row.stored(Column("outcome")), try row.stored(Column("env_reward_source")),
                        try row.stored(Column("ending"))
                    )
                }
                trajectory.outcome = outcome.flatMap(RunOutcome.init(rawValue:))
                trajectory.metadata = (try? JSONParser.parse(Array(ending.utf8)))?.objectValue ?? JSONObject()
                if trajectory.environmentReward != nil {
                    trajectory.environmentRewardSource = source.flatMap(RewardSource.init(rawValue:))
                }
            }
            return StoredTrajectory(
                trajectory: trajectory,
                parsed: ParsedTrajectory(
                    dialect: head.dialect, turns: rows.map(\.turn), steps: steps,
                    flags: Set(flags.compactMap(QualityFlag.init(rawValue:)))),
                label: try Self.currentLabel(rowID: head.rowID, db: db),
                turns: try Self.turnLabels(rowID: head.rowID, db: db))
        }
    }
}
