/// Cuts a turn into ``Segment``s from left to right.
///
/// Every append covers the text from the current position up to a given
/// offset, so the segments are contiguous by construction and always
/// reassemble the exact turn text. The grammars only choose where to cut and
/// what to call each piece.
struct SegmentBuilder {
    let text: TurnText
    private(set) var segments: [Segment] = []
    /// The offset up to which the text has been cut.
    private(set) var position = 0

    init(_ text: TurnText) {
        self.text = text
        // Turns are cut into about five pieces: growing the array from one element reallocated it three
        // times per turn.
        segments.reserveCapacity(8)
    }

    /// Cuts `position..<end` as one piece of `kind`, merged into the previous
    /// piece when that has the same kind. Does nothing for an empty piece.
    mutating func append(_ kind: Segment.Kind, upTo end: Int) {
        guard end > position else { return }
        let piece = text.string(position..<end)
        if let last = segments.last, last.kind == kind {
            segments[segments.count - 1].text += piece
        } else {
            segments.append(Segment(kind, piece))
        }
        position = end
    }

    /// Cuts `position..<end` as `kind` framed by syntax: the white space
    /// around the value is syntax, the trimmed value is `kind`.
    ///
    /// - returns: the trimmed value, or `nil` when it is empty.
    @discardableResult
    mutating func appendTrimmed(_ kind: Segment.Kind, upTo end: Int) -> String? {
        let value = text.trimmed(position..<end)
        append(.syntax, upTo: value.lowerBound)
        append(kind, upTo: value.upperBound)
        append(.syntax, upTo: end)
        return value.isEmpty ? nil : text.string(value)
    }

    /// Cuts a thought that runs up to `end`, after an optional `label`
    /// (`Think:`, `THOUGHT:`, `Thought:`). Text without the label still counts
    /// as thought: models often drop it.
    ///
    /// - returns: the thought without label and surrounding white space.
    mutating func appendThought(labelled label: StaticString?, upTo end: Int) -> String? {
        let start = text.skippingWhitespace(from: position)
        if let label, start < end, text.hasPrefix(label, at: start) {
            append(.syntax, upTo: start + label.utf8CodeUnitCount)
        }
        return appendTrimmed(.thought, upTo: end)
    }

    /// Cuts a label that starts at `offset` (after white space) and the
    /// spaces after it, as syntax.
    mutating func appendLabel(_ label: StaticString, at offset: Int) {
        append(.syntax, upTo: text.skippingSpaces(from: offset + label.utf8CodeUnitCount))
    }

    /// Cuts a fenced code block (```` ```bash ````, ```` ```sql ````) that
    /// starts after white space at the current position.
    ///
    /// - returns: the code without its fences and surrounding white space, or
    ///   `nil` when no fence follows. An unclosed block runs to the end.
    mutating func appendCodeBlock() -> String? {
        let fence = text.skippingWhitespace(from: position)
        guard text.hasPrefix("```", at: fence) else { return nil }
        let codeStart = min(text.lineEnd(from: fence) + 1, text.count)
        append(.syntax, upTo: codeStart)
        let closing = text.firstOffset(of: "```", from: codeStart) ?? text.count
        let code = appendTrimmed(.actionArgument, upTo: closing)
        append(.syntax, upTo: min(closing + 3, text.count))
        return code ?? ""
    }

    /// Cuts a call written `name[argument]` or `name(argument)` on the line at
    /// the current position (after spaces). The argument runs to the last
    /// closing bracket of the line, so it may hold brackets itself
    /// (`get_relations(Titanic (1997 film))`).
    ///
    /// - returns: the name as written and the argument trimmed, or `nil` when
    ///   the line does not hold such a call.
    mutating func appendCall(brackets: Bool, parentheses: Bool) -> (name: String, argument: String)? {
        let nameStart = text.skippingWhitespace(from: position)
        var nameEnd = nameStart
        while nameEnd < text.count && TurnText.isNameByte(text[nameEnd]) { nameEnd += 1 }
        guard nameEnd > nameStart, nameEnd < text.count else { return nil }
        let closer: UInt8
        switch text[nameEnd] {
        case UInt8(ascii: "[") where brackets: closer = UInt8(ascii: "]")
        case UInt8(ascii: "(") where parentheses: closer = UInt8(ascii: ")")
        default: return nil
        }
        let lineEnd = text.lineEnd(from: nameEnd)
        guard let close = text.lastOffset(of: closer, in: nameEnd + 1..<lineEnd) else { return nil }
        append(.syntax, upTo: nameStart)
        append(.actionKind, upTo: nameEnd)
        append(.syntax, upTo: nameEnd + 1)
        let argument = appendTrimmed(.actionArgument, upTo: close) ?? ""
        append(.syntax, upTo: close + 1)
        return (text.string(nameStart..<nameEnd), argument)
    }

    /// Cuts the rest of the turn: white space is syntax, anything else is
    /// text the grammar does not account for.
    ///
    /// - returns: the finished segments.
    mutating func finish() -> [Segment] {
        let rest = text.trimmed(position..<text.count)
        append(.syntax, upTo: rest.lowerBound)
        append(.other, upTo: rest.upperBound)
        append(.syntax, upTo: text.count)
        return segments
    }
}
