extension TeamPolicySQL {
    /// The elements of the JSON array of text in `column` as a table aliased `alias`, one `value`
    /// column, for a `FROM` list.
    func jsonEach(_ column: String, as alias: String) -> String {
        switch dialect {
        case .sqlite: "json_each(\(column)) \(alias)"
        case .postgres: "json_array_elements_text(\(column)::json) AS \(alias)(value)"
        }
    }

    /// The distinct texts `query` selects in its column `value`, by code point, as a compact JSON array
    /// (`[]` for none): the tags column's form.
    func jsonArray(ofDistinct query: String) -> String {
        switch dialect {
        case .sqlite: "(SELECT json_group_array(value) FROM (SELECT DISTINCT \(query) ORDER BY 1))"
        case .postgres:
            """
            (SELECT COALESCE('[' || string_agg(to_json(v.value)::text, ',' ORDER BY v.value COLLATE "C") || ']', '[]')
             FROM (SELECT DISTINCT \(query)) v)
            """
        }
    }

    /// The decimals a median reward keeps: 12, more than any reward needs and fewer than the noise of
    /// averaging two doubles reaches (0.8 and 0.4 average to 0.6000000000000001, rounded to 0.6).
    static let medianRewardDecimals = 12

    /// `value`, a double, rounded to ``medianRewardDecimals`` decimals, still a double.
    func roundedMedian(_ value: String) -> String {
        switch dialect {
        case .sqlite: "round(\(value), \(Self.medianRewardDecimals))"
        case .postgres: "round((\(value))::numeric, \(Self.medianRewardDecimals))::double precision"
        }
    }

    /// The decisions of `targets` that have at least one reviewer label, as `label_current` rows:
    /// `trajectory_id, event_id, status, reward, reward_reason, tags, note, reviewer, at`.
    ///
    /// The status follows ``TeamPolicy``; the reward is the latest adjudicator's override, else the
    /// median of every reviewer's override (rounded to ``medianRewardDecimals`` decimals), else NULL
    /// (so the effective reward falls back to the environment's); its reason is the adjudicator's, or
    /// the one overriding reviewer's, else NULL; the tags are the union of every reviewer's; the event,
    /// note, reviewer and time are the deciding adjudicator's label's, else the latest label's.
    ///
    /// `targets` is a query selecting trajectory row ids in one column (duplicates are harmless); it is
    /// pasted into the statements and must bind its values the same way each time it appears. The
    /// policy is read from its table inside the statement rather than bound, so that a trigger, which
    /// cannot take arguments, runs the same SQL. A trajectory with one reviewer reads that label's event
    /// and nothing else; only trajectories with two or more labels pay for the median, and for the union
    /// of tags only when some label has tags (a second reviewer's bulk verdict on a million untagged
    /// trajectories spent a seventh of its decision statement's time merging empty arrays).
    public func decisions(of targets: String) -> String {
        let decided = "(r.status = 'accepted' OR r.status = 'rejected')"
        let tags = jsonArray(
            ofDistinct:
                "j.value FROM reviewer_current g, \(jsonEach("g.tags", as: "j")) WHERE g.trajectory_id = s.trajectory_id"
        )
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
                        ELSE (SELECT \(roundedMedian("avg(m.reward)")) FROM (
                                  SELECT q.reward, row_number() OVER (ORDER BY q.reward) AS n FROM reviewer_current q
                                  WHERE q.trajectory_id = s.trajectory_id AND q.reward IS NOT NULL) m
                              WHERE m.n = (s.overrides + 1) / 2 OR m.n = (s.overrides + 2) / 2) END AS reward,
                   CASE WHEN s.adjudicated_reward IS NOT NULL
                            THEN (SELECT a.reward_reason FROM label_event a WHERE a.id = s.adjudicated_reward)
                        WHEN s.overrides = 1 THEN s.any_reason END AS reward_reason,
                   CASE WHEN s.labels = 1 THEN d.tags
                        WHEN s.tagged = 0 THEN '[]'
                        ELSE \(tags) END AS tags,
                   d.note, d.reviewer, d.at
            FROM (
                SELECT r.trajectory_id, count(*) AS labels, count(*) FILTER (WHERE r.tags <> '[]') AS tagged,
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

    /// The decisions of `targets` when none of them has labels of two reviewers, as ``decisions(of:)``
    /// gives them but read from each trajectory's one label alone, without aggregating: its status (or
    /// `pending` when the policy wants more than one decision and the reviewer does not adjudicate),
    /// its reward override with its reason, tags, note, reviewer, time and event.
    ///
    /// `targets` is as for ``decisions(of:)``; a trajectory of `targets` with labels of two or more
    /// reviewers gets a row per label here, which is wrong: the caller establishes that there is none.
    public func soleLabelDecisions(of targets: String) -> String {
        """
        SELECT r.trajectory_id, r.event_id,
               CASE WHEN r.status <> 'pending' AND \(policy("min_reviews", else: "1")) > 1
                         AND NOT \(isAdjudicator("r.reviewer")) THEN 'pending'
                    ELSE r.status END AS status,
               r.reward, CASE WHEN r.reward IS NOT NULL THEN r.reward_reason END AS reward_reason, r.tags, r.note,
               r.reviewer, r.at
        FROM reviewer_current r WHERE r.trajectory_id IN (\(targets))
        """
    }

    /// The statements that make `label_current` and `label_tag` hold the decisions of `targets` (see
    /// ``decisions(of:)``): a trajectory no reviewer has a label on has no row.
    ///
    /// - parameter labelsRemoved: whether a reviewer label of `targets` may have been removed; when not,
    ///   every trajectory of `targets` keeps a label and the statement that deletes decisions is left out.
    /// - parameter soleLabels: whether no trajectory of `targets` has labels of two reviewers; when so,
    ///   the decisions are read from the labels (``soleLabelDecisions(of:)``) instead of aggregated.
    public func updateDecisions(_ targets: String, labelsRemoved: Bool = true, soleLabels: Bool = false) -> [String] {
        let decided = soleLabels ? soleLabelDecisions(of: targets) : decisions(of: targets)
        // SQLite needs a WHERE before an upsert's ON CONFLICT to parse it; PostgreSQL needs the alias.
        let rows =
            switch dialect {
            case .sqlite: "SELECT * FROM (\(decided)) WHERE 1 ORDER BY trajectory_id"
            case .postgres: "SELECT * FROM (\(decided)) AS d ORDER BY trajectory_id"
            }
        let upsert = """
            INSERT INTO label_current (trajectory_id, event_id, status, reward, reward_reason, tags, note, reviewer, at)
            \(rows)
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
            SELECT DISTINCT c.trajectory_id, j.value FROM label_current c, \(jsonEach("c.tags", as: "j"))
            WHERE c.trajectory_id IN (\(targets)) AND c.tags <> '[]'
            """,
        ]
        return [upsert] + (labelsRemoved ? [removal] : []) + tags
    }
}
