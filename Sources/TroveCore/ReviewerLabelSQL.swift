/// The SQL that keeps `reviewer_current` (each reviewer's current label on a trajectory) in step with
/// the label events, written once for both store backends: the statements are the same in SQLite's and
/// PostgreSQL's dialect, and each caller supplies the events or pairs they read.
public enum ReviewerLabelSQL {
    /// Makes each event that `events` selects its reviewer's label on its trajectory, replacing the label
    /// they had. `events` selects `trajectory_id, reviewer, id, status, reward, reward_reason, tags, note,
    /// at` (a query, or a `VALUES` row in a trigger).
    public static func upsert(_ events: String) -> String {
        """
        INSERT INTO reviewer_current (trajectory_id, reviewer, event_id, status, reward, reward_reason, tags, note, at)
        \(events)
        ON CONFLICT (trajectory_id, reviewer) DO UPDATE SET
            event_id = excluded.event_id, status = excluded.status, reward = excluded.reward,
            reward_reason = excluded.reward_reason, tags = excluded.tags, note = excluded.note, at = excluded.at
        """
    }

    /// The event a row trigger on `label_event` fires for, as the row ``upsert(_:)`` reads.
    public static let triggeringEvent = """
        VALUES (NEW.trajectory_id, NEW.reviewer, NEW.id, NEW.status, NEW.reward, NEW.reward_reason, NEW.tags,
            NEW.note, NEW.at)
        """

    /// Removes the empty labels (``isEmpty(_:)``) among the `(trajectory_id, reviewer)` pairs `pairs`
    /// selects: an empty label is no label, and `reviewer_current` keeps no row for it.
    public static func emptyRemoval(_ pairs: String) -> String {
        """
        DELETE FROM reviewer_current
        WHERE \(isEmpty("reviewer_current")) AND (trajectory_id, reviewer) IN (\(pairs))
        """
    }

    /// A label with nothing in it (what undoing a reviewer's first label leaves). `alias` names the row
    /// tested.
    public static func isEmpty(_ alias: String) -> String {
        """
        (\(alias).status = 'pending' AND \(alias).reward IS NULL AND \(alias).reward_reason IS NULL \
        AND \(alias).tags = '[]' AND \(alias).note IS NULL)
        """
    }
}
