extension ExportCandidate {
    /// The query for the candidates a filter's `condition` (``Filter/condition(in:page:firstParameter:hidden:)``,
    /// in either dialect) selects, in row order: both dialects read it as it is. Columns, in order: `id,
    /// external_id, task, task_group, status` (`pending` without a decision), `effective_reward` (the
    /// review's reward, else the environment's) and `dialect`.
    public static func select(where condition: String) -> String {
        """
        SELECT t.id, t.external_id, t.task, t.task_group, COALESCE(l.status, 'pending') AS status,
               COALESCE(l.reward, t.env_reward) AS effective_reward, t.dialect
        FROM trajectory t LEFT JOIN label_current l ON l.trajectory_id = t.id
        WHERE \(condition) ORDER BY t.id
        """
    }
}
