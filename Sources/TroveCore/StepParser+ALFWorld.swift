// MARK: - ALFWorld

extension StepParser {
    /// Reads an optional `THOUGHT: …`, then `ACTION: <action>` on a line of its
    /// own, also when it starts with spaces (9 of 84 sample actions write
    /// `"\n ACTION:"`). A turn with only `THOUGHT:` is valid: the prompt offers
    /// "THOUGHT" as a choice.
    ///
    /// The action's kind is its first word, lower-cased (`go`, `take`, `put`,
    /// `open`, `heat`, `use`, …); its argument is the whole action as written
    /// (`go to shelf 1`). A `put` ends the task (every pick-and-place goal ends
    /// on one) and so does `use` (the look-at-object-in-light goal ends on
    /// `use desklamp 1`).
    static func readALFWorldTurn(_ text: TurnText) -> TurnReading? {
        var builder = SegmentBuilder(text)
        guard let label = text.firstLine(startingWith: "ACTION:") else {
            let start = text.skippingWhitespace(from: 0)
            guard text.hasPrefix("THOUGHT:", at: start) else { return nil }
            let thought = builder.appendThought(labelled: "THOUGHT:", upTo: text.count)
            return TurnReading(
                segments: builder.finish(), thought: thought, actsOnEnvironment: false, endsTask: false)
        }
        let thought = builder.appendThought(labelled: "THOUGHT:", upTo: label.line)
        builder.appendLabel("ACTION:", at: label.label)
        let action = text.trimmed(builder.position..<text.lineEnd(from: builder.position))
        guard !action.isEmpty else { return nil }
        var verbEnd = action.lowerBound
        while verbEnd < action.upperBound && !TurnText.isWhitespace(text[verbEnd]) { verbEnd += 1 }
        builder.append(.actionKind, upTo: verbEnd)
        builder.append(.actionArgument, upTo: action.upperBound)
        let verb = text.string(action.lowerBound..<verbEnd).lowercased()
        return TurnReading(
            segments: builder.finish(), thought: thought,
            action: StepAction(kind: verb, argument: text.string(action)),
            actsOnEnvironment: true, endsTask: verb == "put" || verb == "use")
    }
}
