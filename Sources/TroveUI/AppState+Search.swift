import TroveCore

// Search hits in the open trajectory and across the list.

extension AppState {
    /// Display lines of the open trajectory whose text (``DocumentLine/searchText``: never trove's own
    /// hints) contains `text`, ignoring case. A folded observation that holds `text` in its hidden lines
    /// is unfolded first, so every hit is a line on screen.
    mutating func hitLines(_ text: String) -> [Int] {
        layOut()
        let needle = text.lowercased()
        unfoldSteps(holding: needle)
        let lines = documentLines
        return lines.indices.filter { lines[$0].searchText.lowercased().contains(needle) }
    }

    /// Unfolds the folded steps whose hidden lines contain `needle` (lowercase), keeping the scroll
    /// position and the current hit on the lines they showed: the lines a step gains when unfolded
    /// above them move them down.
    private mutating func unfoldSteps(holding needle: String) {
        guard let unfolded = document?.unfolded else { return }
        let before = documentLines
        let folded = Set(before.compactMap(\.foldStep)).subtracting(unfolded)
        guard !folded.isEmpty else { return }
        document?.unfolded = unfolded.union(folded)
        layOut()
        let opened = documentLines
        let holding = Set(
            opened.compactMap { line in
                line.foldStep.flatMap {
                    folded.contains($0) && line.searchText.lowercased().contains(needle) ? $0 : nil
                }
            })
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
        let (scroll, hit) = (document?.scroll ?? 0, document?.hitLine)
        document?.scroll = moved(scroll)
        document?.hitLine = hit.map(moved)
    }

    /// Lines kept above a search hit, so it is read in its context.
    static let hitContext = 2

    /// Goes to the hit on `line`: scrolled to show ``hitContext`` lines above it, and its step selected
    /// (the status bar counts it, and `m` and `e` act on it). A hit outside every step (the task, the
    /// metadata) selects none, so the status bar counts the step on screen rather than an earlier hit's.
    mutating func placeHit(_ line: Int) {
        document?.hitLine = line
        let step = documentLines[line].step
        document?.selectedStep = step
        document?.scroll = max(0, line - Self.hitContext)
        clampScroll()
    }

    mutating func findHit(forward: Bool) -> [Effect] {
        guard let search else {
            message = UserMessage("no search yet: press / to search")
            return []
        }
        if screen == .trajectory, let document {
            let hits = hitLines(search)
            let from = document.hitLine ?? document.scroll
            if let line = forward ? hits.first(where: { $0 > from }) : hits.last(where: { $0 < from }) {
                placeHit(line)
                return []
            }
            openAfterLoad = true
            hitAfterLoad = forward
        }
        guard screen == .list || screen == .trajectory else { return [] }
        return [.loadWindow(windowRequest(.hit(search: search, from: currentID, forward: forward)))]
    }
}
