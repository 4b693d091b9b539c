// MARK: - AgentBench OS interaction

extension StepParser {
    /// The message that ends the one-shot example and states the real task.
    static let osTaskMarker: StaticString = "Now, I will start a new problem"

    /// The fixed head of every OS observation. Real-task observations follow it
    /// with `\n\n`, the one-shot example's with a single `\n`.
    static let osObservationPrefix: StaticString = "The output of the OS:"

    /// Reads `Think: …` then `Act: bash` with a fenced block, `Act: finish` or
    /// `Act: answer(…)`.
    ///
    /// `answer(…)` keeps everything up to the last `)` of the turn, so answers
    /// with parentheses survive; its argument is also the final answer.
    static func readOSTurn(_ text: TurnText) -> TurnReading? {
        guard let act = text.firstLine(startingWith: "Act:") else { return nil }
        var builder = SegmentBuilder(text)
        let thought = builder.appendThought(labelled: "Think:", upTo: act.line)
        builder.appendLabel("Act:", at: act.label)
        let kindStart = builder.position
        var kindEnd = kindStart
        while kindEnd < text.count && TurnText.isNameByte(text[kindEnd]) { kindEnd += 1 }
        let kind = text.string(kindStart..<kindEnd)
        builder.append(.actionKind, upTo: kindEnd)
        switch kind {
        case "bash":
            guard let command = builder.appendCodeBlock() else { return nil }
            return TurnReading(
                segments: builder.finish(), thought: thought, action: StepAction(kind: "bash", argument: command),
                actsOnEnvironment: true, endsTask: false)
        case "finish":
            return TurnReading(
                segments: builder.finish(), thought: thought, action: StepAction(kind: "finish", argument: ""),
                actsOnEnvironment: false, endsTask: true)
        case "answer":
            guard kindEnd < text.count, text[kindEnd] == UInt8(ascii: "("),
                let close = text.lastOffset(of: UInt8(ascii: ")"), in: kindEnd + 1..<text.count)
            else { return nil }
            builder.append(.syntax, upTo: kindEnd + 1)
            let answer = builder.appendTrimmed(.finalAnswer, upTo: close) ?? ""
            builder.append(.syntax, upTo: close + 1)
            return TurnReading(
                segments: builder.finish(), thought: thought, action: StepAction(kind: "answer", argument: answer),
                finalAnswer: answer, actsOnEnvironment: false, endsTask: true)
        default:
            return nil
        }
    }
}
