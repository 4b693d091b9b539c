// MARK: - Generic ReAct (FireAct, ETO, …)

extension StepParser {
    /// The fixed head of ReAct and KG observations.
    static let observationLabel: StaticString = "Observation:"

    /// Reads `Thought: …` then `Action: name[arg]` or `Action: name(arg)`, or
    /// `Final Answer: …`. `finish[…]` (any case) ends the task and its argument
    /// is the final answer.
    static func readReActTurn(_ text: TurnText) -> TurnReading? {
        readThoughtThenCall(text, brackets: true, parentheses: true) { call in
            let action = StepAction(kind: call.name, argument: call.argument)
            return (action, call.name.lowercased() == "finish" ? call.argument : nil)
        }
    }
}
