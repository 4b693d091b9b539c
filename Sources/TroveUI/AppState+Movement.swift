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
            clampScroll()
            keepSelectionOnScreen()
        case .runs:
            comparison?.moveCursor(by: delta)
        default:
            pageScroll += delta
        }
        clampScroll()
        return []
    }

    /// Whether step `step` of the open trajectory has a line on screen.
    func showsStep(_ step: Int) -> Bool {
        let lines = documentLines
        return onScreen(lines).contains { lines[$0].step == step }
    }

    /// After a scroll, a selected step with no line left on screen gives the selection to the first
    /// step whose heading is on screen, else to the step the top line is in (one long step filling the
    /// screen): the status bar counts, and `m` and `e` act on, a step the reviewer sees. Without a
    /// selection none is made; the record view keeps the steps' selection for going back to them.
    mutating func keepSelectionOnScreen() {
        guard let selected = document?.selectedStep, !view.raw else { return }
        let lines = documentLines
        let visible = onScreen(lines)
        guard !visible.contains(where: { lines[$0].step == selected }) else { return }
        let heading = visible.first { lines[$0].isStepHeader && lines[$0].step != nil }
        self.document?.selectedStep = (heading ?? visible.first).flatMap { lines[$0].step }
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
            // At the bottom the last line is the page's last row, even where the last step's heading
            // could go to the top (QA: a short last step left most of the screen blank).
            layOut()
            let end = max(0, documentLines.count - pageHeight)
            document?.scroll = last ? end : 0
            // At the bottom the last step is the one on screen to count; at the top none is selected.
            // The record view shows no steps: the selection stays for the steps' view to come back to.
            let steps = document?.stored.parsed.steps.count ?? 0
            if !view.raw { document?.selectedStep = last && steps > 0 ? steps - 1 : nil }
        case .runs:
            comparison?.moveCursor(by: last ? Int.max / 2 : Int.min / 2)
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

    /// Effects a list move needs: a recentred window when the cursor nears the edge of the loaded rows,
    /// which keeps the rows already loaded and reads only those past them.
    func windowEffects() -> [Effect] {
        let margin = listHeight
        let nearStart = list.cursor - list.window.start < margin && !list.holdsStart
        let nearEnd = list.window.end - list.cursor <= margin && !list.holdsEnd
        guard nearStart || nearEnd, let row = currentRow else { return [] }
        return [.loadWindow(windowRequest(.row(id: row.id), knownPosition: list.cursor, held: list.window))]
    }

    mutating func clampScroll() {
        layOut()
        if document != nil {
            // A selected step's heading may go to the top even when the lines below it fit on screen.
            let limit = max(documentLines.count - pageHeight, selectedStepHeader ?? 0)
            let scroll = document?.scroll ?? 0
            document?.scroll = max(0, min(scroll, limit))
        }
        pageScroll = max(0, min(pageScroll, pageScrollLimit))
    }

    /// The furthest the help, stats, history or diff screen scrolls: the scroll at which its last line is
    /// the page's last row (every screen's lines are laid out at its width, wrapped lines included).
    var pageScrollLimit: Int {
        switch screen {
        case .help: HelpScreen.scrollLimit(state: self)
        case .stats: max(0, StatsScreen.lineCount(state: self) - pageHeight)
        // The header row takes a line of the page.
        case .history: max(0, HistoryScreen.lines(self, width: size.width).count - (pageHeight - 1))
        case .diff: max(0, (comparison?.diff.map { $0.lines(width: size.width, blind: blind).count } ?? 0) - pageHeight)
        default: 0
        }
    }

    /// The line of the selected step's heading, when a step is selected and laid out.
    var selectedStepHeader: Int? {
        guard let step = document?.selectedStep else { return nil }
        return TrajectoryLayout.headerLine(of: step, in: documentLines)
    }

    /// Selects the next or previous step and scrolls its heading to the top. Without a selection the
    /// first step whose heading is below (or last above) the top line is the next (previous) one.
    mutating func jumpStep(forward: Bool) {
        guard let document else { return }
        layOut()
        let headers = TrajectoryLayout.stepHeaders(in: documentLines).compactMap { line in
            documentLines[line].step.map { (line: line, step: $0) }
        }
        let target: (line: Int, step: Int)?
        if let selected = document.selectedStep {
            target = forward ? headers.first { $0.step > selected } : headers.last { $0.step < selected }
        } else {
            target = forward ? headers.first { $0.line > document.scroll } : headers.last { $0.line < document.scroll }
        }
        guard let target else { return }
        self.document?.selectedStep = target.step
        self.document?.scroll = target.line
    }

    /// Runs `change`, a view toggle that adds or removes lines, keeping the step the reader is in (the
    /// selected one while its heading is on screen, else the one at the top line) at the same row on
    /// screen. A view whose top line is in no step (the task, the header) stays where it is, so what the
    /// toggle adds there shows.
    mutating func keepingReadingPosition(_ change: (inout AppState) -> Void) {
        layOut()
        guard let document, !view.raw else { return change(&self) }
        let lines = documentLines
        let top = document.scroll
        let onScreen = top..<(top + pageHeight)
        let selected = selectedStepHeader.flatMap { onScreen.contains($0) ? document.selectedStep : nil }
        let step = selected ?? (lines.indices.contains(top) ? lines[top].step : nil)
        let before = step.flatMap { TrajectoryLayout.headerLine(of: $0, in: lines) }
        change(&self)
        guard let step, let before else { return }
        layOut()
        guard let after = TrajectoryLayout.headerLine(of: step, in: documentLines) else { return }
        self.document?.scroll = max(0, after + top - before)
    }

    mutating func toggleFold() {
        guard let document else { return }
        layOut()
        let lines = documentLines
        guard let step = onScreen(lines).lazy.compactMap({ lines[$0].foldStep }).first else {
            message = UserMessage("no long observation on screen")
            return
        }
        guard self.document?.unfolded.remove(step) != nil else {
            self.document?.unfolded.insert(step)
            return
        }
        // Folding removes the lines the reader may have scrolled into: the top line would then land in a
        // later step, so the view goes back to the folded observation's step.
        layOut()
        let folded = documentLines
        guard let lastFolded = folded.lastIndex(where: { $0.foldStep == step }), document.scroll > lastFolded else {
            return
        }
        self.document?.scroll = TrajectoryLayout.headerLine(of: step, in: folded) ?? lastFolded
    }
}
