import TroveCore

// The reviewer's queue: the trajectories assigned to them that they have not decided yet.

extension AppState {
    /// Whether the list shows the reviewer's queue.
    public var showsQueue: Bool { filter.source == queueFilter.source }

    /// `Q`: from the queue to every trajectory, from anything else to the queue; read from its first
    /// row, like a filter typed at the prompt. A reviewer without assignments has no queue to show.
    mutating func toggleQueue() -> [Effect] {
        let leaving = showsQueue
        guard leaving || progress?.hasAssignments == true else {
            message = UserMessage("no queue: nothing is assigned to \(reviewer) (trove assign)")
            return []
        }
        filterOnTrial = filter
        filter = leaving ? Filter(nil) : queueFilter
        message = UserMessage(leaving ? "all trajectories" : "your queue: assigned to you, not decided yet")
        return [.loadWindow(windowRequest(.first))]
    }
}
