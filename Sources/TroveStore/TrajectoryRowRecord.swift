import GRDB
import TroveCore

/// One line of the review list: a trajectory with its current label, read by column name.
struct TrajectoryRowRecord: FetchableRecord {
    enum Columns: String, ColumnExpression {
        case id
        case externalID = "external_id"
        case task
        case stepCount = "step_count"
        case envReward = "env_reward"
        case reviewReward = "review_reward"
        case status, flags, tags, preview
        case sourceModel = "source_model"
        case outcome, reviewer
        case hasNote = "has_note"
        case taskText = "task_text"
        case envRewardSource = "env_reward_source"
        case reviewerStatuses = "reviewer_statuses"
    }

    /// The query up to its `WHERE`: `t` is `trajectory`, `l` its `label_current`.
    static let select = """
        SELECT t.id, t.external_id, t.task, t.step_count, t.env_reward, l.reward AS review_reward,
               COALESCE(l.status, 'pending') AS status, t.flags, COALESCE(l.tags, '[]') AS tags, t.preview,
               t.source_model, t.outcome, t.env_reward_source, l.reviewer, COALESCE(l.note, '') != '' AS has_note,
               (SELECT substr(x.text, 1, \(TaskGoal.searchBudget)) FROM message_row r
                JOIN message_text x ON x.id = r.text_id
                WHERE r.trajectory_id = t.id AND r.turn = 'task' ORDER BY r.idx LIMIT 1) AS task_text,
               (SELECT json_group_object(c.reviewer, c.status) FROM reviewer_current c
                WHERE c.trajectory_id = t.id) AS reviewer_statuses
        FROM trajectory t LEFT JOIN label_current l ON l.trajectory_id = t.id
        """

    var row: TrajectoryRow

    init(row: Row) throws {
        let status: String = try row.stored(Columns.status)
        let task: String = try row.stored(Columns.task)
        // The goal is read here, not stored at import: stores imported before it was known show it too.
        let taskText: String? = try row.stored(Columns.taskText)
        let flags: String = try row.stored(Columns.flags)
        self.row = TrajectoryRow(
            rowID: try row.stored(Columns.id), id: try row.stored(Columns.externalID),
            task: task,
            steps: try row.stored(Columns.stepCount), environmentReward: try row.stored(Columns.envReward),
            reviewReward: try row.stored(Columns.reviewReward), status: LabelStatus(rawValue: status) ?? .pending,
            flags: flags.split(separator: ",").compactMap { QualityFlag(rawValue: String($0)) },
            tags: Store.decodeTags(try row.stored(Columns.tags)), preview: try row.stored(Columns.preview),
            sourceModel: try row.stored(Columns.sourceModel),
            outcome: (try row.stored(Columns.outcome) as String?).flatMap(RunOutcome.init(rawValue:)),
            reviewer: try row.stored(Columns.reviewer), hasNote: try row.stored(Columns.hasNote),
            goal: taskText.map { TaskGoal.goal(of: $0, task: task) },
            environmentRewardSource: (try row.stored(Columns.envRewardSource) as String?)
                .flatMap(RewardSource.init(rawValue:)),
            reviewerStatuses: Self.statuses(try row.stored(Columns.reviewerStatuses)))
    }

    /// `{"reviewer": "status", …}` as read from `reviewer_current`.
    private static func statuses(_ json: String?) -> [String: LabelStatus] {
        let members = json.flatMap { try? JSONParser.parse(Array($0.utf8)) }?.objectValue?.members ?? []
        return Dictionary(
            members.compactMap { member in
                member.value.stringValue.flatMap(LabelStatus.init(rawValue:)).map { (member.key, $0) }
            }, uniquingKeysWith: { first, _ in first })
    }
}
