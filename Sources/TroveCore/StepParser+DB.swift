// MARK: - AgentBench DB

extension StepParser {
    /// Reads free thought, then `Action: Operation` with a fenced SQL block
    /// (action `sql`, argument the query) or `Action: Answer` and
    /// `Final Answer: […]` (action `answer`, argument and final answer the
    /// list text as written).
    static func readDBTurn(_ text: TurnText) -> TurnReading? {
        guard let label = text.firstLine(startingWith: "Action:") else { return nil }
        var builder = SegmentBuilder(text)
        let thought = builder.appendThought(labelled: nil, upTo: label.line)
        builder.appendLabel("Action:", at: label.label)
        let kindStart = builder.position
        if text.hasPrefix("Operation", at: kindStart) {
            builder.append(.actionKind, upTo: kindStart + 9)
            guard let query = builder.appendCodeBlock() else { return nil }
            return TurnReading(
                segments: builder.finish(), thought: thought, action: StepAction(kind: "sql", argument: query),
                actsOnEnvironment: true, endsTask: false)
        }
        guard text.hasPrefix("Answer", at: kindStart),
            let answerLabel = text.firstLine(startingWith: "Final Answer:", from: kindStart + 6),
            text.isBlank(kindStart + 6..<answerLabel.line)
        else { return nil }
        builder.append(.actionKind, upTo: kindStart + 6)
        builder.append(.syntax, upTo: answerLabel.label)
        builder.appendLabel("Final Answer:", at: answerLabel.label)
        let answer = builder.appendTrimmed(.finalAnswer, upTo: text.count) ?? ""
        return TurnReading(
            segments: builder.finish(), thought: thought, action: StepAction(kind: "answer", argument: answer),
            finalAnswer: answer, actsOnEnvironment: false, endsTask: true)
    }
}
