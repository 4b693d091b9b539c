extension TeamPolicySQL {
    /// The least time, in hours, a reviewer's recent label events must span to give a pace: five minutes.
    public static let shortestPaceSpan = 5.0 / 60

    /// `trove progress`'s query, one row per reviewer with an assignment or a label, in name order by
    /// code point: the name, how many trajectories are assigned to them (`assigned`), how many of those
    /// their current label accepts or rejects (`done`), how many trajectories their current label accepts
    /// or rejects, assigned or not (`decided`, what `decided:NAME` selects), and their pace (`rate`) in
    /// changes per hour over the hour up to their latest label event (NULL with fewer than two changes
    /// in it, or when they span less than ``shortestPaceSpan``). A change is a label batch (one key
    /// press, one `trove label`), however many trajectories it labeled: a scripted batch is not a pace.
    /// Events the import or a migration wrote are not work.
    public var progress: String {
        let day =
            switch dialect {
            case .sqlite: "julianday(e.at)"
            case .postgres: "extract(epoch FROM e.at::timestamptz)::double precision / 86400"
            }
        let byCodePoint =
            switch dialect {
            case .sqlite: "r.name"
            case .postgres: "r.name COLLATE \"C\""
            }
        return """
            WITH reviewer(name) AS (
                SELECT reviewer FROM assignment UNION SELECT reviewer FROM reviewer_current
            ), work AS (
                SELECT e.reviewer, COALESCE(e.batch, -e.id) AS change, \(day) AS day FROM label_event e
                WHERE e.origin <> 'import' AND e.origin <> 'migration'
            ), latest AS (
                SELECT reviewer, max(day) AS day FROM work GROUP BY reviewer
            ), pace AS (
                SELECT w.reviewer, count(DISTINCT w.change) AS events, (max(w.day) - min(w.day)) * 24 AS hours
                FROM work w JOIN latest l ON l.reviewer = w.reviewer
                WHERE w.day > l.day - 1.0 / 24 GROUP BY w.reviewer
            )
            SELECT r.name,
                   (SELECT count(*) FROM assignment a WHERE a.reviewer = r.name) AS assigned,
                   (SELECT count(*) FROM review_assignment a WHERE a.reviewer = r.name AND a.done = 1) AS done,
                   (SELECT count(*) FROM reviewer_current v WHERE v.reviewer = r.name AND v.status <> 'pending')
                       AS decided,
                   CASE WHEN p.events >= 2 AND p.hours >= \(Self.shortestPaceSpan) THEN (p.events - 1) / p.hours
                   END AS rate
            FROM reviewer r LEFT JOIN pace p ON p.reviewer = r.name ORDER BY \(byCodePoint)
            """
    }
}
