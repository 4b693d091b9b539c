/// The counts the review list shows beside its rows, and the list position of one row, taken together
/// because both need a scan of the matching trajectories (``TrajectorySource/listCounts(matching:sortedBy:before:storeTotal:onOwnConnection:shouldStop:)``).
public struct ListCounts: Sendable, Hashable {
    /// Matching trajectories by status; their total is the list's length.
    public var counts: StatusCounts
    /// All trajectories in the store.
    public var storeTotal: Int
    /// How many matching trajectories precede the anchor the counts were asked for.
    public var position: Int

    public init(counts: StatusCounts, storeTotal: Int, position: Int) {
        self.counts = counts
        self.storeTotal = storeTotal
        self.position = position
    }
}
