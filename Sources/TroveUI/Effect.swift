import TroveCore

/// Work ``update(_:_:)`` asks the runtime to do, as data so tests can compare it. Results come back as
/// ``Action``s.
public enum Effect: Hashable, Sendable {
    case loadWindow(WindowRequest)
    /// Counts the list; may run off the loop, after the next frame (the result is ``Action/counted(generation:_:)``).
    case count(CountRequest)
    case loadTrajectory(id: String)
    /// Applies one change to the trajectories, committed before the result is shown.
    case applyLabel(LabelChange, ids: [String], advance: Bool)
    case undo
    case redo
    case loadStats
    case loadHistory(id: String)
    /// Remembers where the reviewer is, for the next session.
    case saveState(ReviewSessionState)
}
