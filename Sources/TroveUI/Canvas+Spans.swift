extension Canvas {
    /// Draws `spans` from `point` to the right edge, or over at most `maxColumns` columns, each in its
    /// role as `role` maps it; a line the edge (or that limit) cuts, spaces at its end aside, ends in `…`
    /// in its last column, in the role of the span cut there, so a cut line says more was there. Returns
    /// the columns drawn.
    @discardableResult
    mutating func put(
        _ spans: [Span], at point: Point, maxColumns: Int? = nil, role: (Role) -> Role = { $0 }
    ) -> Int {
        let room = min(size.width - point.x, maxColumns ?? .max)
        guard room > 0 else { return 0 }
        let end = point.x + room
        var x = point.x
        for span in spans where x < end {
            x += put(span.text, at: Point(x: x, y: point.y), role: role(span.role), maxColumns: end - x)
        }
        // White space at the end is no text the edge cuts.
        let text = spans.map(\.text).joined()
        let needed = TextWidth.width(of: text) - text.reversed().prefix { $0 == " " }.count
        if needed > room, room > 1 {
            // The role of the span under the last column.
            var column = point.x
            var cutRole = spans.last.map { role($0.role) } ?? .text
            for span in spans {
                column += TextWidth.width(of: span.text)
                if column >= end {
                    cutRole = role(span.role)
                    break
                }
            }
            put("…", at: Point(x: end - 1, y: point.y), role: cutRole)
        }
        return x - point.x
    }
}
