import TroveCore

/// The chooser `=` opens: the other runs of the open trajectory's task instance, one per row, with their
/// label, reward and steps (blind review shows neither another reviewer's label nor the env reward).
enum RunsScreen {
    static func render(_ state: AppState, into canvas: inout Canvas) {
        guard let document = state.document, let comparison = state.comparison else { return }
        Chrome.title(
            "compare ", id: document.id,
            " with · group \(document.group ?? "none") · \(Plural.counted(comparison.runs.count, "other run"))",
            state: state, into: &canvas)
        let top = max(0, comparison.cursor - state.pageHeight + 1)
        for (offset, row) in comparison.runs.dropFirst(top).prefix(state.pageHeight).enumerated() {
            let y = 1 + offset
            var spans = [Span(row.id, .text), Span(" · \(Plural.counted(row.steps, "step"))", .dim)]
            let status = state.shownStatus(row.status, of: row)
            let role: Role = status == .accepted ? .accepted : status == .rejected ? .rejected : .pending
            spans += [Span(" · ", .dim), Span(status.rawValue, role)]
            if !state.blind { spans.append(Span(" · env \(Format.reward(row.environmentReward))", .reward)) }
            if let outcome = row.outcome { spans.append(Span(" · \(outcome.rawValue)", .dim)) }
            canvas.put(spans, at: Point(x: 1, y: y))
            if top + offset == comparison.cursor {
                canvas.paint(Rect(x: 0, y: y, width: canvas.size.width, height: 1), role: .selection)
            }
        }
        Chrome.status(
            [Span("run \(comparison.cursor + 1)/\(comparison.runs.count) · Enter compares", .text)], into: &canvas)
    }
}
