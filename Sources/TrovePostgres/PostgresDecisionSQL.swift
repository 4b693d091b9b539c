import TroveCore

/// The SQL that derives trajectories' decisions (`label_current`, `label_tag`) from their reviewers'
/// labels (`reviewer_current`) under the latest `team_policy`: the SQLite store's `DecisionSQL` in
/// PostgreSQL's syntax, giving the same values.
///
/// `targets` is a query selecting trajectory row ids in one column (duplicates are harmless); it is
/// pasted into the statements, and its parameters (PostgreSQL numbers them) serve every copy.
///
/// Implementation note: a decision's tags are the union of its reviewers' as compact JSON text, sorted
/// in byte order, built by hand: `json_agg` would put a space after each comma, and SQLite's
/// `json_group_array` writes none.
enum PostgresDecisionSQL {
    private static let policy = TeamPolicySQL(.postgres)

    /// The decisions of `targets` that have at least one reviewer label, as `label_current` rows:
    /// `trajectory_id, event_id, status, reward, reward_reason, tags, note, reviewer, at`.
    static func decisions(of targets: String) -> String {
        let decided = "(r.status = 'accepted' OR r.status = 'rejected')"
        return """
            SELECT s.trajectory_id, d.id AS event_id,
                   CASE WHEN s.adjudication IS NOT NULL THEN d.status
                        WHEN s.decisions < \(policy.policy("min_reviews", else: "1")) THEN 'pending'
                        WHEN 2 * s.accepts > s.decisions AND s.majority THEN 'accepted'
                        WHEN 2 * s.rejects > s.decisions AND s.majority THEN 'rejected'
                        WHEN s.accepts = s.decisions THEN 'accepted'
                        WHEN s.rejects = s.decisions THEN 'rejected'
                        ELSE 'disputed' END AS status,
                   CASE WHEN s.adjudicated_reward IS NOT NULL
                            THEN (SELECT a.reward FROM label_event a WHERE a.id = s.adjudicated_reward)
                        WHEN s.overrides <= 1 THEN s.any_reward
                        ELSE (SELECT avg(m.reward) FROM (
                                  SELECT q.reward, row_number() OVER (ORDER BY q.reward) AS n FROM reviewer_current q
                                  WHERE q.trajectory_id = s.trajectory_id AND q.reward IS NOT NULL) m
                              WHERE m.n = (s.overrides + 1) / 2 OR m.n = (s.overrides + 2) / 2) END AS reward,
                   CASE WHEN s.adjudicated_reward IS NOT NULL
                            THEN (SELECT a.reward_reason FROM label_event a WHERE a.id = s.adjudicated_reward)
                        WHEN s.overrides = 1 THEN s.any_reason END AS reward_reason,
                   CASE WHEN s.labels = 1 THEN d.tags
                        ELSE (SELECT COALESCE(
                                  '[' || string_agg(to_json(u.tag)::text, ',' ORDER BY u.tag COLLATE "C") || ']', '[]')
                              FROM (SELECT DISTINCT j.tag FROM reviewer_current g,
                                        json_array_elements_text(g.tags::json) j(tag)
                                    WHERE g.trajectory_id = s.trajectory_id) u) END AS tags,
                   d.note, d.reviewer, d.at
            FROM (
                SELECT r.trajectory_id, count(*) AS labels,
                       count(*) FILTER (WHERE \(decided)) AS decisions,
                       count(*) FILTER (WHERE r.status = 'accepted') AS accepts,
                       count(*) FILTER (WHERE r.status = 'rejected') AS rejects,
                       max(r.event_id) FILTER (
                           WHERE \(decided) AND \(policy.isAdjudicator("r.reviewer"))) AS adjudication,
                       max(r.event_id) FILTER (
                           WHERE r.reward IS NOT NULL AND \(policy.isAdjudicator("r.reviewer"))) AS adjudicated_reward,
                       max(r.event_id) AS latest, count(r.reward) AS overrides, max(r.reward) AS any_reward,
                       max(r.reward_reason) FILTER (WHERE r.reward IS NOT NULL) AS any_reason,
                       \(policy.policy("consensus", else: "'majority'")) = 'majority' AS majority
                FROM reviewer_current r WHERE r.trajectory_id IN (\(targets)) GROUP BY r.trajectory_id
            ) s JOIN label_event d ON d.id = COALESCE(s.adjudication, s.latest)
            """
    }

    /// The statements that make `label_current` and `label_tag` hold the decisions of `targets`: a
    /// trajectory no reviewer has a label on has no row.
    static func update(_ targets: String) -> [String] {
        [
            """
            INSERT INTO label_current (trajectory_id, event_id, status, reward, reward_reason, tags, note, reviewer, at)
            SELECT * FROM (\(decisions(of: targets))) x ORDER BY trajectory_id
            ON CONFLICT (trajectory_id) DO UPDATE SET
                event_id = excluded.event_id, status = excluded.status, reward = excluded.reward,
                reward_reason = excluded.reward_reason, tags = excluded.tags, note = excluded.note,
                reviewer = excluded.reviewer, at = excluded.at
            """,
            """
            DELETE FROM label_current WHERE trajectory_id IN (\(targets))
                AND NOT EXISTS (SELECT 1 FROM reviewer_current r WHERE r.trajectory_id = label_current.trajectory_id)
            """,
            "DELETE FROM label_tag WHERE trajectory_id IN (\(targets))",
            """
            INSERT INTO label_tag (trajectory_id, tag)
            SELECT DISTINCT c.trajectory_id, j.tag FROM label_current c, json_array_elements_text(c.tags::json) j(tag)
            WHERE c.trajectory_id IN (\(targets)) AND c.tags <> '[]'
            """,
        ]
    }
}
