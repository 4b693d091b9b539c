// MARK: - Knowledge graph (AgentBench KG)

extension StepParser {
    /// The message that ends the one-shot example and states the real question.
    static let kgTaskMarker: StaticString = "A new question:"

    /// Reads `Thought: …` then `Action: fn(args)` (kind the function name,
    /// argument the text between the parentheses) or `Final Answer: #n`.
    static func readKGTurn(_ text: TurnText) -> TurnReading? {
        readThoughtThenCall(text, brackets: false, parentheses: true) { call in
            (StepAction(kind: call.name, argument: call.argument), nil)
        }
    }

    /// The grammar KG and ReAct share: an optional `Thought:`, then the first
    /// line that starts with `Action:` (a call) or `Final Answer:`.
    ///
    /// - parameter interpret: turns the call into the step's action and, when
    ///   the call answers (`finish[…]`), its final answer.
    static func readThoughtThenCall(
        _ text: TurnText, brackets: Bool, parentheses: Bool,
        interpret: ((name: String, argument: String)) -> (action: StepAction, finalAnswer: String?)
    ) -> TurnReading? {
        let action = text.firstLine(startingWith: "Action:")
        let answer = text.firstLine(startingWith: "Final Answer:")
        var builder = SegmentBuilder(text)
        if let answer, action.map({ answer.line < $0.line }) ?? true {
            let thought = builder.appendThought(labelled: "Thought:", upTo: answer.line)
            builder.appendLabel("Final Answer:", at: answer.label)
            let value = builder.appendTrimmed(.finalAnswer, upTo: text.lineEnd(from: builder.position)) ?? ""
            return TurnReading(
                segments: builder.finish(), thought: thought, finalAnswer: value, actsOnEnvironment: false,
                endsTask: true)
        }
        guard let action else { return nil }
        let thought = builder.appendThought(labelled: "Thought:", upTo: action.line)
        builder.appendLabel("Action:", at: action.label)
        guard let call = builder.appendCall(brackets: brackets, parentheses: parentheses) else { return nil }
        let meaning = interpret(call)
        return TurnReading(
            segments: builder.finish(), thought: thought, action: meaning.action, finalAnswer: meaning.finalAnswer,
            actsOnEnvironment: meaning.finalAnswer == nil, endsTask: meaning.finalAnswer != nil)
    }
}
