/// The SQL of ``TeamPolicy``'s rule that both store backends run, written once for SQLite and
/// PostgreSQL: the latest policy's settings, whether a reviewer adjudicates, and how a turn is decided
/// from every reviewer's mask (the `turn_label` view, docs/store.md).
///
/// The backends differ only where their SQL does: SQLite reads a JSON array with `json_each` and
/// gives comparisons as 0/1 integers; PostgreSQL reads it with `json_array_elements_text` and gives
/// booleans, cast here to the same 0/1 `bigint` so the views return the same values.
public struct TeamPolicySQL: Sendable {
    public let dialect: SQLDialect

    public init(_ dialect: SQLDialect) {
        self.dialect = dialect
    }

    /// The latest policy's value of `column`, or `fallback` when the store never set one.
    public func policy(_ column: String, else fallback: String) -> String {
        "COALESCE((SELECT \(column) FROM team_policy ORDER BY id DESC LIMIT 1), \(fallback))"
    }

    /// Whether `reviewer` is an adjudicator under the latest policy.
    public func isAdjudicator(_ reviewer: String) -> String {
        let adjudicators = policy("adjudicators", else: "'[]'")
        return switch dialect {
        case .sqlite: "\(reviewer) IN (SELECT value FROM json_each(\(adjudicators)))"
        case .postgres: "\(reviewer) IN (SELECT json_array_elements_text(\(adjudicators)::json))"
        }
    }

    /// `condition` as a 0/1 integer column (NULL when it is NULL).
    func flag(_ condition: String) -> String {
        switch dialect {
        case .sqlite: "(\(condition))"
        case .postgres: "(\(condition))::int::bigint"
        }
    }

    /// The `turn_label` view's query: one row per turn some reviewer masked or corrected, with
    /// `trajectory_id`, `turn`, `train` (0 do not train, 1 train, NULL as imported), `masked` (1 when
    /// `train` is 0), `disputed` (1 when enough reviewers set a mask and they disagree), `reviewers`
    /// (how many set a mask), `text` (the corrected text, NULL when none), `edited` (1 when `text` is
    /// set) and `at` (the latest change), from `turn_current` and `turn_event`.
    ///
    /// The policy decides a turn as it decides a trajectory, with "do not train" and "train" in place
    /// of reject and accept: an adjudicator's latest mask is final; else fewer than `min_reviews` masks
    /// leave the turn as imported; else `majority` needs more than half of them to agree and `unanimous`
    /// all of them, and without that agreement the turn stays as imported and is disputed. The text is
    /// the latest adjudicator's correction, else the latest correction of any reviewer.
    public var turnDecisions: String {
        let minReviews = policy("min_reviews", else: "1")
        return """
            SELECT trajectory_id, turn, train, COALESCE(\(flag("train = 0")), 0) AS masked,
                   \(flag("train IS NULL AND adjudication IS NULL AND reviewers >= \(minReviews)")) AS disputed,
                   reviewers, text, \(flag("text IS NOT NULL")) AS edited, at
            FROM (
                SELECT s.trajectory_id, s.turn, s.adjudication, s.reviewers, s.at,
                       (SELECT e.text FROM turn_event e WHERE e.id = COALESCE(s.adjudicated_text, s.latest_text))
                           AS text,
                       CASE WHEN s.adjudication IS NOT NULL
                                THEN (SELECT e.train FROM turn_event e WHERE e.id = s.adjudication)
                            WHEN s.reviewers < \(minReviews) THEN NULL
                            WHEN s.majority AND 2 * s.masks > s.reviewers THEN 0
                            WHEN s.majority AND 2 * (s.reviewers - s.masks) > s.reviewers THEN 1
                            WHEN s.masks = s.reviewers THEN 0
                            WHEN s.masks = 0 THEN 1 END AS train
                FROM (
                    SELECT c.trajectory_id, c.turn, count(c.train) AS reviewers,
                           count(*) FILTER (WHERE c.train = 0) AS masks,
                           max(c.event_id) FILTER (
                               WHERE c.train IS NOT NULL AND \(isAdjudicator("c.reviewer"))) AS adjudication,
                           max(c.event_id) FILTER (
                               WHERE c.text IS NOT NULL AND \(isAdjudicator("c.reviewer"))) AS adjudicated_text,
                           max(c.event_id) FILTER (WHERE c.text IS NOT NULL) AS latest_text,
                           max(c.at) AS at,
                           \(policy("consensus", else: "'majority'")) = 'majority' AS majority
                    FROM turn_current c GROUP BY c.trajectory_id, c.turn
                ) s
            ) d
            """
    }
}
