extension Span {
    /// The start of `spans` holding at most `budget` UTF-8 bytes, cut at a scalar boundary, and how many
    /// bytes were left out. Costs time in the budget, not in the length of the text, so a 300 MB turn is
    /// laid out as fast as a 64 KB one.
    static func prefix(_ spans: [Span], utf8Budget budget: Int) -> (kept: [Span], omitted: Int) {
        var kept: [Span] = []
        var left = max(0, budget)
        var omitted = 0
        for span in spans {
            let size = span.text.utf8.count
            if size <= left {
                kept.append(span)
                left -= size
                continue
            }
            var end = span.text.unicodeScalars.startIndex
            var used = 0
            for scalar in span.text.unicodeScalars {
                let scalarSize = UTF8.width(scalar)
                guard used + scalarSize <= left else { break }
                used += scalarSize
                end = span.text.unicodeScalars.index(after: end)
            }
            if used > 0 { kept.append(Span(String(span.text.unicodeScalars[..<end]), span.role)) }
            omitted += size - used
            left = 0
        }
        return (kept, omitted)
    }
}
