import TroveCore

/// Everything the review UI shows, as one value: ``update(_:_:)`` changes it and the screens render it.
/// It holds a window of list rows, never the whole store.
public struct AppState: Hashable, Sendable {
    /// The list screen's part: the row window, the cursor and the counts.
    ///
    /// Counts come after the rows: a freshly placed window (a new filter, sort, label or jump) is shown
    /// at once, numbered from its first row, and the counts that follow give the list's length and
    /// shift the numbering to true list positions. Until then the counts are nil and
    /// ``provisionalAnchor`` is set; moves stay within the loaded rows, which always reach a page past
    /// the cursor, or the list's ends when the window holds them.
    public struct ListState: Hashable, Sendable {
        public var window = RowWindow(start: 0, rows: [], cursor: 0)
        /// The cursor's list position.
        public var cursor = 0
        /// The list position shown on the first screen row.
        public var top = 0
        /// Matching trajectories by status, their total the list's length; nil while being counted.
        public var counts: StatusCounts?
        /// All trajectories in the store; nil until counted, and again once the store changed. Labels
        /// and filters do not change it, so it is kept across counts.
        public var storeTotal: Int?
        /// While positions are provisional: the position, in the provisional numbering, of the row the
        /// pending count measures. Nil once positions are true list positions.
        public var provisionalAnchor: Int?
        /// Which count the list waits for: a result of another generation is stale and dropped.
        public var countGeneration = 0
        /// The next window that keeps the numbering is counted again (labels changed the counts), with
        /// the counts shown meanwhile left on screen.
        public var recountsAfterLoad = false
        /// While such a recount runs: the position, in the current numbering, of the row it measures; the
        /// count moves the numbering if that row's true position differs (a labeled row left the list).
        public var recountAnchor: Int?

        public init() {}

        /// How many rows the list has; nil while being counted.
        public var total: Int? { counts?.total }

        /// Whether positions are true list positions (the first row is 0).
        public var isPositioned: Bool { provisionalAnchor == nil }

        /// Whether the list is known to have no rows.
        public var isEmpty: Bool {
            total.map { $0 == 0 } ?? (window.rows.isEmpty && window.reachesStart && window.reachesEnd)
        }

        /// The first position the cursor may take: 0, or the window's first row while positions are provisional.
        var firstPosition: Int { isPositioned ? 0 : window.start }

        /// One past the last position the cursor may take: the list's length, or the window's end while
        /// the length is being counted.
        var endPosition: Int { total ?? window.end }

        /// Whether the window holds the list's first row.
        var holdsStart: Bool { window.reachesStart || (isPositioned && window.start <= 0) }

        /// Whether the window holds the list's last row.
        var holdsEnd: Bool { window.reachesEnd || total.map { window.end >= $0 } ?? false }

        /// Moves every position by `delta`: provisional numbering becoming true positions.
        mutating func shift(by delta: Int) {
            window.start += delta
            window.cursor += delta
            cursor += delta
            top += delta
        }
    }

    /// Which parts of a trajectory are shown; kept when another trajectory is opened.
    public struct ViewOptions: Hashable, Sendable {
        public var thoughts = true
        public var observations = true
        public var metadata = false
        /// Prompt, handshake and in-context example turns.
        public var context = false
        /// The original messages instead of steps.
        public var raw = false

        public init() {}
    }

    /// The open trajectory and where the reader is in it.
    public struct Document: Hashable, Sendable {
        /// The trajectory, its texts as loaded (cut to a budget when it came as an excerpt).
        public var stored: StoredTrajectory
        /// The full size in bytes of each text the store cut (see ``TrajectoryExcerpt/cuts``).
        public var cuts: [TextPart: Int] = [:]
        /// The start of the metadata's JSON text, when the metadata was too large to load.
        public var metadataHead: String?
        /// The page shown of each message text read past its first page, by message index.
        public var pages: [Int: TextPage] = [:]
        /// The first display line on screen.
        public var scroll = 0
        /// The first line of the steps on screen when the record view (`R`) opened: where leaving it
        /// goes back to.
        public var stepsScroll = 0
        /// Steps whose long observation is shown in full.
        public var unfolded: Set<Int> = []
        /// The step `]` / `[` (or `G`) selected: highlighted, its heading scrolled to the top, and the
        /// one the status bar counts; nil until one is selected. A scroll that leaves none of its lines on
        /// screen moves it to a step on screen (``AppState/keepSelectionOnScreen()``).
        public var selectedStep: Int?
        /// The search hit `/`, `n` or `N` went to, shown with context above it.
        public var hit: SearchHit?
        /// The ``TaskGroup`` of the trajectory's task instance, hashed once when it opens; nil when it
        /// states no task, or when the excerpt cut its task text (the hash needs the whole text).
        public let group: String?
        /// Every reviewer's current label on it (``ReviewerTable`` shows them side by side).
        public var labels: [ReviewerLabel] = []

