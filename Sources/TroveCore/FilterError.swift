/// Why a filter expression could not be parsed, and where.
///
/// ``range`` counts `Character`s of ``input`` from zero; an empty range points
/// between two characters (at the end of the input when something is missing).
/// ``description`` renders the input over a caret line, for a terminal:
///
/// ```
/// task:db rewrd<1
///         ^^^^^ unknown field 'rewrd' (did you mean 'reward'?)
/// ```
///
/// A one-line prompt can instead highlight ``range`` and show ``message``.
public struct FilterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The expression as typed.
    public let input: String
    /// The offending token, in `Character` offsets into ``input``.
    public let range: Range<Int>
    /// What is wrong, without the position.
    public let message: Message

    init(input: String, range: Range<Int>, message: Message) {
        self.input = input
        self.range = range
        self.message = message
    }

    /// Spaces from the start of the line ``range`` starts on up to it, and one `^` per column of it on
    /// that line (at least one); tabs in the input are kept so the carets line up under them.
    /// `columns` gives a character's display width (a terminal's: 2 for `数`, 0 for a combining mark);
    /// by default each character is one column.
    public func caretLine(columns: (Character) -> Int = { _ in 1 }) -> String {
        let characters = Array(input)
        let start = min(range.lowerBound, characters.count)
        let lineStart = characters[..<start].lastIndex(where: \.isNewline).map { $0 + 1 } ?? 0
        let lineEnd = characters[start...].firstIndex(where: \.isNewline) ?? characters.count
        let prefix = characters[lineStart..<start].map {
            $0 == "\t" ? "\t" : String(repeating: " ", count: max(0, columns($0)))
        }
        let marked = characters[start..<max(start, min(range.upperBound, lineEnd))].reduce(0) {
            $0 + max(0, columns($1))
        }
        return prefix.joined() + String(repeating: "^", count: max(1, marked))
    }

    /// The input up to the end of the line the error is on, the caret line followed by the message, then
    /// the input's other lines; `columns` as ``caretLine(columns:)`` takes it.
    public func rendered(columns: (Character) -> Int = { _ in 1 }) -> String {
        let characters = Array(input)
        let start = min(range.lowerBound, characters.count)
        let lineEnd = characters[start...].firstIndex(where: \.isNewline) ?? characters.count
        let rest = lineEnd < characters.count ? "\n" + String(characters[(lineEnd + 1)...]) : ""
        return String(characters[..<lineEnd]) + "\n\(caretLine(columns: columns)) \(message)" + rest
    }

    /// ``rendered(columns:)`` with one column per character.
    public var description: String { rendered() }
}

extension FilterError {
    /// A filter error message: a fixed sentence with the offending text filled in.
    public struct Message: Sendable, Hashable, CustomStringConvertible {
        /// The sentence, as shown to the user.
        public let text: String

        init(_ text: String) { self.text = text }

        public var description: String { text }
    }
}

// MARK: - Messages

extension FilterError.Message {
    static func unknownField(_ name: String) -> Self {
        let fields = FilterField.allCases.map(\.rawValue)
        // A near miss names the one field meant: the whole list is longer than a prompt's line.
        let near = fields.map { ($0, Self.editDistance(name.lowercased(), $0)) }.filter { $0.1 <= 2 }
        if let best = near.min(by: { $0.1 < $1.1 }), near.filter({ $0.1 == best.1 }).count == 1 {
            return Self("unknown field '\(name)' (did you mean '\(best.0)'?)")
        }
        return Self("unknown field '\(name)' (fields: \(fields.joined(separator: ", ")))")
    }

    /// The Levenshtein distance between `a` and `b`, in characters.
    private static func editDistance(_ a: String, _ b: String) -> Int {
        let (a, b) = (Array(a), Array(b))
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }

    static func hiddenInBlindReview(_ name: String) -> Self {
        let hidden =
            Filter.rewardFields.contains(name.lowercased()) ? "the environment's reward" : "other reviewers' labels"
        return Self("blind review hides \(hidden), so '\(name)' cannot be filtered on")
    }

    static func ownNameOnly(field: FilterField, reviewer: String) -> Self {
        Self(
            "blind review hides other reviewers' work, so '\(field.rawValue)' takes only your own name "
                + "(\(field.rawValue):\(FilterValue.string(reviewer)))")
    }

    static func notAFilter(_ word: String) -> Self {
        Self("'\(word)' is not a filter: write a field and a value, as in has:\(word)")
    }

    static func expectedComparison(after field: FilterField) -> Self {
        Self("expected \(alternatives(field.comparisons)) after '\(field.rawValue)'")
    }

    static func comparisonNotAllowed(_ comparison: FilterComparison, field: FilterField) -> Self {
        Self("'\(field.rawValue)' takes only \(alternatives(field.comparisons)), not '\(comparison.rawValue)'")
    }

    static func expectedValue(after operatorText: String) -> Self {
        Self("expected a value after '\(operatorText)'")
    }

    static func expectedNumber(after operatorText: String) -> Self {
        Self("expected a number after '\(operatorText)'")
    }

    static func expectedWholeNumber(after operatorText: String) -> Self {
        Self("expected a whole number after '\(operatorText)'")
    }

    static let rewardOutOfRange = Self("a reward is between 0 and 1")

    static func emptySearch(after operatorText: String) -> Self {
        Self("expected text to search for after '\(operatorText)'")
    }

    /// A full-text value without a letter or digit, which the search index holds no word of.
    static func noWords(_ value: String, after operatorText: String, stepFieldsMatch: Bool) -> Self {
        let steps =
            stepFieldsMatch ? ", or use action:, thought: or observation:, which match a step's text as written" : ""
        return Self(
            "'\(value)' has no letter or digit, and '\(operatorText)' matches whole words, ignoring punctuation: "
                + "search for a word (\(operatorText)\"--force\" finds 'force')\(steps)")
    }

    static func unknownName(_ value: String, of field: FilterField, names: [String]) -> Self {
        Self("unknown \(field.rawValue) '\(value)' (one of: \(names.joined(separator: ", ")))")
    }

    static let unbalancedParenthesis = Self("unbalanced parenthesis")

    static let emptyParentheses = Self("expected a filter inside the parentheses")

    static let tooManyParentheses = Self(
        "more than \(FilterParser.maximumParentheses) parentheses open at once; a filter needs far fewer (a chain needs "
            + "none: a or b or c)")

    static func nestedTooDeep(_ levels: Int) -> Self {
        Self(
            "the filter nests \(levels) levels of and / or / not / parentheses; trove takes \(FilterParser.maximumNesting) "
                + "(a chain needs none: a or b or c)")
    }

    static func expectedFilter(after text: String) -> Self {
        Self("expected a filter after '\(text)'")
    }

    static func expectedFilter(before keyword: String) -> Self {
        Self("expected a filter before '\(keyword)'")
    }

    static func expectedField(before comparison: FilterComparison) -> Self {
        Self("expected a field name before '\(comparison.rawValue)'")
    }

    static let valueWithoutField = Self("expected a field before the quoted text, as in has:\"…\"")

    static let unterminatedString = Self("unterminated string: missing the closing '\"'")

    static func invalidEscape(_ character: Character) -> Self {
        Self("unknown escape '\\\(character)' (only \\\" and \\\\ are escapes)")
    }

    static let loneExclamationMark = Self("unexpected '!' (did you mean '!='?)")

    private static func alternatives(_ comparisons: [FilterComparison]) -> String {
        let quoted = comparisons.map { "'\($0.rawValue)'" }
        return quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
    }
}
