// MARK: - Mind2Web

extension StepParser {
    /// Reads `Thought: …`, `Answer: B.`, then an optional `Action: CLICK`
    /// (`TYPE`, `SELECT`, `SET`, any word) and an optional `Value: …`.
    ///
    /// A step reads as: final answer the chosen letter (`B`, the trailing dot
    /// is syntax), action kind the operation, action argument the `Value`
    /// text (empty for `CLICK`). The one step ends the task. `Answer: A.`
    /// ("None of the above") may come without an action.
    static func readMind2WebTurn(_ text: TurnText) -> TurnReading? {
        guard let answerLabel = text.firstLine(startingWith: "Answer:") else { return nil }
        var builder = SegmentBuilder(text)
        let thought = builder.appendThought(labelled: "Thought:", upTo: answerLabel.line)
        builder.appendLabel("Answer:", at: answerLabel.label)
        var choice = text.trimmed(builder.position..<text.lineEnd(from: builder.position))
        if !choice.isEmpty && text[choice.upperBound - 1] == UInt8(ascii: ".") {
            choice = choice.lowerBound..<choice.upperBound - 1
        }
        guard !choice.isEmpty else { return nil }
        builder.append(.syntax, upTo: choice.lowerBound)
        builder.append(.finalAnswer, upTo: choice.upperBound)
        builder.append(.syntax, upTo: text.lineEnd(from: builder.position))
        var action: StepAction?
        if let actionLabel = text.firstLine(startingWith: "Action:", from: builder.position),
            text.isBlank(builder.position..<actionLabel.line)
        {
            builder.append(.syntax, upTo: actionLabel.label)
            builder.appendLabel("Action:", at: actionLabel.label)
            guard let operation = builder.appendTrimmed(.actionKind, upTo: text.lineEnd(from: builder.position))
            else { return nil }
            var value = ""
            if let valueLabel = text.firstLine(startingWith: "Value:", from: builder.position),
                text.isBlank(builder.position..<valueLabel.line)
            {
                builder.append(.syntax, upTo: valueLabel.label)
                builder.appendLabel("Value:", at: valueLabel.label)
                value = builder.appendTrimmed(.actionArgument, upTo: text.count) ?? ""
            }
            action = StepAction(kind: operation, argument: value)
        }
        return TurnReading(
            segments: builder.finish(), thought: thought, action: action, finalAnswer: text.string(choice),
            actsOnEnvironment: action != nil, endsTask: true)
    }
}
