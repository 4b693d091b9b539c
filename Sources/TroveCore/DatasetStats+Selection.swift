extension DatasetStats {
    /// The `WHERE` clause that keeps the rows whose trajectory id in `column` a filter selects, its compiled
    /// `condition` over the aliases `t` (trajectory) and `l` (label_current), written alike for both
    /// backends' ``DatasetStatsSource/stats(matching:)``; empty for no condition (every trajectory).
    public static func selectionClause(_ column: String, condition: String?) -> String {
        guard let condition else { return "" }
        return """
            WHERE \(column) IN (SELECT t.id FROM trajectory t LEFT JOIN label_current l ON l.trajectory_id = t.id
                                WHERE \(condition))
            """
    }
}
