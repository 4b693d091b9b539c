/// The SQL of per-turn training masks and corrections: how each reviewer's current mask and correction
/// follow their turn events, and how a turn is decided from every reviewer's (the `turn_label` view).
enum TurnSQL {
    /// The `turn_label` view's query: one row per turn some reviewer masked or corrected, with
    /// `trajectory_id`, `turn`, `train` (0 do not train, 1 train, NULL as imported), `masked` (1 when
    /// `train` is 0), `disputed` (1 when enough reviewers set a mask and they disagree), `reviewers`
    /// (how many set a mask), `text` (the corrected text, NULL when none), `edited` (1 when `text` is
    /// set) and `at` (the latest change).
    ///
    /// The policy decides a turn as it decides a trajectory, with "do not train" and "train" in place
    /// of reject and accept: an adjudicator's latest mask is final; else fewer than `min_reviews` masks
    /// leave the turn as imported; else `majority` needs more than half of them to agree and `unanimous`
    /// all of them, and without that agreement the turn stays as imported and is disputed. The text is
    /// the latest adjudicator's correction, else the latest correction of any reviewer.
    static let decisions = """
        SELECT trajectory_id, turn, train, COALESCE(train = 0, 0) AS masked,
               train IS NULL AND adjudication IS NULL AND reviewers >= \(DecisionSQL.policy("min_reviews", else: "1"))
                   AS disputed,
               reviewers, text, text IS NOT NULL AS edited, at
        FROM (
            SELECT s.trajectory_id, s.turn, s.adjudication, s.reviewers, s.at,
                   (SELECT e.text FROM turn_event e WHERE e.id = COALESCE(s.adjudicated_text, s.latest_text)) AS text,
                   CASE WHEN s.adjudication IS NOT NULL
                            THEN (SELECT e.train FROM turn_event e WHERE e.id = s.adjudication)
                        WHEN s.reviewers < \(DecisionSQL.policy("min_reviews", else: "1")) THEN NULL
                        WHEN s.majority AND 2 * s.masks > s.reviewers THEN 0
                        WHEN s.majority AND 2 * (s.reviewers - s.masks) > s.reviewers THEN 1
                        WHEN s.masks = s.reviewers THEN 0
                        WHEN s.masks = 0 THEN 1 END AS train
            FROM (
                SELECT c.trajectory_id, c.turn, count(c.train) AS reviewers,
                       count(*) FILTER (WHERE c.train = 0) AS masks,
                       max(c.event_id) FILTER (
                           WHERE c.train IS NOT NULL AND \(DecisionSQL.isAdjudicator("c.reviewer"))) AS adjudication,
                       max(c.event_id) FILTER (
                           WHERE c.text IS NOT NULL AND \(DecisionSQL.isAdjudicator("c.reviewer"))) AS adjudicated_text,
                       max(c.event_id) FILTER (WHERE c.text IS NOT NULL) AS latest_text,
                       max(c.at) AS at,
                       \(DecisionSQL.policy("consensus", else: "'majority'")) = 'majority' AS majority
                FROM turn_current c GROUP BY c.trajectory_id, c.turn
            ) s
        )
        """

    /// For each turn event of one batch (the one argument), its reviewer's mask and correction on that
    /// turn from before it: what an undo writes. Selects `trajectory_id, turn, reviewer, id, train, text`.
    static let masksBeforeBatch = """
        SELECT e.trajectory_id, e.turn, e.reviewer, e.id, p.train, p.text
        FROM turn_event e LEFT JOIN turn_event p ON p.id = (
            SELECT max(q.id) FROM turn_event q
            WHERE q.trajectory_id = e.trajectory_id AND q.turn = e.turn AND q.reviewer = e.reviewer AND q.id < e.id)
        WHERE e.batch = ?
        """

    /// The turn events of one batch (the one argument) as they were written: what a redo writes again.
    static let masksOfBatch = "SELECT trajectory_id, turn, reviewer, id, train, text FROM turn_event WHERE batch = ?"

    /// The statements that make `turn_current` show the turn events of one batch (each statement's one
    /// argument): each event is its reviewer's mask and correction on its turn, and one back to as
    /// imported leaves no row.
    static let currentUpdates = [
        """
        INSERT INTO turn_current (trajectory_id, turn, reviewer, event_id, train, text, at)
        SELECT trajectory_id, turn, reviewer, id, train, text, at FROM turn_event
        WHERE batch = ? AND (train IS NOT NULL OR text IS NOT NULL) ORDER BY trajectory_id, turn, reviewer
        ON CONFLICT (trajectory_id, turn, reviewer) DO UPDATE SET
            event_id = excluded.event_id, train = excluded.train, text = excluded.text, at = excluded.at
        """,
        """
        DELETE FROM turn_current WHERE (trajectory_id, turn, reviewer) IN (
            SELECT trajectory_id, turn, reviewer FROM turn_event WHERE batch = ? AND train IS NULL AND text IS NULL)
        """,
    ]
}
