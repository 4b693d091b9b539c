import TroveCore

/// The SQL of per-turn training masks and corrections: how each reviewer's current mask and correction
/// follow their turn events, and how a turn is decided from every reviewer's (the `turn_label` view).
enum TurnSQL {
    /// The `turn_label` view's query (``TeamPolicySQL/turnDecisions``).
    static let decisions = TeamPolicySQL(.sqlite).turnDecisions

    /// For each turn event of one batch (the one argument), its reviewer's mask and correction on that
    /// turn from before it: what an undo writes; none when a replaced record's import reset the turn after
    /// the batch (``ImportResetSQL``). Selects `trajectory_id, turn, reviewer, id, train, text`.
    static let masksBeforeBatch = """
        SELECT e.trajectory_id, e.turn, e.reviewer, e.id,
               CASE WHEN \(ImportResetSQL.replaced(after: "e")) THEN NULL ELSE p.train END AS train,
               CASE WHEN \(ImportResetSQL.replaced(after: "e")) THEN NULL ELSE p.text END AS text
        FROM turn_event e LEFT JOIN turn_event p ON p.id = (
            SELECT max(q.id) FROM turn_event q
            WHERE q.trajectory_id = e.trajectory_id AND q.turn = e.turn AND q.reviewer = e.reviewer AND q.id < e.id)
        WHERE e.batch = ?
        """

    /// The turn events of one batch (the one argument) as they were written: what a redo writes again;
    /// none on a turn a replaced record's import reset after the batch.
    static let masksOfBatch = """
        SELECT e.trajectory_id, e.turn, e.reviewer, e.id,
               CASE WHEN \(ImportResetSQL.replaced(after: "e")) THEN NULL ELSE e.train END AS train,
               CASE WHEN \(ImportResetSQL.replaced(after: "e")) THEN NULL ELSE e.text END AS text
        FROM turn_event e WHERE e.batch = ?
        """

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
