/// A run of text in one role: a piece of a display line.
public struct Span: Hashable, Sendable {
    public var text: String
    public var role: Role

    public init(_ text: String, _ role: Role) {
        self.text = text
        self.role = role
    }

    /// `spans` wrapped to `width` columns: each input line (split at `\n` or CRLF) is broken by
    /// ``TextWidth/wrap(_:width:)`` and every piece keeps the role of the text it came from.
    public static func wrap(_ spans: [Span], width: Int) -> [[Span]] {
        softWrap(spans, width: width).map(\.spans)
    }

    /// ``wrap(_:width:)``, each piece marked with whether it continues the input line of the piece before
    /// it (a soft wrap) rather than starting one (the first piece, and each after a line break).
    public static func softWrap(_ spans: [Span], width: Int) -> [(spans: [Span], continues: Bool)] {
        var roles: [Role] = []
        var text = ""
        for span in spans {
            text += span.text
            roles += Array(repeating: span.role, count: span.text.unicodeScalars.count)
        }
        var offset = 0
        var result: [(spans: [Span], continues: Bool)] = []
        // Implementation note: split on scalars, as TextWidth.wrap does; "\r\n" is one Character.
        for (line, breakScalars) in TextWidth.lines(of: text) {
            for (index, piece) in TextWidth.wrap(String(String.UnicodeScalarView(line)), width: width).enumerated() {
                var pieceSpans: [Span] = []
                for scalar in piece.unicodeScalars {
                    let role = roles[offset]
                    offset += 1
                    if let last = pieceSpans.last, last.role == role {
                        pieceSpans[pieceSpans.count - 1].text.unicodeScalars.append(scalar)
                    } else {
                        pieceSpans.append(Span(String(scalar), role))
                    }
                }
                result.append((pieceSpans, index > 0))
            }
            offset += breakScalars  // the "\n" or "\r\n"
        }
        return result
    }
}
