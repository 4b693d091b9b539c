import TroveCore

extension AppState {
    /// What the open trajectory's display lines depend on.
    struct LayoutInputs: Hashable, Sendable {
        var stored: StoredTrajectory
        var cuts: [TextPart: Int]
        var metadataHead: String?
        var pages: [Int: TextPage]
        var unfolded: Set<Int>
        var view: ViewOptions
        var blind: Bool
        var reviewer: String
        var width: Int
        var labels: [ReviewerLabel]
    }

    /// Display lines kept with the inputs they were laid out for. Derived from the state, so no part of
    /// its identity: every cache is equal to every other, and two states differ only in what they show.
    struct LayoutCache: Hashable, Sendable {
        var inputs: LayoutInputs?
        var lines: [DocumentLine] = []
        /// The search ``hits`` were found for, in ``lines``.
        var search: String?
        var hits: [SearchHit] = []

        static func == (_: LayoutCache, _: LayoutCache) -> Bool { true }
        func hash(into hasher: inout Hasher) {}
    }

    /// What the open trajectory's lines depend on now; nil when none is open.
    private var layoutInputs: LayoutInputs? {
        document.map {
            LayoutInputs(
                stored: $0.stored, cuts: $0.cuts, metadataHead: $0.metadataHead, pages: $0.pages,
                unfolded: $0.unfolded, view: view, blind: blind, reviewer: reviewer, width: documentWidth,
                labels: $0.labels)
        }
    }

    /// The open trajectory's lines at the current width: the ones ``update(_:_:)`` laid out, or laid out
    /// now for a state changed outside it.
    public var documentLines: [DocumentLine] {
        guard let document, let inputs = layoutInputs else { return [] }
        if layoutCache.inputs == inputs { return layoutCache.lines }
        return ReviewerTable.lines(document.labels, reviewer: reviewer, blind: blind, width: documentWidth)
            + TrajectoryLayout.lines(
                of: document, view: view, blindReviewer: blindReviewer, width: documentWidth)
    }

    /// The indices of `lines` (the open trajectory's ``documentLines``) on screen: a page from its scroll.
    func onScreen(_ lines: [DocumentLine]) -> Range<Int> {
        let top = min(document?.scroll ?? 0, lines.count)
        return top..<min(lines.count, top + pageHeight)
    }

    /// The width the open trajectory is laid out at: its pane beside the list, else the screen's.
    var documentWidth: Int { showsSideBySide ? size.width - listPaneWidth - 1 : size.width }

    /// The search's hits in the open trajectory's lines (``SearchHit/find(_:in:)``): the ones
    /// ``update(_:_:)`` found, or found now for a state changed outside it. None without a search.
    public var documentHits: [SearchHit] {
        guard let search, document != nil else { return [] }
        if layoutCache.search == search, layoutCache.inputs == layoutInputs { return layoutCache.hits }
        return SearchHit.find(search, in: documentLines)
    }

    /// Lays the open trajectory out again when what its lines depend on changed, and finds the search's
    /// hits again when the lines or the search changed.
    mutating func layOut() {
        let inputs = layoutInputs
        if layoutCache.inputs != inputs {
            layoutCache = LayoutCache(inputs: inputs, lines: inputs == nil ? [] : documentLines)
        }
        guard layoutCache.search != search else { return }
        layoutCache.search = search
        layoutCache.hits = search.map { SearchHit.find($0, in: layoutCache.lines) } ?? []
    }
}
