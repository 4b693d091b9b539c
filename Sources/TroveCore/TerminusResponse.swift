/// One Terminus reply as the harness reads it (``Dialect/terminus``): its analysis, plan, commands'
/// keystrokes and whether it marks the task complete, with where each lies in the turn's bytes.
///
/// Terminus-2 answers in JSON (`{"analysis", "plan", "commands": [{"keystrokes", "duration"}],
/// "task_complete"}`) or in XML (`<response><analysis>…</analysis><plan>…</plan><commands><keystrokes
/// duration="0.1">…</keystrokes></commands><task_complete>true</task_complete></response>`); ``json(_:)``
/// and ``xml(_:)`` read each as harbor's parsers do, text around the reply included.
struct TerminusResponse {
    /// A labelled piece of the reply: its bytes in the turn and what they are.
    struct Piece {
        var range: Range<Int>
        var kind: Segment.Kind
    }

    /// The reply proper (the JSON object, or `<response>` through `</response>`); text before and after
    /// it is the model's own, which the harness tolerates and ignores.
    var body: Range<Int>
    var analysis: String
    var plan: String
    /// Each command's keystrokes, in order, as sent to the terminal.
    var keystrokes: [String]
    /// How long harbor waits after each command's keys, in the order of ``keystrokes``.
    var waits: [TerminusWait]
    var complete: Bool
    /// The thoughts, keystrokes and completion mark inside ``body``, in order and apart.
    var pieces: [Piece]

    /// The commands' keys in order, as the terminal receives them: a command that is one tmux key name
    /// (`C-c`, `M-x`, `Escape`, `Up`, `F5`), which tmux sends as that key and not as its letters, is
    /// written `<C-c>`, so `C-c` then `:q!\n` reads `<C-c>:q!\n` rather than a command `C-c:q!`.
    var keys: String {
        keystrokes.map { Self.isKeyName($0) ? "<\($0)>" : $0 }.joined()
    }

    /// tmux's names of keys that are not a character of their own.
    static let namedKeys: Set<String> = [
        "Enter", "Escape", "Tab", "BTab", "BSpace", "Space", "Up", "Down", "Left", "Right", "Home", "End",
        "PageUp", "PageDown", "PgUp", "PgDn", "PPage", "NPage", "IC", "DC", "Insert", "Delete",
    ]

    /// Whether `command` is one tmux key name, as tmux reads them (names and modifiers in any case): a
    /// named key or a function key `F1`…`F12`, or a character with `C-`, `M-` or `S-` modifiers (or `^`
    /// for control).
    static func isKeyName(_ command: String) -> Bool {
        var rest = Substring(command)
        var modified = false
        while let prefix = ["c-", "m-", "s-"].first(where: { rest.lowercased().hasPrefix($0) }) {
            rest = rest.dropFirst(prefix.count)
            modified = true
        }
        if !modified, rest.hasPrefix("^"), rest.count == 2 { return true }
        if namedKeys.contains(where: { $0.caseInsensitiveCompare(rest) == .orderedSame }) { return true }
        let number = rest.dropFirst()
        if rest.first == "F" || rest.first == "f", !number.isEmpty, number.allSatisfy(\.isASCII),
            number.allSatisfy(\.isNumber), let value = Int(number), (1...12).contains(value)
        {
            return true
        }
        return modified && rest.count == 1 && rest.first.map { !$0.isWhitespace } == true
    }

    /// The analysis and the plan, each trimmed, a blank line between them; `nil` when both are empty.
    var thought: String? {
        let parts = [analysis, plan].map { part in part.withTurnText { $0.string($0.trimmed(0..<$0.count)) } }
            .filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: "\n\n")
    }

    /// `text` cut into segments: the pieces, syntax between them, and text outside ``body`` as `other`
    /// (its white space as syntax).
    func segments(of text: TurnText) -> [Segment] {
        var builder = SegmentBuilder(text)
        builder.appendTrimmed(.other, upTo: body.lowerBound)
        for piece in pieces {
            builder.append(.syntax, upTo: piece.range.lowerBound)
            builder.append(piece.kind, upTo: piece.range.upperBound)
        }
        builder.append(.syntax, upTo: body.upperBound)
        return builder.finish()
    }
}
