import TroveCore

// Search hits in the open trajectory and across the list.

extension AppState {
    /// Display lines of the open trajectory that contain `text`, ignoring case.
    mutating func hitLines(_ text: String) -> [Int] {
        layOut()
        let needle = text.lowercased()
        let lines = documentLines
        return lines.indices.filter { lines[$0].text.lowercased().contains(needle) }
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
