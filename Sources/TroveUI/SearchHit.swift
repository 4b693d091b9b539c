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

    /// Every occurrence of `needle` in `lines`, ignoring case, in text order; none for an empty needle.
    ///
    /// Each text is the ``DocumentLine/searchText`` of a line that does not continue another, followed
    /// by those of the lines that continue it, so trove's hint lines are never searched and a soft wrap
    /// splits no word. Occurrences do not overlap.
    public static func find(_ needle: String, in lines: [DocumentLine]) -> [SearchHit] {
        let needle = needle.lowercased()
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

    /// The occurrences of `needle` (lowercase) in the text that display lines `range` of `lines` show.
    private static func find(_ needle: String, in lines: [DocumentLine], _ range: Range<Int>) -> [SearchHit] {
        let texts = range.map { lines[$0].searchText }
        let text = texts.joined()
        guard let folded = FoldedText(text), folded.lowered.contains(needle) else { return [] }
        // Where each display line's text starts in the whole text, in scalars.
        var starts: [Int] = []
        var offset = 0
        for piece in texts {
            starts.append(offset)
            offset += piece.unicodeScalars.count
        }
        return folded.occurrences(of: needle).map { scalars in
            var pieces: [Piece] = []
            for (index, piece) in texts.enumerated() {
                let lineScalars = starts[index]..<(starts[index] + piece.unicodeScalars.count)
                let from = max(scalars.lowerBound, lineScalars.lowerBound) - lineScalars.lowerBound
                let to = min(scalars.upperBound, lineScalars.upperBound) - lineScalars.lowerBound
                guard from < to else { continue }
                let before = TextWidth.width(of: String(String.UnicodeScalarView(piece.unicodeScalars.prefix(from))))
                let within = TextWidth.width(of: String(String.UnicodeScalarView(piece.unicodeScalars.prefix(to))))
                pieces.append(Piece(line: range.lowerBound + index, columns: before..<max(before, within)))
            }
            return SearchHit(pieces: pieces)
        }
    }
}
