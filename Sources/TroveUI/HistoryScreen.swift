import TroveCore

/// A trajectory's label history, oldest first: every event with its reviewer, time and resulting label.
enum HistoryScreen {
    static func render(_ state: AppState, into canvas: inout Canvas) {
        let id = state.history.first?.trajectoryID ?? state.currentID ?? ""
        Chrome.title("label history · \(id)", state: state, into: &canvas)
        if state.history.isEmpty {
            canvas.put("No label events yet.", at: Point(x: 1, y: 2), role: .dim)
        }
        for offset in 0..<state.pageHeight {
            let index = state.pageScroll + offset
            guard index < state.history.count else { break }
            let event = state.history[index]
            let y = 1 + offset
            var x = 1
            let label = event.label
            let status: Role = label.status == .accepted ? .accepted : label.status == .rejected ? .rejected : .pending
            var spans = [
                Span("#\(event.id) ", .dim), Span(String(event.at.prefix(19)) + " ", .dim),
                Span(event.reviewer + " ", .text), Span(event.kind.rawValue + " ", .dim),
                Span(label.status.rawValue, status),
            ]
            if let reward = label.reward { spans.append(Span(" reward \(Format.reward(reward))", .reward)) }
            if !label.tags.isEmpty { spans.append(Span(" [\(label.tags.joined(separator: ", "))]", .tag)) }
            if let note = label.note { spans.append(Span(" “\(note)”", .note)) }
            spans.append(Span(" (\(event.origin))", .dim))
            for span in spans where x < canvas.size.width {
                x += canvas.put(span.text, at: Point(x: x, y: y), role: span.role)
            }
        }
        Chrome.status([Span("\(state.history.count) events · q back", .text)], into: &canvas)
    }
}
