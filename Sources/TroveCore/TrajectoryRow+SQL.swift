extension TrajectoryRow {
    /// The query for review list rows up to its `WHERE`, in `dialect`: `t` is `trajectory`, `l` its
    /// `label_current`. Columns, in order: `id, external_id, task, step_count, env_reward,
    /// review_reward, status, flags, tags, preview, source_model, outcome, env_reward_source, reviewer,
    /// has_note, goal` (the task's goal, which the list shows and its text sort orders by) and
    /// `reviewer_statuses` (a JSON object of every reviewer's status, NULL without any).
    public static func select(in dialect: SQLDialect) -> String {
        let statuses =
            switch dialect {
            case .sqlite: "json_group_object(c.reviewer, c.status)"
            case .postgres: "json_object_agg(c.reviewer, c.status)"
            }
        return """
            SELECT t.id, t.external_id, t.task, t.step_count, t.env_reward, l.reward AS review_reward,
                   COALESCE(l.status, 'pending') AS status, t.flags, COALESCE(l.tags, '[]') AS tags, t.preview,
                   t.source_model, t.outcome, t.env_reward_source, l.reviewer, COALESCE(l.note, '') <> '' AS has_note,
                   t.goal,
                   (SELECT \(statuses) FROM reviewer_current c WHERE c.trajectory_id = t.id) AS reviewer_statuses
            FROM trajectory t LEFT JOIN label_current l ON l.trajectory_id = t.id
            """
    }

    /// The `reviewer_statuses` column of ``select(in:)`` read: `{"reviewer": "status", …}` as either
    /// dialect's aggregate writes it, or NULL without any. A status this trove does not know is left out.
    public static func reviewerStatuses(_ json: String?) -> [String: LabelStatus] {
        let members = json.flatMap { try? JSONParser.parse(Array($0.utf8)) }?.objectValue?.members ?? []
        return Dictionary(
            members.compactMap { member in
                member.value.stringValue.flatMap(LabelStatus.init(rawValue:)).map { (member.key, $0) }
            }, uniquingKeysWith: { first, _ in first })
    }
}
