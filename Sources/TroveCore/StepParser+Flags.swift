// MARK: - Quality flags

extension StepParser {
    /// The flags that depend on what the steps read and on the messages' text:
    /// every flag but ``QualityFlag/rawFallback``, which parsing sets itself. `turns` is the messages'
    /// structure (``structure(of:dialect:)``).
    static func qualityFlags(
        _ messages: [Message], turns: [TurnKind], readings: [TurnReading], dialect: Dialect
    ) -> Set<QualityFlag> {
        var flags: Set<QualityFlag> = []
        if dialect != .raw && dialect != .chat && !(readings.last.map { $0.endsTask || $0.finalAnswer != nil } ?? false)
        {
            flags.insert(.noAnswer)
        }
        if answersWithoutAction(turns: turns, readings: readings) { flags.insert(.answerWithoutAction) }
        for message in messages where message.role == .agent {
            let scan = message.text.withTurnText { text in (text.isBlank(0..<text.count), leaksLabel(text)) }
            if scan.0 && message.toolCalls.isEmpty { flags.insert(.emptyTurn) }
            if scan.1 { flags.insert(.labelLeak) }
        }
        if messages.contains(where: { message in message.text.withTurnText { $0.contains("\u{FFFD}") } }) {
            flags.insert(.badEncoding)
        }
        return flags
    }

    /// Whether the run gave its final answer with nothing from the environment to go on: no step up to
    /// the first final answer acted on the environment, and the environment showed nothing before the
    /// first agent turn.
    ///
    /// A run whose environment shows its state first (WebArena's start page, an observation of no step)
    /// may answer from what it shows: WebArena's finishing call `stop [answer]` on the start page is the
    /// run's answer, read off the page, not a guess. Without such an observation (a db question answered
    /// without a query, HotpotQA's `finish[…]` before any search, an OpenHands `finish` before any
    /// command) the answer came from nowhere in the environment, and the flag stands.
    static func answersWithoutAction(turns: [TurnKind], readings: [TurnReading]) -> Bool {
        guard let answer = readings.firstIndex(where: { $0.finalAnswer != nil }),
            !readings[...answer].contains(where: \.actsOnEnvironment)
        else { return false }
        return !turns.prefix { $0 != .agent }.contains(.observation)
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
    /// for that word and checks the words around each hit. The pass reads the
    /// byte under the word's last letter and moves as far as that byte allows
    /// (Horspool), so it reads about one byte in five: reading every byte was
    /// the costliest flag of an import.
    static func leaksLabel(_ text: TurnText) -> Bool {
        var index = 0
        while index + 6 <= text.count {
            let last = TurnText.asciiLowercased(text[index + 5])
            if last == UInt8(ascii: "r") && text.hasPrefixIgnoringCase("answer", at: index) {
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
                index += answerShift(last)
            }
        }
        return false
    }

    /// How far the search for "answer" may move when the byte under its last letter is `byte` (lowercased):
    /// to the next place where that byte could be the word's letter, past the word when it is none of them.
    private static func answerShift(_ byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: "a"): 5
        case UInt8(ascii: "n"): 4
        case UInt8(ascii: "s"): 3
        case UInt8(ascii: "w"): 2
        case UInt8(ascii: "e"): 1
        default: 6
        }
    }

    /// The flags that describe how the agent behaved over its steps:
    /// - ``QualityFlag/repeatedAction``: the same action kind and argument in
    ///   three or more steps in a row;
    /// - ``QualityFlag/unansweredAction``: a step before the last acted on the
    ///   environment and got no observation;
    /// - ``QualityFlag/errorStreak``: three or more steps in a row whose
    ///   observations are errors (``isErrorObservation(_:)``).
    static func behaviourFlags(_ steps: [Step], readings: [TurnReading]) -> Set<QualityFlag> {
        var flags: Set<QualityFlag> = []
        var repeats = 1
        var errors = 0
        for (index, step) in steps.enumerated() {
            if index > 0, let action = step.action, action == steps[index - 1].action {
                repeats += 1
                if repeats >= 3 { flags.insert(.repeatedAction) }
            } else {
                repeats = 1
            }
            if step.observation.map(isErrorObservation) == true {
                errors += 1
                if errors >= 3 { flags.insert(.errorStreak) }
            } else {
                errors = 0
            }
            if index < steps.count - 1, step.observationIndex == nil, readings[index].actsOnEnvironment {
                flags.insert(.unansweredAction)
            }
        }
        return flags
    }

    /// Whether an observation reports an error: after white space it starts
    /// with `Error`, `Exception`, `Traceback (most recent call last)`,
    /// `bash: ` or `/bin/sh: ` (any case), or a SQL error code (`1054
    /// (42S22): …`), or it says `command not found` or reports a non-zero
    /// `<returncode>`.
    static func isErrorObservation(_ text: String) -> Bool {
        text.withTurnText { text in
            let start = text.skippingWhitespace(from: 0)
            for prefix in errorPrefixes where text.hasPrefixIgnoringCase(prefix, at: start) { return true }
            if text.hasPrefix("<returncode>", at: start) {
                let code = start + "<returncode>".utf8.count
                return code < text.count && text[code] != UInt8(ascii: "0")
            }
            var digits = start
            while digits < text.count && text[digits] >= 0x30 && text[digits] <= 0x39 { digits += 1 }
            if digits - start == 4 && text.hasPrefix(" (", at: digits) { return true }
            return text.contains("command not found")
        }
    }

    private static let errorPrefixes: [StaticString] = [
        "error", "exception", "traceback (most recent call last)", "bash: ", "/bin/sh: ",
    ]

    static let leakingWords: [StaticString] = ["provided ", "given ", "reference ", "gold "]
    static let leakingWhenStated: [StaticString] = ["correct ", "expected "]
}
