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
    /// Takes back `reviewer`'s last label change.
    case undo(reviewer: String)
    /// Re-applies `reviewer`'s last undone label change.
    case redo(reviewer: String)
    case loadStats
    /// Looks up the ids that start with `prefix`; `submit` goes to the one it names.
    case findIDs(prefix: String, submit: Bool)
    /// Reads every tag in use in the store, for the tag prompt's menu.
    case loadTags
    case loadHistory(id: String)
    /// Remembers where `reviewer` is, for the next session.
    case saveState(ReviewSessionState, reviewer: String)
}
