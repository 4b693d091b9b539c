import TroveCore

/// The SQL that derives trajectories' decisions (`label_current`, `label_tag`) from their reviewers'
/// labels (`reviewer_current`) under the store's latest `team_policy`, set-based: one statement per
/// table for any number of trajectories. The store runs it for the trajectories a batch touched, and
/// for all when the policy changes; the version 5 trigger runs it for an event written from outside.
///
/// `targets` is a query selecting trajectory row ids in one column (duplicates are harmless); it is
/// pasted into the statements and must bind its values the same way each time it appears.
///
/// Implementation note: the policy is read from its table inside the statement rather than bound, so
/// that the trigger, which cannot take arguments, runs the same SQL. Each uncorrelated subquery on
/// `team_policy` is evaluated once per statement. A trajectory with one reviewer reads that label's
/// event and nothing else; only trajectories with two or more labels pay for the union of tags and
/// the median.
enum DecisionSQL {
    /// The latest policy's value of `column`, or `fallback` when the store never set one.
    static func policy(_ column: String, else fallback: String) -> String {
        TeamPolicySQL(.sqlite).policy(column, else: fallback)
    }

    /// Whether `reviewer` is an adjudicator under the latest policy.
    static func isAdjudicator(_ reviewer: String) -> String {
        TeamPolicySQL(.sqlite).isAdjudicator(reviewer)
    }

    /// The decisions of `targets` that have at least one reviewer label, as `label_current` rows:
    /// `trajectory_id, event_id, status, reward, reward_reason, tags, note, reviewer, at`.
    ///
    /// The status follows ``TeamPolicy``; the reward is the latest adjudicator's override, else the
    /// median of every reviewer's override, else NULL (so the effective reward falls back to the
    /// environment's); its reason is the adjudicator's, or the one overriding reviewer's, else NULL;
    /// the tags are the union of every reviewer's; the event, note, reviewer and time are the deciding
    /// adjudicator's label's, else the latest label's.
    static func decisions(of targets: String) -> String {
        let decided = "(r.status = 'accepted' OR r.status = 'rejected')"
        return """
            SELECT s.trajectory_id, d.id AS event_id,
                   CASE WHEN s.adjudication IS NOT NULL THEN d.status
                        WHEN s.decisions < \(policy("min_reviews", else: "1")) THEN 'pending'
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
                        ELSE (SELECT json_group_array(value) FROM (
                                  SELECT DISTINCT j.value FROM reviewer_current g, json_each(g.tags) j
                                  WHERE g.trajectory_id = s.trajectory_id ORDER BY 1)) END AS tags,
                   d.note, d.reviewer, d.at
            FROM (
                SELECT r.trajectory_id, count(*) AS labels,
                       count(*) FILTER (WHERE \(decided)) AS decisions,
                       count(*) FILTER (WHERE r.status = 'accepted') AS accepts,
                       count(*) FILTER (WHERE r.status = 'rejected') AS rejects,
                       max(r.event_id) FILTER (WHERE \(decided) AND \(isAdjudicator("r.reviewer"))) AS adjudication,
                       max(r.event_id) FILTER (
                           WHERE r.reward IS NOT NULL AND \(isAdjudicator("r.reviewer"))) AS adjudicated_reward,
                       max(r.event_id) AS latest, count(r.reward) AS overrides, max(r.reward) AS any_reward,
                       max(r.reward_reason) FILTER (WHERE r.reward IS NOT NULL) AS any_reason,
                       \(policy("consensus", else: "'majority'")) = 'majority' AS majority
                FROM reviewer_current r WHERE r.trajectory_id IN (\(targets)) GROUP BY r.trajectory_id
            ) s JOIN label_event d ON d.id = COALESCE(s.adjudication, s.latest)
            """
    }

    /// The statements that make `label_current` and `label_tag` hold the decisions of `targets`: a
    /// trajectory no reviewer has a label on has no row.
    ///
    /// - parameter labelsRemoved: whether a reviewer label of `targets` may have been removed; when not,
    ///   every trajectory of `targets` keeps a label and the statement that deletes decisions is left out.
    static func update(_ targets: String, labelsRemoved: Bool = true) -> [String] {
        let upsert = """
            INSERT INTO label_current (trajectory_id, event_id, status, reward, reward_reason, tags, note, reviewer, at)
            SELECT * FROM (\(decisions(of: targets))) WHERE 1 ORDER BY trajectory_id
            ON CONFLICT (trajectory_id) DO UPDATE SET
                event_id = excluded.event_id, status = excluded.status, reward = excluded.reward,
                reward_reason = excluded.reward_reason, tags = excluded.tags, note = excluded.note,
                reviewer = excluded.reviewer, at = excluded.at
            """
        let removal = """
            DELETE FROM label_current WHERE trajectory_id IN (\(targets))
                AND NOT EXISTS (SELECT 1 FROM reviewer_current r WHERE r.trajectory_id = label_current.trajectory_id)
            """
        let tags = [
            "DELETE FROM label_tag WHERE trajectory_id IN (\(targets))",
            """
            INSERT INTO label_tag (trajectory_id, tag)
            SELECT DISTINCT c.trajectory_id, j.value FROM label_current c, json_each(c.tags) j
            WHERE c.trajectory_id IN (\(targets)) AND c.tags <> '[]'
            """,
        ]
        return [upsert] + (labelsRemoved ? [removal] : []) + tags
    }

    /// A label with nothing in it (what undoing a reviewer's first label leaves): `reviewer_current`
    /// keeps no row for it. `alias` names the row tested.
    static func isEmpty(_ alias: String) -> String {
        """
        (\(alias).status = 'pending' AND \(alias).reward IS NULL AND \(alias).reward_reason IS NULL \
        AND \(alias).tags = '[]' AND \(alias).note IS NULL)
        """
    }
}
