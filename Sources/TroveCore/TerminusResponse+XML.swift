import Foundation

// MARK: - The XML reply

extension TerminusResponse {
    /// Reads `<response>…</response>` in `text` as harbor's XML parser does: the first `<analysis>`,
    /// `<plan>` and `<commands>` elements, each `<keystrokes …>…</keystrokes>` in the commands verbatim
    /// (harbor decodes no entities), and `<task_complete>true</task_complete>` (any case, white space
    /// around) completing the task. A reply cut off before `</response>` runs to the end of the turn, and
    /// `<commands/>` is an empty list, both as harbor accepts them.
    ///
    /// - returns: `nil` without `<response>`, without a commands element in a reply that does not
    ///   complete the task (harbor's parse error), or when elements overlap (an analysis quoting `<plan>`),
    ///   which leaves no one way to cut the turn.
    static func xml(_ text: TurnText) -> TerminusResponse? {
        guard let open = text.firstOffset(of: "<response>") else { return nil }
        let start = open + "<response>".utf8.count
        let close = text.firstOffset(of: "</response>", from: start)
        let content = start..<(close ?? text.count)
        let body = open..<(close.map { $0 + "</response>".utf8.count } ?? text.count)
        let analysis = element(text, "<analysis>", "</analysis>", in: content).map(text.trimmed)
        let plan = element(text, "<plan>", "</plan>", in: content).map(text.trimmed)
        let mark = element(text, "<task_complete>", "</task_complete>", in: content).map(text.trimmed)
        let complete = mark.map { $0.count == 4 && text.hasPrefixIgnoringCase("true", at: $0.lowerBound) } ?? false
        let commands = element(text, "<commands>", "</commands>", in: content)
        guard commands != nil || complete || hasEmptyCommands(text, in: content) else { return nil }
        var pieces: [Piece] = []
        var keystrokes: [String] = []
        var waits: [TerminusWait] = []
        if let analysis { pieces.append(Piece(range: analysis, kind: .thought)) }
        if let plan { pieces.append(Piece(range: plan, kind: .thought)) }
        if let commands {
            for command in keystrokeElements(text, in: commands) {
                keystrokes.append(text.string(command.contents))
                waits.append(TerminusWait(asked: duration(text, attributes: command.attributes)))
                pieces.append(Piece(range: command.contents, kind: .actionArgument))
            }
        }
        if complete, let mark { pieces.append(Piece(range: mark, kind: .actionKind)) }
        pieces.sort { $0.range.lowerBound < $1.range.lowerBound }
        guard zip(pieces, pieces.dropFirst()).allSatisfy({ $0.range.upperBound <= $1.range.lowerBound }) else {
            return nil
        }
        return TerminusResponse(
            body: body, analysis: analysis.map(text.string) ?? "", plan: plan.map(text.string) ?? "",
            keystrokes: keystrokes, waits: waits, complete: complete, pieces: pieces)
    }

    /// The contents of the first `open` … `close` element within `range`, or `nil` when there is none.
    private static func element(
        _ text: TurnText, _ open: StaticString, _ close: StaticString, in range: Range<Int>
    ) -> Range<Int>? {
        guard let start = text.firstOffset(of: open, from: range.lowerBound) else { return nil }
        let inner = start + open.utf8CodeUnitCount
        guard let end = text.firstOffset(of: close, from: inner), end + close.utf8CodeUnitCount <= range.upperBound
        else { return nil }
        return inner..<end
    }

    /// Whether `range` holds a self-closing `<commands/>`: a present, empty list.
    private static func hasEmptyCommands(_ text: TurnText, in range: Range<Int>) -> Bool {
        for tag in ["<commands/>", "<commands />"] as [StaticString] {
            if let found = text.firstOffset(of: tag, from: range.lowerBound),
                found + tag.utf8CodeUnitCount <= range.upperBound
            {
                return true
            }
        }
        return false
    }

    /// The attributes and contents of each `<keystrokes ATTRIBUTES>…</keystrokes>` within `range`, in order.
    private static func keystrokeElements(_ text: TurnText, in range: Range<Int>)
        -> [(attributes: Range<Int>, contents: Range<Int>)]
    {
        var elements: [(attributes: Range<Int>, contents: Range<Int>)] = []
        var index = range.lowerBound
        while let tag = text.firstOffset(of: "<keystrokes", from: index),
            let opened = text.firstOffset(of: ">", from: tag + "<keystrokes".utf8.count),
            let end = text.firstOffset(of: "</keystrokes>", from: opened + 1),
            end + "</keystrokes>".utf8.count <= range.upperBound
        {
            elements.append(((tag + "<keystrokes".utf8.count)..<opened, (opened + 1)..<end))
            index = end + "</keystrokes>".utf8.count
        }
        return elements
    }

    /// The `duration="…"` (or `'…'`) attribute among `attributes` read as a number, as harbor's XML parser
    /// reads it; none when it is missing or is no number (harbor then waits the default).
    private static func duration(_ text: TurnText, attributes: Range<Int>) -> Double? {
        let source = text.string(attributes)
        guard let name = source.range(of: "duration") else { return nil }
        let rest = source[name.upperBound...].drop { $0.isWhitespace }
        guard rest.first == "=" else { return nil }
        let value = rest.dropFirst().drop { $0.isWhitespace }
        guard let quote = value.first, quote == "\"" || quote == "'",
            let close = value.dropFirst().firstIndex(of: quote)
        else { return nil }
        let number = Double(value[value.index(after: value.startIndex)..<close].trimmingCharacters(in: .whitespaces))
        return number.flatMap { $0.isNaN ? nil : $0 }
    }
}
