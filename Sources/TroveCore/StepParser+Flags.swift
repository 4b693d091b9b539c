// MARK: - Quality flags

extension StepParser {
    /// The flags that depend on what the steps read and on the agent's text:
    /// every flag but ``QualityFlag/rawFallback``, which parsing sets itself.
    static func qualityFlags(_ messages: [Message], readings: [TurnReading], dialect: Dialect) -> Set<QualityFlag> {
        var flags: Set<QualityFlag> = []
        if dialect != .raw && !(readings.last.map { $0.endsTask || $0.finalAnswer != nil } ?? false) {
            flags.insert(.noAnswer)
        }
        if let answer = readings.firstIndex(where: { $0.finalAnswer != nil }),
            !readings[...answer].contains(where: \.actsOnEnvironment)
        {
            flags.insert(.answerWithoutAction)
        }
        for message in messages where message.role == .agent {
            let scan = message.text.withTurnText { text in (text.isBlank(0..<text.count), leaksLabel(text)) }
            if scan.0 { flags.insert(.emptyTurn) }
            if scan.1 { flags.insert(.labelLeak) }
        }
        return flags
    }

    /// Whether the text says "provided answer", "expected answer" or "correct
    /// answer is", in any case: phrasing that suggests the agent saw the label
    /// ("The results match the provided answer", db_3).
    ///
    /// Implementation note: every phrase contains "answer", so one pass looks
    /// for that word and checks the words around each hit.
    static func leaksLabel(_ text: TurnText) -> Bool {
        var index = 0
        while index < text.count {
            if TurnText.asciiLowercased(text[index]) == UInt8(ascii: "a")
                && text.hasPrefixIgnoringCase("answer", at: index)
            {
                if text.hasPrefixIgnoringCase("provided ", at: index - 9)
                    || text.hasPrefixIgnoringCase("expected ", at: index - 9)
                    || (text.hasPrefixIgnoringCase("correct ", at: index - 8)
                        && text.hasPrefixIgnoringCase(" is", at: index + 6))
                {
                    return true
                }
                index += 6
            } else {
                index += 1
            }
        }
        return false
    }
}
