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

    /// Whether the text names an answer the agent should not have seen:
    /// "provided answer", "given answer", "reference answer", "gold answer",
    /// or "correct answer is" / "expected answer is", in any case ("The results
    /// match the provided answer", db_3).
    ///
    /// "returned the expected answer" alone is not a leak: GPT-4 says it after
    /// 90 of the 200 db-dev queries, meaning only that the SQL ran as intended.
    ///
    /// Implementation note: every phrase contains "answer", so one pass looks
    /// for that word and checks the words around each hit.
    static func leaksLabel(_ text: TurnText) -> Bool {
        var index = 0
        while index < text.count {
            if TurnText.asciiLowercased(text[index]) == UInt8(ascii: "a")
                && text.hasPrefixIgnoringCase("answer", at: index)
            {
                let followedByIs = text.hasPrefixIgnoringCase(" is", at: index + 6)
                for word in leakingWords where text.hasPrefixIgnoringCase(word, at: index - word.utf8CodeUnitCount) {
                    return true
                }
                for word in leakingWhenStated
                where followedByIs && text.hasPrefixIgnoringCase(word, at: index - word.utf8CodeUnitCount) {
                    return true
                }
                index += 6
            } else {
                index += 1
            }
        }
        return false
    }

    static let leakingWords: [StaticString] = ["provided ", "given ", "reference ", "gold "]
    static let leakingWhenStated: [StaticString] = ["correct ", "expected "]
}
