import Foundation
import GRDB
import TroveCore

extension Store {
    /// The number of trajectories in the store.
    public func trajectoryCount() throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM trajectory") ?? 0 }
    }

    /// One trajectory by its external id, with its parse and label, or `nil` when absent.
    public func trajectory(id: String) throws -> StoredTrajectory? {
        try writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT id, external_id, task, dialect, source_file, source_line, format, env_reward,
                               metadata, original, env_reward_source
                        FROM trajectory WHERE external_id = ?
                        """, arguments: [id])
            else { return nil }
            let rowID: Int64 = row[0]
            var messages: [Message] = []
            var turns: [TurnKind] = []
            for message in try Row.fetchAll(
                db,
                sql: "SELECT role, original_role, text, loss, turn FROM message WHERE trajectory_id = ? ORDER BY idx",
                arguments: [rowID])
            {
                messages.append(Self.message(from: message))
                turns.append(TurnKind(rawValue: message[4]) ?? .other)
            }
            var steps: [Step] = []
            for step in try Row.fetchAll(
                db,
                sql: """
                    SELECT message_idx, observation_idx, thought, action_kind, action_argument, observation,
                           final_answer, parsed_by, segments
                    FROM step WHERE trajectory_id = ? ORDER BY idx
                    """, arguments: [rowID])
            {
                let messageIndex: Int = step[0]
                let kind: String? = step[3]
                let argument: String? = step[4]
                let text = messages.indices.contains(messageIndex) ? messages[messageIndex].text : ""
                steps.append(
                    Step(
                        messageIndex: messageIndex, observationIndex: step[1], thought: step[2],
                        action: kind.map { StepAction(kind: $0, argument: argument ?? "") }, observation: step[5],
                        finalAnswer: step[6], parsedBy: Dialect(rawValue: step[7]) ?? .raw,
                        segments: StepCoding.segments(step[8], text: text) ?? [Segment(.other, text)]))
            }
            let flags = try String.fetchAll(
                db, sql: "SELECT flag FROM trajectory_flag WHERE trajectory_id = ?", arguments: [rowID])
            let metadataText: String = row[8]
            let original: [UInt8] = Array(row[9] as Data)
            let sourceLine: Int = row[5]
            let trajectory = Trajectory(
                id: row[1], task: row[2], source: SourceLocation(file: row[4], line: sourceLine),
                format: RecordFormat(row[6]) ?? RecordFormat(listKey: "conversations", style: .fromValue),
                messages: messages,
                metadata: (try? JSONParser.parse(Array(metadataText.utf8)))?.objectValue ?? JSONObject(),
                environmentReward: row[7],
                environmentRewardSource: (row[10] as String?).flatMap(RewardSource.init(rawValue:)),
                originalRecord: original)
            return StoredTrajectory(
                trajectory: trajectory,
                parsed: ParsedTrajectory(
                    dialect: Dialect(rawValue: row[3]) ?? .raw, turns: turns, steps: steps,
                    flags: Set(flags.compactMap(QualityFlag.init(rawValue:)))),
                label: try Self.currentLabel(rowID: rowID, db: db))
        }
    }

    /// Counts per task: trajectories, steps, review status, effective-reward
    /// histogram and flags. Computed with aggregate queries, never by loading
    /// trajectories.
    public func stats() throws -> DatasetStats {
        try writer.read { db in
            var rows: [String: TaskStats] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT task, count(*), sum(step_count), sum(status = 'accepted'), sum(status = 'rejected'),
                           sum(status = 'pending')
                    FROM trajectory_review GROUP BY task
                    """)
            {
                var stats = TaskStats(task: row[0])
                stats.trajectories = row[1]
                stats.steps = row[2]
                stats.accepted = row[3]
                stats.rejected = row[4]
                stats.pending = row[5]
                rows[stats.task] = stats
            }
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT task, CASE WHEN effective_reward IS NULL THEN -1
                                      ELSE min(9, CAST(effective_reward * 10 AS INTEGER)) END AS bin, count(*)
                    FROM trajectory_review GROUP BY task, bin
                    """)
            {
                let task: String = row[0]
                let bin: Int = row[1]
                let count: Int = row[2]
                if bin < 0 {
                    rows[task]?.rewards.unknown += count
                } else {
                    rows[task]?.rewards.bins[bin] += count
                }
            }
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT t.task, f.flag, count(*) FROM trajectory_flag f JOIN trajectory t ON t.id = f.trajectory_id
                    GROUP BY t.task, f.flag
                    """)
            {
                let task: String = row[0]
                if let flag = QualityFlag(rawValue: row[1]) { rows[task]?.flags[flag] = row[2] }
            }
            return DatasetStats(tasks: rows.values.sorted { $0.task < $1.task })
        }
    }
}
