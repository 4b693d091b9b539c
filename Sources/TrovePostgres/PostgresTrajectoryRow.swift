import TroveCore

/// One line of the review list read from PostgreSQL: the SQLite store's `TrajectoryRowRecord`, by
/// column position.
enum PostgresTrajectoryRow {
    /// The query up to its `WHERE`: `t` is `trajectory`, `l` its `label_current`. Read in binary format.
    static let select = """
        SELECT t.id, t.external_id, t.task, t.step_count, t.env_reward, l.reward AS review_reward,
               COALESCE(l.status, 'pending') AS status, t.flags, COALESCE(l.tags, '[]') AS tags, t.preview,
               t.source_model, t.outcome, t.env_reward_source, l.reviewer, COALESCE(l.note, '') <> '' AS has_note,
               (SELECT substr(x.text, 1, \(TaskGoal.searchBudget)) FROM message_row r
                JOIN message_text x ON x.id = r.text_id
                WHERE r.trajectory_id = t.id AND r.turn = 'task' ORDER BY r.idx LIMIT 1) AS task_text,
               (SELECT json_object_agg(c.reviewer, c.status) FROM reviewer_current c
                WHERE c.trajectory_id = t.id) AS reviewer_statuses
        FROM trajectory t LEFT JOIN label_current l ON l.trajectory_id = t.id
        """

    /// Row `index` of a result of ``select``.
    static func row(_ result: PostgresResult, _ index: Int) throws -> TrajectoryRow {
        let text = { (column: Int) in try result.string(index, column) }
        let task = try text(2) ?? ""
        return TrajectoryRow(
            rowID: try result.integer(index, 0) ?? 0, id: try text(1) ?? "", task: task,
            steps: Int(try result.integer(index, 3) ?? 0), environmentReward: try result.real(index, 4),
            reviewReward: try result.real(index, 5), status: (try text(6)).flatMap(LabelStatus.init) ?? .pending,
            flags: (try text(7) ?? "").split(separator: ",").compactMap { QualityFlag(rawValue: String($0)) },
            tags: PostgresLabelColumns.tags(try text(8)), preview: try text(9) ?? "", sourceModel: try text(10),
            outcome: (try text(11)).flatMap(RunOutcome.init(rawValue:)), reviewer: try text(13),
            hasNote: try result.integer(index, 14) == 1,
            goal: (try text(15)).map { TaskGoal.goal(of: $0, task: task) },
            environmentRewardSource: (try text(12)).flatMap(RewardSource.init(rawValue:)),
            reviewerStatuses: statuses(try text(16)))
    }

    /// `{"reviewer": "status", …}` as `json_object_agg` writes it.
    private static func statuses(_ json: String?) -> [String: LabelStatus] {
        let members = json.flatMap { try? JSONParser.parse(Array($0.utf8)) }?.objectValue?.members ?? []
        return Dictionary(
            members.compactMap { member in
                member.value.stringValue.flatMap(LabelStatus.init(rawValue:)).map { (member.key, $0) }
            }, uniquingKeysWith: { first, _ in first })
    }
}
