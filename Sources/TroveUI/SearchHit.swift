/// One occurrence of the search text in the open trajectory's display lines, found in the text as
/// written (a line with the lines that ``DocumentLine/continues`` it), and shown on the display lines
/// it falls on: two when a soft wrap splits it.
public struct SearchHit: Hashable, Sendable {
    /// The part of a hit on one display line.
    public struct Piece: Hashable, Sendable {
        /// The display line's index.
        public var line: Int
        /// The columns it covers, counted from the start of the line's text (after the gutter, label
        /// and ``DocumentLine/indent``).
        public var columns: Range<Int>

        public init(line: Int, columns: Range<Int>) {
            self.line = line
            self.columns = columns
        }
    }

    /// The hit's pieces in text order; never empty.
    public var pieces: [Piece]

    public init(pieces: [Piece]) {
        precondition(!pieces.isEmpty, "a search hit covers at least one display line")
        self.pieces = pieces
    }

    /// The display line the hit starts on: where `n` and `N` go.
    public var line: Int { pieces[0].line }

    /// The column the hit starts at on ``line``.
    var column: Int { pieces[0].columns.lowerBound }

    /// Whether the hit starts before `other` does.
    func starts(before other: SearchHit) -> Bool {
        (line, column) < (other.line, other.column)
    }

    /// The hit with every line index passed through `move` (lines inserted above it).
    func moved(_ move: (Int) -> Int) -> SearchHit {
        SearchHit(pieces: pieces.map { Piece(line: move($0.line), columns: $0.columns) })
    }

    /// Every occurrence of `needle` in `lines`, ignoring case and the diacritics of Latin letters as the
    /// list's search does (``FoldedText``), in text order; none for an empty needle.
    ///
    /// Each text is the ``DocumentLine/searchText`` of a line that does not continue another, followed
    /// by those of the lines that continue it, so trove's hint lines are never searched and a soft wrap
    /// splits no word. Occurrences do not overlap.
    public static func find(_ needle: String, in lines: [DocumentLine]) -> [SearchHit] {
        let needle = FoldedText.fold(needle)
        guard !needle.isEmpty else { return [] }
        var hits: [SearchHit] = []
        var start = 0
        while start < lines.count {
            var end = start + 1
            while end < lines.count, lines[end].continues { end += 1 }
            hits += find(needle, in: lines, start..<end)
            start = end
        }
        return hits
    }

    /// The occurrences of `needle` (folded) in the text that display lines `range` of `lines` show.
    private static func find(_ needle: String, in lines: [DocumentLine], _ range: Range<Int>) -> [SearchHit] {
        let text = range.count == 1 ? lines[range.lowerBound].searchText : range.map { lines[$0].searchText }.joined()
        let folded = FoldedText(text)
        guard folded.folded.contains(needle) else { return [] }
        let texts = range.map { Array(lines[$0].searchText.unicodeScalars) }
        // Each display line's scalars in the whole text.
        var spans: [Range<Int>] = []
        for text in texts { spans.append((spans.last?.upperBound ?? 0)..<((spans.last?.upperBound ?? 0) + text.count)) }
        var columns: [Int: (starts: [Int], ends: [Int])] = [:]
        // Occurrences come in text order: the line an occurrence starts on is never before the last one's.
        var first = 0
        return folded.occurrences(of: needle).map { scalars in
            while !spans[first].contains(scalars.lowerBound) { first += 1 }
            var pieces: [Piece] = []
            var index = first
            while index < spans.count, spans[index].lowerBound < scalars.upperBound {
                let from = max(scalars.lowerBound, spans[index].lowerBound) - spans[index].lowerBound
                let to = min(scalars.upperBound, spans[index].upperBound) - spans[index].lowerBound
                if from < to {
                    let line = columns[index] ?? glyphColumns(texts[index])
                    columns[index] = line
                    pieces.append(Piece(line: range.lowerBound + index, columns: line.starts[from]..<line.ends[to - 1]))
                }
                index += 1
            }
            return SearchHit(pieces: pieces)
        }
    }

    /// For each scalar of a line's text, the columns where the glyph holding it starts and ends, as
    /// ``TextWidth/width(of:)`` counts them: a hit that starts or ends inside a glyph covers all of it.
    private static func glyphColumns(_ text: [Unicode.Scalar]) -> (starts: [Int], ends: [Int]) {
        var starts = Array(repeating: 0, count: text.count)
        var ends = Array(repeating: 0, count: text.count)
        var column = 0
        for glyph in Sanitizer.glyphs(String(String.UnicodeScalarView(text))) {
            let width = glyph.kind == .tab ? Sanitizer.tabWidth(atColumn: column) : glyph.width
            for scalar in glyph.source {
                starts[scalar] = column
                ends[scalar] = column + width
            }
            column += width
        }
        return (starts, ends)
    }
}
