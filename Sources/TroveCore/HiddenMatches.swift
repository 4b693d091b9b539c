/// Where a blind reviewer's text terms find their text only in the value of a reward a turn states
/// (``ObservationReward``): the matches blind review leaves out, since the screen shows those values as
/// `hidden` and a match on one would tell which runs the environment rewarded.
///
/// A store looks them up for a blind filter (``lookUp(for:dialect:in:)``) before it compiles the filter
/// (``Filter/condition(in:page:firstParameter:hidden:)``). The search index holds the texts as imported,
/// so each term's candidates are the texts (or steps' observations) the index or a scan finds and that
/// name a reward's key; the store's own search then decides, on each one with its stated values
/// redacted, whether the term still matches there. Where it no longer does, the match is left out; a
/// text that states no reward, or that holds the term elsewhere too, keeps its match.
public struct HiddenMatches: Sendable, Hashable {
    /// By `has:` and `context:` phrase: the texts (`message_text.id`) that hold it only in stated values.
    public var texts: [String: [Int64]] = [:]
    /// By `observation:` text: the steps (`"trajectory_id:idx"`) whose observation holds it only there.
    public var steps: [String: [String]] = [:]

    public init(texts: [String: [Int64]] = [:], steps: [String: [String]] = [:]) {
        self.texts = texts
        self.steps = steps
    }

    /// What a store answers while ``lookUp(for:dialect:in:)`` looks up a filter's hidden matches.
    public protocol Lookup {
        /// The rows of `sql` (its values bound in order): their columns `key` and `text`.
        func rows(_ sql: String, _ values: [StoreValue]) throws -> [(key: String, text: String)]
        /// For each of `texts`, whether the store's search index finds `phrase` in it as `has:` does.
        func phrase(_ phrase: String, isIn texts: [String]) throws -> [Bool]
    }

    /// The hidden matches of `filter`'s `has:`, `context:` and `observation:` terms in a store of
    /// `dialect`, through `lookup`; none for a filter outside blind review.
    public static func lookUp(for filter: Filter, dialect: SQLDialect, in lookup: some Lookup) throws
        -> HiddenMatches
    {
        var hidden = HiddenMatches()
        guard filter.blindReviewer != nil, let expression = filter.expression else { return hidden }
        for predicate in expression.predicates {
            guard case .string(let text) = predicate.value else { continue }
            var compiler = FilterSQLCompiler(dialect: dialect, page: nil, firstParameter: 1)
            switch predicate.field {
            case .has, .context:
                guard hidden.texts[text] == nil else { continue }
                guard mayMatchAValue(text) else {
                    hidden.texts[text] = []
                    continue
                }
                let sql = compiler.textsStatingRewards(holding: text)
                let keys = try hiddenKeys(try lookup.rows(sql, compiler.values)) { texts in
                    // A value in an unspaced script is found as plain text, as the filter reads the texts then.
                    guard !SearchableText.hasUnspacedLetter(text) else { return texts.map(PlainTextMatch(text).isIn) }
                    return try lookup.phrase(text, isIn: texts)
                }
                hidden.texts[text] = keys.compactMap { Int64($0) }
            case .observation:
                guard hidden.steps[text] == nil else { continue }
                let sql = compiler.observationsStatingRewards(holding: text)
                hidden.steps[text] = try hiddenKeys(try lookup.rows(sql, compiler.values)) {
                    $0.map(PlainTextMatch(text).isIn)
                }
            default:
                continue
            }
        }
        return hidden
    }

    /// The keys of the `candidates` whose text, with its stated rewards redacted, no longer matches
    /// (`matches` asked of the redacted texts); a candidate that states no reward keeps its match.
    private static func hiddenKeys(
        _ candidates: [(key: String, text: String)], lookup matches: ([String]) throws -> [Bool]
    ) throws -> [String] {
        let redacted = candidates.compactMap { candidate -> (key: String, text: String)? in
            let text = ObservationReward.redacted(candidate.text)
            return text == candidate.text ? nil : (candidate.key, text)
        }
        let still = try matches(redacted.map(\.text))
        return zip(redacted, still).filter { !$1 }.map(\.0.key)
    }

    /// Whether a search for `phrase` could match a stated value: whether one of its words could be a
    /// word of one (`True`, `false`, a number's digits, a hexadecimal number's letters) in either
    /// index's hands. Conservative: a word with a letter outside ASCII may fold to one (SQLite's index
    /// reads `trüe` as `true`).
    static func mayMatchAValue(_ phrase: String) -> Bool {
        let valueScalars = Set("0123456789abcdefpx".unicodeScalars)
        return words(of: phrase).contains { word in
            let folded = word.lowercased()
            return folded == "true" || folded == "false" || folded.unicodeScalars.contains { !$0.isASCII }
                || folded.unicodeScalars.allSatisfy { valueScalars.contains($0) }
        }
    }

    /// The runs of characters either search index makes words of (``SearchableText``).
    private static func words(of text: String) -> [String] {
        text.split { !SearchableText.hasWord(String($0)) }.map(String.init)
    }
}

extension FilterExpression {
    /// Every predicate in the expression, left to right; gathered with a stack, as
    /// ``chainedOperands(of:)`` is, so an expression of any depth is safe.
    var predicates: [FilterPredicate] {
        var found: [FilterPredicate] = []
        var pending = [self]
        while let next = pending.popLast() {
            switch next {
            case .and(let left, let right), .or(let left, let right):
                pending.append(right)
                pending.append(left)
            case .not(let operand): pending.append(operand)
            case .predicate(let predicate): found.append(predicate)
            }
        }
        return found
    }
}
