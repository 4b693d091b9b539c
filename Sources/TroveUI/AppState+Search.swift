import TroveCore

// Search hits in the open trajectory and across the list.

extension AppState {
    /// The search's hits in the open trajectory (``documentHits``: never in trove's own hints, and
    /// across soft wraps). A folded observation that holds the search in its hidden lines is unfolded
    /// first, so every hit is on screen.
    mutating func searchHits() -> [SearchHit] {
        layOut()
        if let search { unfoldSteps(holding: search) }
        layOut()
        return documentHits
    }

    /// Unfolds the folded steps whose hidden lines hold `text`, keeping the scroll position and the
    /// current hit on the lines they showed: the lines a step gains when unfolded above them move them
    /// down.
    private mutating func unfoldSteps(holding text: String) {
        guard let unfolded = document?.unfolded else { return }
        let before = documentLines
        let folded = Set(before.compactMap(\.foldStep)).subtracting(unfolded)
        guard !folded.isEmpty else { return }
        document?.unfolded = unfolded.union(folded)
        layOut()
        // Only the lines of the steps unfolded here: each starts a text of its own.
        let opened = documentLines.filter { $0.foldStep.map(folded.contains) ?? false }
        let holding = Set(
            SearchHit.find(text, in: opened).flatMap(\.pieces).compactMap { opened[$0.line].foldStep })
        document?.unfolded = unfolded.union(holding)
        layOut()
        guard !holding.isEmpty else { return }
        let after = documentLines
        func moved(_ line: Int) -> Int {
            var shift = 0
            for step in holding {
                let old = before.indices.filter { before[$0].foldStep == step }
                guard let last = old.last, last < line else { continue }
                shift += after.count { $0.foldStep == step } - old.count
            }
            return line + shift
        }
        let (scroll, hit) = (document?.scroll ?? 0, document?.hit)
        document?.scroll = moved(scroll)
        document?.hit = hit?.moved(moved)
    }

    /// Lines kept above a search hit, so it is read in its context.
    static let hitContext = 2

    /// Goes to `hit`: scrolled to show ``hitContext`` lines above it, and its step selected (the status
    /// bar counts it, and `m` and `e` act on it). A hit outside every step (the task, the metadata)
    /// selects none, so the status bar counts the step on screen rather than an earlier hit's.
    mutating func placeHit(_ hit: SearchHit) {
        let step = documentLines[hit.line].step
        document?.hit = hit
        document?.selectedStep = step
        document?.scroll = max(0, hit.line - Self.hitContext)
        clampScroll()
    }

    /// The hit after (or before) the current one; without a current hit, the first starting below (the
    /// last starting above) the top line on screen.
    private func nextHit(in hits: [SearchHit], forward: Bool, from document: Document) -> SearchHit? {
        guard let current = document.hit else {
            return forward ? hits.first { $0.line > document.scroll } : hits.last { $0.line < document.scroll }
        }
        return forward ? hits.first { current.starts(before: $0) } : hits.last { $0.starts(before: current) }
    }

    mutating func findHit(forward: Bool) -> [Effect] {
        guard let search else {
            message = UserMessage("no search yet: press / to search")
            return []
        }
        if screen == .trajectory, document != nil {
            let hits = searchHits()
            if let document, let hit = nextHit(in: hits, forward: forward, from: document) {
                placeHit(hit)
                return []
            }
            openAfterLoad = true
            hitAfterLoad = forward
        }
        guard screen == .list || screen == .trajectory else { return [] }
        return [.loadWindow(windowRequest(.hit(search: search, from: currentID, forward: forward)))]
    }

    /// Takes the terminal's new size. The open trajectory is laid out again at the new width: the
    /// search's hits are found again in it, and the current one kept on the same text (the same hit in
    /// text order), in view again when it was in view.
    mutating func resize(to newSize: Size) {
        let current = document?.hit
        let before = documentHits
        let inView = current.map { (0..<pageHeight).contains($0.line - (document?.scroll ?? 0)) } ?? false
        size = newSize
        keepCursorVisible()
        clampScroll()
        guard let current, let index = before.firstIndex(of: current) else { return }
        let hits = searchHits()
        guard !hits.isEmpty else {
            document?.hit = nil
            return
        }
        let hit = hits[min(index, hits.count - 1)]
        if inView {
            placeHit(hit)
        } else {
            document?.hit = hit
        }
    }
}
