extension DatasetStats {
    /// The one statement both backends' ``DatasetStatsSource/stats(matching:)`` run, so that a filter
    /// (its compiled `condition` over the aliases `t`, trajectory, and `l`, label_current; nil for every
    /// trajectory) is evaluated once, however many aggregates read its selection. `bin`, `accepted`,
    /// `rejected`, `pending` and `disputed` are the backend's expressions over `trajectory_review` for
    /// the reward's tenth (−1 when unknown) and the statuses' counts.
    ///
    /// Its rows: per task and reward bin, `flag` NULL, then `count`, `steps` and the four status
    /// counts; per task and quality flag, `flag` and `count` with the rest NULL.
    public static func statsSQL(
        condition: String?, bin: String, statusCount: (String) -> String, integer: (String) -> String
    ) -> String {
        let with =
            condition.map {
                """
                WITH selected_trajectory AS MATERIALIZED (
                    SELECT t.id FROM trajectory t LEFT JOIN label_current l ON l.trajectory_id = t.id WHERE \($0))

                """
            } ?? ""
        func selected(_ column: String) -> String {
            condition == nil ? "" : "WHERE \(column) IN (SELECT id FROM selected_trajectory)"
        }
        return """
            \(with)SELECT task, NULL AS flag, \(bin) AS bin, count(*) AS count, \(integer("sum(step_count)")) AS steps,
                   \(statusCount("accepted")) AS accepted, \(statusCount("rejected")) AS rejected,
                   \(statusCount("pending")) AS pending, \(statusCount("disputed")) AS disputed
            FROM trajectory_review \(selected("id")) GROUP BY task, bin
            UNION ALL
            SELECT t.task, f.flag, NULL, count(*), NULL, NULL, NULL, NULL, NULL
            FROM trajectory_flag f JOIN trajectory t ON t.id = f.trajectory_id
            \(selected("f.trajectory_id")) GROUP BY t.task, f.flag
            """
    }

}

extension TaskStats {
    /// One row of ``DatasetStats/statsSQL(condition:bin:statusCount:integer:)`` as counts to add to its
    /// task's: a quality flag's `count` when `flag` is set (a flag this build does not know counts
    /// nothing), else `count` trajectories in reward bin `bin` (unknown when nil or negative), whose
    /// steps and status counts the backend sets from the row's other columns.
    public init(task: String, flag: String?, bin: Int?, count: Int) {
        self.init(task: task)
        if let flag {
            if let known = QualityFlag(rawValue: flag) { flags[known] = count }
            return
        }
        trajectories = count
        if let bin, bin >= 0 { rewards.bins[bin] = count } else { rewards.unknown = count }
    }
}

extension DatasetStats {
    /// The stats per task of the rows one run of ``statsSQL(condition:bin:statusCount:integer:)`` read,
    /// each row's counts added to its task's.
    public init(adding rows: [TaskStats]) {
        var tasks: [String: TaskStats] = [:]
        for row in rows { tasks[row.task, default: TaskStats(task: row.task)].add(row) }
        self.init(tasks: tasks.values.sorted { $0.task < $1.task })
    }
}
