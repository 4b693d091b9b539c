import TroveCore

// Cursor and scroll movement on every screen.

extension AppState {
    mutating func move(by delta: Int) -> [Effect] {
        switch screen {
        case .list:
            guard list.endPosition > list.firstPosition else { return [] }
            list.cursor = min(max(list.firstPosition, list.cursor + delta), list.endPosition - 1)
            keepCursorVisible()
            return windowEffects()
        case .trajectory:
            document?.scroll += delta
        default:
            pageScroll += delta
        }
        clampScroll()
        return []
    }

    mutating func moveToEnd(last: Bool) -> [Effect] {
        switch screen {
        case .list:
            guard list.endPosition > list.firstPosition else { return [] }
            // The last row's position is known once counted, or when the window holds it.
            let known = last ? list.total != nil || list.window.reachesEnd : list.isPositioned
            let target = last ? list.endPosition - 1 : 0
            if known, list.window.row(at: target) != nil {
                list.cursor = target
                keepCursorVisible()
                return []
            }
            return [.loadWindow(windowRequest(last ? .last : .first))]
        case .trajectory:
            document?.scroll = last ? Int.max : 0
        default:
            pageScroll = last ? Int.max : 0
        }
        clampScroll()
        return []
    }

    /// Keeps the list cursor on screen. Implementation note: the window holds `windowRadius` rows on each
    /// side, more than a page, so a move never leaves it; the runtime recenters it on the next load.
    mutating func keepCursorVisible() {
        let height = listHeight
        let first = list.firstPosition
        if list.cursor < list.top { list.top = list.cursor }
        if list.cursor >= list.top + height { list.top = list.cursor - height + 1 }
        list.top = max(first, min(list.top, max(first, list.endPosition - height)))
    }

    /// Effects a list move needs: a recentred window when the cursor nears the edge of the loaded rows.
    func windowEffects() -> [Effect] {
        let margin = listHeight
        let nearStart = list.cursor - list.window.start < margin && !list.holdsStart
        let nearEnd = list.window.end - list.cursor <= margin && !list.holdsEnd
        guard nearStart || nearEnd, let row = currentRow else { return [] }
        return [.loadWindow(windowRequest(.row(id: row.id), knownPosition: list.cursor))]
    }

    mutating func clampScroll() {
        layOut()
        if document != nil {
            let limit = documentLines.count - pageHeight
            let scroll = document?.scroll ?? 0
            document?.scroll = max(0, min(scroll, limit))
        }
        pageScroll = max(0, min(pageScroll, pageLineCount - pageHeight))
    }

    /// Lines of the help, stats or history screen, for scrolling.
    var pageLineCount: Int {
        switch screen {
        case .help: HelpScreen.lineCount(state: self)
        case .stats: StatsScreen.lineCount(state: self)
        case .history: history.count + 1
        default: 0
        }
    }

    mutating func jumpStep(forward: Bool) {
        guard let scroll = document?.scroll else { return }
        layOut()
        let headers = TrajectoryLayout.stepHeaders(in: documentLines)
        let target = forward ? headers.first { $0 > scroll } : headers.last { $0 < scroll }
        if let target { document?.scroll = target }
    }

    mutating func toggleFold() {
        guard let document else { return }
        layOut()
        let lines = documentLines
        let visible = lines.indices.dropFirst(document.scroll).prefix(pageHeight)
        guard let step = visible.lazy.compactMap({ lines[$0].foldStep }).first else {
            message = UserMessage("no long observation on screen")
            return
        }
        if self.document?.unfolded.remove(step) == nil { self.document?.unfolded.insert(step) }
    }
}
