import TroveCore

/// What the runtime should count for the list, after the frame that shows a freshly placed window: the
/// matching trajectories by status, the store's size, and the position of the window's anchor.
///
/// Counts run off the runtime's loop and may finish after the list changed again; the state takes a
/// result only when its ``generation`` is still the list's (``AppState/ListState/countGeneration``).
public struct CountRequest: Hashable, Sendable {
    public var filter: Filter
    public var sort: ListSort
    /// The row whose position to take; nil when the window already knows its positions.
    public var anchor: TrajectoryRow?
    /// The store's size when the list knows it (nothing imported since it was counted), so the count
    /// need not take it again.
    public var storeTotal: Int?
    /// The list's count generation when the request was made.
    public var generation: Int

    public init(filter: Filter, sort: ListSort, anchor: TrajectoryRow?, storeTotal: Int? = nil, generation: Int) {
        self.filter = filter
        self.sort = sort
        self.anchor = anchor
        self.storeTotal = storeTotal
        self.generation = generation
    }
}
