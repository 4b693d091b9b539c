/// The batches that send a replaced record back for review, as both store backends test for them.
///
/// When `import --replace` gives a reviewed trajectory new bytes, the import writes one batch (by
/// ``LabelBatch/importReviewer``, origin `import`) holding a pending label event for every reviewer
/// with a label or turn event on it (keeping their rewards, tags and notes), and an event taking each
/// of their turn masks and corrections off. A label or turn label from a batch before that judged the
/// old bytes: an undo or redo that would bring one back brings back none of its accept, reject, mask
/// or correction (docs/reliability.md: replaced bytes are not reviewed bytes).
public enum ImportResetSQL {
    /// A condition: the trajectory of `event` (an alias of a `label_event` or `turn_event` row) was
    /// replaced by an import after the batch of `event` (batch ids grow with time on both tables).
    public static func replaced(after event: String) -> String {
        """
        EXISTS (SELECT 1 FROM label_event x WHERE x.trajectory_id = \(event).trajectory_id \
        AND x.origin = 'import' AND x.batch > \(event).batch)
        """
    }

    /// The trajectory id and reviewer of everyone with a label or turn event on the trajectories
    /// `targets` selects (one id column), trove's own resets (reviewer `trove`, origin `import`) left out: who
    /// a replacement's batch writes a pending label for, so that it marks every history it follows. A
    /// reviewer who labeled as `trove` before the name was refused is a reviewer like any other.
    public static func reviewersWithHistory(on targets: String) -> String {
        """
        SELECT trajectory_id, reviewer FROM label_event
        WHERE trajectory_id IN (SELECT id FROM \(targets))
          AND NOT (reviewer = '\(LabelBatch.importReviewer)' AND origin = 'import')
        UNION
        SELECT trajectory_id, reviewer FROM turn_event WHERE trajectory_id IN (SELECT id FROM \(targets))
        """
    }
}
