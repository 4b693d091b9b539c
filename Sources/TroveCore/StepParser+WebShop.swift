// MARK: - WebShop

extension StepParser {
    /// Reads `Thought:\n…\n\nAction:\nsearch[…]` or `click[…]`. The labels may
    /// also be followed by the text on the same line (ETO's WebShop data).
    /// `click[Buy Now]` (any case) ends the task.
    static func readWebShopTurn(_ text: TurnText) -> TurnReading? {
        guard let label = text.firstLine(startingWith: "Action:") else { return nil }
        var builder = SegmentBuilder(text)
        let thought = builder.appendThought(labelled: "Thought:", upTo: label.line)
        builder.appendLabel("Action:", at: label.label)
        guard let call = builder.appendCall(brackets: true, parentheses: false) else { return nil }
        let kind = call.name.lowercased()
        guard kind == "search" || kind == "click" else { return nil }
        return TurnReading(
            segments: builder.finish(), thought: thought, action: StepAction(kind: kind, argument: call.argument),
            actsOnEnvironment: true, endsTask: kind == "click" && call.argument.lowercased() == "buy now")
    }
}
