import TroveCore

extension PostgresStore {
    /// Trajectory `id` with what `trove show` prints, as the SQLite store's `reportedTrajectory(id:)`
    /// reads it: the texts ``TrajectoryReport/readMessages(dialect:turns:roles:)`` names (its first task
    /// message and first instruction, a Terminus run's replies, every text of a chat),
    /// every step whole (without segments), the flags, outcome, decision and turn decisions; the other
    /// messages have empty texts, the record's bytes are not read, and of its metadata only the members
    /// that say how the run ended (``StatedEnding/metadataSQL(in:)``). Nil when no trajectory has that id.
    public func reportedTrajectory(id: String) throws -> StoredTrajectory? {
        try serial.withLock {
            let head = try connection.execute(
                """
                SELECT id, task, dialect, source_file, source_line, format, env_reward, outcome, env_reward_source,
                       \(StatedEnding.metadataSQL(in: .postgres))
                FROM trajectory WHERE external_id = $1
                """, [.text(id)], binary: true)
            guard head.rowCount > 0, let rowID = try head.integer(0, 0) else { return nil }
            var cuts: [TextPart: Int] = [:]
            var (messages, turns) = try excerptMessages(rowID: rowID, budget: 0, cuts: &cuts)
            let dialect = (try head.string(0, 2)).flatMap(Dialect.init(rawValue:)) ?? .raw
            let printed = TrajectoryReport.readMessages(dialect: dialect, turns: turns, roles: messages.map(\.role))
                .sorted()
            let texts = try connection.execute(
                "SELECT r.idx, x.text FROM message_row r JOIN message_text x ON x.id = r.text_id "
                    + "WHERE r.trajectory_id = $1 AND r.idx = ANY($2::bigint[])",
                [.integer(rowID), .text("{" + printed.map(String.init).joined(separator: ",") + "}")], binary: true)
            for row in 0..<texts.rowCount {
                guard let index = try texts.integer(row, 0).map(Int.init), messages.indices.contains(index) else {
                    continue
                }
                messages[index].text = try texts.string(row, 1) ?? ""
            }
            // Every text whole: the largest length PostgreSQL's `left` takes.
            let steps = try excerptSteps(rowID: rowID, budget: Int(Int32.max), messages: [], cuts: &cuts)
            let environmentReward = try head.real(0, 6)
            let ending = (try head.string(0, 9)).flatMap { try? JSONParser.parse(Array($0.utf8)) }?.objectValue
            let trajectory = Trajectory(
                id: id, task: try head.string(0, 1) ?? "",
                source: SourceLocation(file: try head.string(0, 3) ?? "", line: Int(try head.integer(0, 4) ?? 1)),
                format: (try head.string(0, 5)).flatMap(RecordFormat.init)
                    ?? RecordFormat(listKey: "conversations", style: .fromValue),
                messages: messages, metadata: ending ?? JSONObject(), environmentReward: environmentReward,
                environmentRewardSource: (try head.string(0, 8)).flatMap(RewardSource.init(rawValue:)),
                outcome: (try head.string(0, 7)).flatMap(RunOutcome.init(rawValue:)), originalRecord: [])
            return StoredTrajectory(
                trajectory: trajectory,
                parsed: ParsedTrajectory(dialect: dialect, turns: turns, steps: steps, flags: try flags(rowID: rowID)),
                label: try currentLabel(rowID: rowID), turns: try turnLabels(rowID: rowID))
        }
    }
}
