import TroveCore

/// The rows of the list the UI holds: a window around the cursor, never the whole store (lnav's
/// `list_data_source`). `rows[0]` sits at list position ``start``.
public struct RowWindow: Hashable, Sendable {
    /// The list position of the first row.
    public var start: Int
    public var rows: [TrajectoryRow]
    /// The list position the cursor should take.
    public var cursor: Int
    /// Matching trajectories, when the request asked for counts.
    public var counts: StatusCounts?
    /// All trajectories in the store, when the request asked for counts.
    public var storeTotal: Int?
    /// A note for the status bar (say, "no pending trajectory after this one").
    public var message: UserMessage?

    public init(
        start: Int, rows: [TrajectoryRow], cursor: Int, counts: StatusCounts? = nil, storeTotal: Int? = nil,
        message: UserMessage? = nil
    ) {
        self.start = start
        self.rows = rows
        self.cursor = cursor
        self.counts = counts
        self.storeTotal = storeTotal
        self.message = message
    }

    /// One past the last position the window holds.
    public var end: Int { start + rows.count }

    /// The row at list position `position`, when the window holds it.
    public func row(at position: Int) -> TrajectoryRow? {
        (start..<end).contains(position) ? rows[position - start] : nil
    }
}

/// What the runtime should load into the list: rows around an anchor, in the list's filter and sort.
public struct WindowRequest: Hashable, Sendable {
    /// Where the cursor goes.
    public enum Anchor: Hashable, Sendable {
        case first
        case last
        /// This trajectory; when it no longer matches the filter, the row now at its place.
        case row(id: String)
        /// The first pending trajectory after this one (wrapping to the top); stays when there is none.
        case nextPending(after: String)
        /// The next (or previous) trajectory whose messages contain `search`, wrapping around.
        case hit(search: String, from: String?, forward: Bool)
    }

    public var anchor: Anchor
    public var filter: Filter
    public var sort: ListSort
    /// Rows to load on each side of the anchor.
    public var radius: Int
    /// Whether to count matching and total trajectories too (after a filter change or a label).
    public var counting: Bool
    /// The anchor's list position when the state already knows it (a scroll past the loaded rows),
    /// so the runtime need not count the rows before it: at a million rows that count is what a
    /// frame would wait for.
    public var knownPosition: Int?

    public init(
        anchor: Anchor, filter: Filter, sort: ListSort, radius: Int, counting: Bool, knownPosition: Int? = nil
    ) {
        self.anchor = anchor
        self.filter = filter
        self.sort = sort
        self.radius = radius
        self.counting = counting
        self.knownPosition = knownPosition
    }
}
