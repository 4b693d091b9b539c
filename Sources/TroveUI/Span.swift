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
        var roles: [Role] = []
        var text = ""
        for span in spans {
            text += span.text
            roles += Array(repeating: span.role, count: span.text.unicodeScalars.count)
        }
        var offset = 0
        var result: [[Span]] = []
        // Implementation note: split on scalars, as TextWidth.wrap does; "\r\n" is one Character.
        for (line, breakScalars) in TextWidth.lines(of: text) {
            for piece in TextWidth.wrap(String(String.UnicodeScalarView(line)), width: width) {
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
                result.append(pieceSpans)
            }
            offset += breakScalars  // the "\n" or "\r\n"
        }
        return result
    }
}
