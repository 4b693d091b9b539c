extension TextWidth {
    /// `text` broken into lines of at most `width` display columns, for long single-line observations.
    ///
    /// Contract:
    /// - `\n` always ends a line and is not part of any line, nor is a `\r` just before it: CRLF is one
    ///   line break, as Windows writes it (real data does). A lone `\r` stays in its line, shown as `␍`:
    ///   a terminal would move back over the text before it.
    /// - Lines break after whitespace (space or tab) where possible; a word longer than `width` is cut
    ///   at a glyph boundary. Zero-width scalars stay with the glyph they attach to.
    /// - Whitespace at a break hangs at the end of its line, so a line's width *without its trailing
    ///   whitespace* is at most `width` (drawing with `maxColumns` clips the rest). The only other excess is
    ///   a lone wide glyph when `width` is 1.
    /// - No scalar is lost: the lines wrapped from one input line, concatenated, give it back (so for
    ///   text without `\n`, `wrap(text, width: w).joined() == text`).
    ///
    /// Empty text gives `[""]`. A `width` below 1 is treated as 1.
    public static func wrap(_ text: some StringProtocol, width: Int) -> [String] {
        let limit = max(1, width)
        return lines(of: String(text)).flatMap { wrapLine(String(String.UnicodeScalarView($0.text)), width: limit) }
    }

    /// The lines of `text`, each with the scalars of the break after it: split at every `\n`, a `\r`
    /// just before it part of the break (1 for LF, 2 for CRLF, 0 after the last line). A `\r` elsewhere
    /// stays in its line. The lines and their breaks, in order, are the text's scalars.
    static func lines(of text: String) -> [(text: Substring.UnicodeScalarView, breakScalars: Int)] {
        let pieces = Substring(text).unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        return pieces.enumerated().map { index, piece in
            guard index < pieces.count - 1 else { return (piece, 0) }
            return piece.last == "\r" ? (piece.dropLast(), 2) : (piece, 1)
        }
    }

    private static func wrapLine(_ line: String, width: Int) -> [String] {
        let glyphs = Array(Sanitizer.glyphs(line))
        let scalars = Array(line.unicodeScalars)
        func text(_ range: Range<Int>) -> String {
            guard let first = range.first, let last = range.last else { return "" }
            let scalarRange = glyphs[first].source.lowerBound..<glyphs[last].source.upperBound
            return String(String.UnicodeScalarView(scalars[scalarRange]))
        }

        var lines: [String] = []
        var lineStart = 0
        var column = 0
        var wordStart: Int?  // where the last word on this line began, after whitespace: a break point
        var index = 0
        while index < glyphs.count {
            let glyph = glyphs[index]
            if glyph.isWhitespace {
                column += glyph.kind == .tab ? Sanitizer.tabWidth(atColumn: column) : glyph.width
                index += 1
                if index < glyphs.count, !glyphs[index].isWhitespace { wordStart = index }
                continue
            }
            if column + glyph.width <= width {
                column += glyph.width
                index += 1
                continue
            }
            if let breakPoint = wordStart, breakPoint > lineStart {
                // Move the word begun at breakPoint to the next line; it fitted here, so it fits there.
                lines.append(text(lineStart..<breakPoint))
                lineStart = breakPoint
                column = glyphs[breakPoint..<index].reduce(0) { $0 + $1.width }
            } else {
                // No break point on this line: cut the word, keeping at least one glyph per line.
                let end = index == lineStart ? index + 1 : index
                lines.append(text(lineStart..<end))
                lineStart = end
                index = end
                column = 0
            }
            wordStart = nil
        }
        lines.append(text(lineStart..<glyphs.count))
        return lines
    }
}