        public init(_ stored: StoredTrajectory) {
            self.stored = stored
            self.group = TaskGroup.id(of: stored.trajectory, parsed: stored.parsed)
        }

        public init(_ excerpt: TrajectoryExcerpt) {
            self.stored = excerpt.stored
            self.cuts = excerpt.cuts
            self.metadataHead = excerpt.metadataHead
            self.group = excerpt.group
        }

        public var id: String { stored.trajectory.id }
    }

    public var size: Size
    /// The screens, the current one last; never empty, the list first.
    public var screens: [Screen] = [.list]
    /// The prompt with the keyboard, if any.
    public var prompt: Prompt?
    /// Who labels: written into every label event.
    public var reviewer: String
    /// Hides the environment's reward, the source model and other reviewers' labels, so they cannot
    /// bias the reviewer: in the list, the header, stats, history, sorting and filters.
    public var blind: Bool
    /// The tags the tag prompt offers by number: the configured ones, then the store's other tags in
    /// use, then tags typed by name this session, each once.
    public var tagSet: [String]
    /// What the title bar calls the store.
    public var storeName: String
    /// The store cannot be written (a write-protected file): labeling is disabled and the title says so.
    public var readOnly: Bool
    public var list = ListState()
    public var filter = Filter(nil)
    public var sort = ListSort()
    /// The last search, for `n` / `N` and highlighting.
    public var search: String?
    public var document: Document?
    public var view = ViewOptions()
    public var stats: DatasetStats?
    /// Reviewers' agreement, shown on the stats screen when two reviewers decided a trajectory.
    public var agreement: AgreementReport?
    /// The trajectory whose history is shown, and its events.
    public var history: [LabelEvent] = []
    /// The runs of the open trajectory's task instance and the one it is compared with (`=`).
    public var comparison: Comparison?
    /// First line shown on the help, stats and history screens.
    public var pageScroll = 0
    public var message: UserMessage?
    /// While a new filter's first window loads: the filter to go back to if the store fails on it.
    /// The new filter is saved for the next session only once its rows load.
    public var filterOnTrial: Filter?
    /// Open the cursor's trajectory once the next window arrives.
    public var openAfterLoad = false
    /// `n` or `N` went past the open trajectory's last (first) hit: the trajectory the search loads next
    /// is shown at its first (last) hit, even when the search wrapped round to the same one.
    public var hitAfterLoad: Bool?
    /// The trajectory the pane beside the list asked for and has not received yet (see ``showsSideBySide``).
    public var followedID: String?
    /// The id `:` went to, until its window arrives: a window landing elsewhere means the filter hides it,
    /// and is dropped (``refusesGoTo(_:)``).
    public var goingTo: String?
    public var isQuitting = false
    /// Whether the team policy makes the reviewer an adjudicator: their accept or reject is final.
    public var isAdjudicator = false
    /// How far the reviewer is through their assignments; nil until read.
    public var progress: QueueProgress?
    /// The open trajectory's display lines, laid out once for the inputs they were laid out for.
    var layoutCache = LayoutCache()

    /// The tags offered when none are configured.
    public static let defaultTags = ["wrong-answer", "leaked-label", "thought-mismatch", "truncated", "format-error"]

    public init(
        size: Size, reviewer: String, blind: Bool = false, tagSet: [String] = AppState.defaultTags,
        storeName: String = "", readOnly: Bool = false
    ) {
        self.size = size
        self.reviewer = reviewer
        self.blind = blind
        self.tagSet = tagSet
        self.storeName = storeName
        self.readOnly = readOnly
    }

    // MARK: - Derived

    /// The reviewer when the review is blind, else nil: what blind rules are applied for.
    var blindReviewer: String? { blind ? reviewer : nil }

    /// The list columns blind review does not sort by: ordering by a reward reveals it, and ordering by
    /// the decision gathers the rows another reviewer decided (the status column shows the reviewer's own).
    var hiddenColumns: Set<ListColumn> { blind ? [.envReward, .reward, .status] : [] }

    /// Whether the reviewer may see the trajectory's decision and label (reward, tags, note): in blind
    /// review only once they have accepted or rejected it themselves, or while every label on it is
    /// their own, so that no other reviewer's judgement steers theirs.
    func showsLabel(of row: TrajectoryRow?) -> Bool {
        guard blind else { return true }
        guard let row else { return false }
        return Self.showsTeamLabel(
            own: row.reviewerStatuses[reviewer], othersLabelled: row.reviewerStatuses.keys.contains { $0 != reviewer })
    }

    /// The rule of ``showsLabel(of:)`` for a blind reviewer whose own decision is `own`: the label drawn
    /// from every reviewer's shows once they accepted or rejected, or while nobody else labelled.
    static func showsTeamLabel(own: LabelStatus?, othersLabelled: Bool) -> Bool {
        own == .accepted || own == .rejected || !othersLabelled
    }

