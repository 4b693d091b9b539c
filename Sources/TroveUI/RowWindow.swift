import TroveCore

/// The rows of the list the UI holds: a window around the cursor, never the whole store (lnav's
/// `list_data_source`). `rows[0]` sits at list position ``start``.
public struct RowWindow: Hashable, Sendable {
    /// The list position of the first row.
    public var start: Int
    public var rows: [TrajectoryRow]
    /// The list position the cursor should take.
    public var cursor: Int
    /// Whether the first row is the first of the list (nothing precedes it).
    public var reachesStart: Bool
    /// Whether the last row is the last of the list (nothing follows it).
    public var reachesEnd: Bool
    /// Whether the window was placed around a new anchor (a ``WindowRequest`` without a known position).
    /// Such a window numbers its rows from 0 at its first row, which is the list position only when it
    /// ``reachesStart``; the list's counts and the anchor's true position are taken after it is shown.
    public var isPlacedFresh: Bool
    /// The row a freshly placed window was loaded around (the cursor's row, or where it would be when it
    /// no longer matches): what the count that follows measures the position of. Nil for an empty list.
    public var anchor: TrajectoryRow?
    /// A note for the status bar (say, "no pending trajectory after this one").
    public var message: UserMessage?

    public init(
        start: Int, rows: [TrajectoryRow], cursor: Int, reachesStart: Bool = false, reachesEnd: Bool = false,
        isPlacedFresh: Bool = false, anchor: TrajectoryRow? = nil, message: UserMessage? = nil
    ) {
        self.start = start
        self.rows = rows
        self.cursor = cursor
        self.reachesStart = reachesStart
        self.reachesEnd = reachesEnd
        self.isPlacedFresh = isPlacedFresh
        self.anchor = anchor
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
        /// With `undecidedBy` (blind review, where the team's decision is hidden), the first that reviewer
        /// has not accepted or rejected.
        case nextPending(after: String, undecidedBy: String?)
        /// The first disputed trajectory after this one (from the top without one, wrapping); stays when
        /// there is none.
        case nextDisputed(after: String?)
        /// The next (or previous) trajectory whose messages hold `search` as whole words (``FilterPredicate/has(_:)``),
        /// wrapping around.
        case hit(search: String, from: String?, forward: Bool)
    }

    public var anchor: Anchor
    public var filter: Filter
    public var sort: ListSort
    /// Rows to load on each side of the anchor.
    public var radius: Int
    /// The anchor's list position when the state already knows it (a scroll past the loaded rows), in
    /// the list's current numbering. Without it the window is placed fresh (``RowWindow/isPlacedFresh``):
    /// the runtime never counts before a frame, since at a million rows that count is what the frame
    /// would wait for.
    public var knownPosition: Int?
    /// The list positions of the rows the state holds (by trajectory id), in its numbering: when the
    /// runtime finds the anchor among them (the next pending row is on screen), the window keeps the
    /// numbering instead of being placed fresh.
    public var knownPositions: [String: Int]
    /// The rows the state holds, when the window only moves along the list (a scroll past the loaded
    /// rows, with ``knownPosition``): the rows of the new window it holds are kept as they are, and only
    /// the others are read. Nil when every row is read again.
    public var held: RowWindow?

    public init(
        anchor: Anchor, filter: Filter, sort: ListSort, radius: Int, knownPosition: Int? = nil,
        knownPositions: [String: Int] = [:], held: RowWindow? = nil
    ) {
        self.anchor = anchor
        self.filter = filter
        self.sort = sort
        self.radius = radius
        self.knownPosition = knownPosition
        self.knownPositions = knownPositions
        self.held = held
    }
}
