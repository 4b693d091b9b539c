import TroveCore

/// Two runs of one task aligned step by step (``RunDiff``): side by side from 120 columns, one above the
/// other when narrower, scrolled with the page keys.
enum DiffScreen {
    static func render(_ state: AppState, into canvas: inout Canvas) {
        guard let diff = state.comparison?.diff else { return }
        Chrome.title(diff.title, state: state, into: &canvas)
        let lines = diff.lines(width: canvas.size.width, blind: state.blind)
        for offset in 0..<state.pageHeight {
            let index = state.pageScroll + offset
            guard index < lines.count else { break }
            lines[index].draw(at: 1 + offset, into: &canvas)
        }
        let position = "line \(min(lines.count, state.pageScroll + 1))/\(lines.count)"
        Chrome.status([Span(position + " · " + diff.summary, .text)], into: &canvas)
    }
}