    /// ``showsTeamLabel(own:othersLabelled:)`` for `reviewer` over every reviewer's label on a trajectory.
    static func showsTeamLabel(_ labels: [ReviewerLabel], reviewer: String) -> Bool {
        showsTeamLabel(
            own: labels.first { $0.reviewer == reviewer }?.label.status,
            othersLabelled: labels.contains { $0.reviewer != reviewer })
    }

    /// Whether the reviewer may see the open trajectory's decision and label, by the rule of
    /// ``showsLabel(of:)`` applied to the reviewers' labels loaded with it.
    func showsLabel(of document: Document) -> Bool {
        guard blind else { return true }
        return Self.showsTeamLabel(document.labels, reviewer: reviewer)
    }

    /// The decision shown for a row whose decision is `status`: in blind review, while the label is
    /// hidden, `pending` (the reviewer's own, since they have not decided), so that neither the list
    /// nor the title tells which trajectories another reviewer decided.
    func shownStatus(_ status: LabelStatus, of row: TrajectoryRow?) -> LabelStatus {
        showsLabel(of: row) ? status : .pending
    }

    /// The mode that resolves keys: the prompt's when one is open (below the minimum size too: what is
    /// typed goes on into it), else the current screen's, or below the minimum size ``Mode/tooSmall``.
    public var mode: Mode {
        if prompt != nil { return .prompt }
        return isTooSmall ? .tooSmall : Mode(screen)
    }

    /// Whether the terminal is below ``Screen/minimumSize``, where only a notice is shown.
    public var isTooSmall: Bool {
        size.width < Screen.minimumSize.width || size.height < Screen.minimumSize.height
    }

    /// The current screen.
    public var screen: Screen { screens.last ?? .list }

    /// The narrowest terminal where the list shows the cursor's trajectory beside it.
    public static let sideBySideWidth = 160

    /// Whether the list shows the cursor's trajectory in a pane beside it: on the list screen, from
    /// ``sideBySideWidth`` columns. The list keeps the keys; the pane follows the cursor.
    public var showsSideBySide: Bool { screen == .list && size.width >= Self.sideBySideWidth && !isTooSmall }

    /// The list's width beside the trajectory pane: two fifths of the screen, at least 64 columns.
    public var listPaneWidth: Int { max(64, size.width * 2 / 5) }

    /// The row under the list cursor, when loaded.
    public var currentRow: TrajectoryRow? { list.window.row(at: list.cursor) }

    /// The trajectory labels apply to: the open one on the trajectory screen, else the cursor's.
    public var currentID: String? {
        if screens.contains(.trajectory), let document { return document.id }
        return currentRow?.id
    }

    /// The label the reviewer may read on the open trajectory: the team's, or in blind review their own
    /// until they decide (``TrajectoryLayout/shownLabel(of:blindReviewer:)``).
    func shownLabel(of document: Document) -> ReviewLabel? {
        TrajectoryLayout.shownLabel(of: document, blindReviewer: blindReviewer)
    }

    /// The filter as the store is to read trajectories with it: in blind review, as the reviewer may read
    /// them (``Filter/read(by:)``: their own masks, no stated reward's value matched).
    var storeFilter: Filter { filter.read(by: blindReviewer) }

    /// The filter of the reviewer's queue: `queue:REVIEWER`.
    public var queueFilter: Filter {
        // A reviewer name as a string value parses whatever it holds.
        (try? Filter.parse("\(FilterField.queue.rawValue):\(FilterValue.string(reviewer))")) ?? Filter(nil)
    }

    /// What the store keeps for the next session.
    public var sessionState: ReviewSessionState {
        ReviewSessionState(trajectoryID: currentID, filter: filter.source, sort: sort)
    }

    /// Rows the list screen shows at once (title, header, status and hint lines excluded).
    public var listHeight: Int { max(1, size.height - 4) }

    /// Lines a scrolling screen shows at once (title, status and hint lines excluded).
    public var pageHeight: Int { max(1, size.height - 3) }

    /// Rows to hold on each side of the cursor: a few screens, so paging rarely waits for the store.
    public var windowRadius: Int { max(50, 2 * listHeight) }

    /// A request for the list's rows around `anchor`, in the current filter and sort.
    public func windowRequest(
        _ anchor: WindowRequest.Anchor, knownPosition: Int? = nil, knownPositions: [String: Int] = [:],
        held: RowWindow? = nil
    ) -> WindowRequest {
        WindowRequest(
            anchor: anchor, filter: storeFilter, sort: sort, radius: windowRadius, knownPosition: knownPosition,
            knownPositions: knownPositions, held: held)
    }

    /// The list positions of the loaded rows, by trajectory id; empty while positions are provisional.
    public var loadedPositions: [String: Int] {
        guard list.isPositioned else { return [:] }
        var positions: [String: Int] = [:]
        for (offset, row) in list.window.rows.enumerated() where positions[row.id] == nil {
            positions[row.id] = list.window.start + offset
        }
        return positions
    }
}
