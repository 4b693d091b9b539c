import TroveCore

/// Work ``update(_:_:)`` asks the runtime to do, as data so tests can compare it. Results come back as
/// ``Action``s.
public enum Effect: Hashable, Sendable {
    case loadWindow(WindowRequest)
    /// Counts the list; may run off the loop, after the next frame (the result is ``Action/counted(generation:_:)``).
    case count(CountRequest)
    /// Loads a trajectory as the screen shows it, each text cut to ``TrajectoryLayout/textBudget``.
    case loadTrajectory(id: String)
    /// Reads the bytes `bytes` of message `message`'s text of trajectory `id` (a page of a folded text).
    case loadTextPage(id: String, message: Int, bytes: Range<Int>)
    /// Applies one change to the trajectories as `reviewer`, committed before the result is shown.
    case applyLabel(LabelChange, ids: [String], advance: Bool, reviewer: String)
    /// Counts the trajectories of `filter` whose label by `reviewer` `change` would alter, writing nothing.
    case previewBatch(LabelChange, filter: Filter, reviewer: String)
    /// Applies `change` to every trajectory of `filter` as `reviewer`: one batch, one undo step.
    case applyBatch(LabelChange, filter: Filter, reviewer: String)
    /// Sets `reviewer`'s training mask on agent turn `turn` (a message index) of trajectory `id`.
    case setTraining(TurnTraining, turn: Int, id: String, reviewer: String)
    /// Opens agent turn `turn` of trajectory `id` (as corrected, else as imported) in the editor, outside
    /// the screen, and stores what comes back as `reviewer`'s correction.
    case editTurn(id: String, turn: Int, reviewer: String)
    /// Shows agent turn `turn`'s correction against its imported text in the pager.
    case pageCorrection(id: String, turn: Int)
    /// Takes back `reviewer`'s last label change.
    case undo(reviewer: String)
    /// Re-applies `reviewer`'s last undone label change.
    case redo(reviewer: String)
    /// Counts the store per task; for a blind reviewer, review progress from their own decisions only.
    case loadStats(blindReviewer: String?)
    /// Shows trajectory `id`'s whole record, re-indented, in the pager, outside the screen, and comes
    /// back to it.
    case pageRecord(id: String)
    /// Looks up the ids that start with `prefix`; `submit` goes to the one it names.
    case findIDs(prefix: String, submit: Bool)
    /// Reads the tags in use in the store, for the tag prompt's menu: every reviewer's, or with
    /// `blindReviewer` only that reviewer's own (another's tag names would tell their judgement).
    case loadTags(blindReviewer: String?)
    case loadHistory(id: String)
    /// Reads every reviewer's current label on trajectory `id` (the result is
    /// ``Action/reviewerLabelsLoaded(id:_:)``): the reward and note prompts open holding the reviewer's own.
    case loadReviewerLabels(id: String)
    /// Loads the rows of the runs in task group `group`, but `excluding` (the open trajectory).
    case loadGroupRuns(group: String, excluding: String)
    /// Loads the run the open trajectory is compared with.
    case loadComparison(id: String)
    /// Remembers where `reviewer` is, for the next session.
    case saveState(ReviewSessionState, reviewer: String)
}
