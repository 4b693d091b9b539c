/// A recursive-descent parser for the grammar in ``Filter``.
struct FilterParser {
    private let input: String
    private let characters: [Character]
    private let tokens: [FilterToken]
    /// Lower-cased field names refused wherever they appear (blind review's reward fields).
    private let refused: Set<String>
    /// Fields that take only this reviewer's own name (blind review's `queue` and `assigned`).
    private let ownNameOnly: (fields: Set<FilterField>, reviewer: String)?
    private var position = 0
    /// The parentheses open at ``position``.
    private var parentheses = 0

    /// The deepest a filter may nest (``FilterExpression/nesting``): SQLite's parser stops with "parser
    /// stack overflow" in the statement `trove label --where` runs at 24 levels of `task:` terms and at 16
    /// of `has:` terms (whose SQL nests a subquery; 14 pass), and both backends must select alike, so the
    /// limit keeps a margin under the heaviest term.
    static let maximumNesting = 12
    /// The most parentheses open at once, redundant ones included (`((task:db))` nests nothing).
    static let maximumParentheses = 64

    private init(
        input: String, tokens: [FilterToken], refused: Set<String>,
        ownNameOnly: (fields: Set<FilterField>, reviewer: String)?
    ) {
        self.input = input
        self.characters = Array(input)
        self.tokens = tokens
        self.refused = refused
        self.ownNameOnly = ownNameOnly
    }

    /// Parses `input`; `nil` means the input is blank. A term on a field named in `refused` throws, and
    /// so does one on a field of `ownNameOnly` naming another reviewer.
    static func parse(
        _ input: String, refusing refused: Set<String> = [],
        ownNameOnly: (fields: Set<FilterField>, reviewer: String)? = nil
    ) throws(FilterError) -> FilterExpression? {
        var parser = FilterParser(
            input: input, tokens: try FilterLexer.tokens(of: input), refused: refused, ownNameOnly: ownNameOnly)
        guard parser.current.kind != .end else { return nil }
        let expression = try parser.disjunction()
        if expression.nesting > Self.maximumNesting {
            throw FilterError(
                input: input, range: 0..<min(1, input.count), message: .nestedTooDeep(expression.nesting))
        }
        // Implementation note: a conjunction stops only at the end, at `or`
        // (which the disjunction consumes) or at `)`, so anything left is a `)`
        // that no `(` opened.
        guard parser.current.kind == .end else { throw parser.error(.unbalancedParenthesis, at: parser.current) }
        return expression
    }

    // MARK: - Grammar rules

    private mutating func disjunction() throws(FilterError) -> FilterExpression {
        var expression = try conjunction()
        while isKeyword(current, "or") {
            position += 1
            expression = .or(expression, try conjunction())
        }
        return expression
    }

    private mutating func conjunction() throws(FilterError) -> FilterExpression {
        var expression = try negation()
        while current.kind != .end, current.kind != .closeParenthesis, !isKeyword(current, "or") {
            if isKeyword(current, "and") { position += 1 }
            expression = .and(expression, try negation())
        }
        return expression
    }

    /// A run of `not`s and `-`s, read in a loop: two cancel out (`not not x` is `x` in a WHERE clause,
    /// unknown values included), so a run of any length is one negation or none.
    private mutating func negation() throws(FilterError) -> FilterExpression {
        var negated = false
        while isKeyword(current, "not") || current.kind == .minus {
            position += 1
            negated.toggle()
        }
        let operand = try primary()
        return negated ? .not(operand) : operand
    }

    private mutating func primary() throws(FilterError) -> FilterExpression {
        let token = current
        switch token.kind {
        case .openParenthesis:
            // Each level is four frames of this parser's recursion: a bound keeps the stack safe, and the
            // nesting check below keeps the SQL within what SQLite's parser takes.
            guard parentheses < Self.maximumParentheses else { throw error(.tooManyParentheses, at: token) }
            position += 1
            parentheses += 1
            let expression = try disjunction()
            parentheses -= 1
            guard current.kind == .closeParenthesis else { throw error(.unbalancedParenthesis, at: token) }
            position += 1
            if expression.nesting > Self.maximumNesting {
                throw FilterError(
                    input: input, range: token.range.lowerBound..<tokens[position - 1].range.upperBound,
                    message: .nestedTooDeep(expression.nesting))
            }
            return expression
        case .word(let word) where !isKeyword(token, "and") && !isKeyword(token, "or"):
            position += 1
            return .predicate(try predicate(fieldName: word, at: token))
        case .quoted:
            throw error(.valueWithoutField, at: token)
        case .comparison(let comparison):
            throw error(.expectedField(before: comparison), at: token)
        case .word, .end, .closeParenthesis, .minus:
            throw missingFilter()
        }
    }

    private mutating func predicate(fieldName: String, at fieldToken: FilterToken) throws(FilterError)
        -> FilterPredicate
    {
        if refused.contains(fieldName.lowercased()) { throw error(.hiddenInBlindReview(fieldName), at: fieldToken) }
        guard let field = FilterField(rawValue: fieldName.lowercased()) else {
            if case .comparison = current.kind { throw error(.unknownField(fieldName), at: fieldToken) }
            throw error(.notAFilter(fieldName), at: fieldToken)
        }
        guard case .comparison(let comparison) = current.kind else {
            // `masked` alone asks for a masked turn.
            if field == .masked { return FilterPredicate(field: field, comparison: .colon, value: .string("yes")) }
            throw error(.expectedComparison(after: field), at: current)
        }
        guard field.comparisons.contains(comparison) else {
            throw error(.comparisonNotAllowed(comparison, field: field), at: current)
        }
        position += 1
        let valueToken = current
        let text: String
        let isQuoted: Bool
        switch valueToken.kind {
        case .word(let word):
            (text, isQuoted) = (word, false)
        case .quoted(let string):
            (text, isQuoted) = (string, true)
        case .comparison, .openParenthesis, .closeParenthesis, .minus, .end:
            throw error(.expectedValue(after: field.rawValue + comparison.rawValue), at: valueToken)
        }
        position += 1
        let value = try self.value(text, isQuoted: isQuoted, field: field, comparison: comparison, at: valueToken)
        if let own = ownNameOnly, own.fields.contains(field), value != .string(own.reviewer) {
            throw error(.ownNameOnly(field: field, reviewer: own.reviewer), at: valueToken)
        }
        return FilterPredicate(field: field, comparison: comparison, value: value)
    }

    // MARK: - Values

    private func value(
        _ text: String, isQuoted: Bool, field: FilterField, comparison: FilterComparison, at token: FilterToken
    ) throws(FilterError) -> FilterValue {
        let operatorText = field.rawValue + comparison.rawValue
        switch field {
        case .task, .id, .tag, .assigned, .queue, .decided:
            return .string(text)
        case .reviewer, .group:
            // A quoted "none" is a reviewer called none.
            return !isQuoted && text.lowercased() == "none" ? .unknown : .string(text)
        case .has, .context, .thought, .action, .observation, .answer:
            guard !text.isEmpty else { throw error(.emptySearch(after: operatorText), at: token) }
            // `has:` and `context:` search words only; the step fields also match a step's text as written.
            if field == .has || field == .context, !SearchableText.hasWord(text) {
                throw error(.noWords(text, after: operatorText, stepFieldsMatch: field == .has), at: token)
            }
            return .string(text)
        case .status:
            return try name(text, of: field, among: Filter.statuses, at: token)
        case .flag:
            return try name(text, of: field, among: QualityFlag.allCases.map(\.rawValue), at: token)
        case .dialect:
            return try name(text, of: field, among: Dialect.allCases.map(\.rawValue), at: token)
        case .masked:
            return try name(text, of: field, among: ["yes", "no"], at: token)
        case .outcome:
            if !isQuoted && text.lowercased() == "none" { return .unknown }
            return try name(text, of: field, among: RunOutcome.allCases.map(\.rawValue), at: token)
        case .reward, .envReward:
            if text.lowercased() == "none", [.colon, .equal, .notEqual].contains(comparison) { return .unknown }
            guard let number = NumberText.decimal(text) else {
                throw error(.expectedNumber(after: operatorText), at: token)
            }
            guard (0...1).contains(number) else { throw error(.rewardOutOfRange, at: token) }
            return .number(number)
        case .steps, .turns:
            guard let count = Int(text) else { throw error(.expectedWholeNumber(after: operatorText), at: token) }
            return .number(Double(count))
        }
    }

    private func name(
        _ text: String, of field: FilterField, among names: [String], at token: FilterToken
    ) throws(FilterError) -> FilterValue {
        guard names.contains(text.lowercased()) else {
            throw error(.unknownName(text, of: field, names: names), at: token)
        }
        return .string(text.lowercased())
    }

    // MARK: - Errors

    private var current: FilterToken { tokens[position] }

    private func isKeyword(_ token: FilterToken, _ keyword: String) -> Bool {
        guard case .word(let word) = token.kind else { return false }
        return word.lowercased() == keyword
    }

    private func error(_ message: FilterError.Message, at token: FilterToken) -> FilterError {
        FilterError(input: input, range: token.range, message: message)
    }

    /// The error for a missing operand, phrased after what came before it.
    private func missingFilter() -> FilterError {
        if case .word(let keyword) = current.kind { return error(.expectedFilter(before: keyword), at: current) }
        guard position > 0 else { return error(.unbalancedParenthesis, at: current) }
        let previous = tokens[position - 1]
        if previous.kind == .openParenthesis {
            return FilterError(
                input: input, range: previous.range.lowerBound..<current.range.upperBound, message: .emptyParentheses)
        }
        return error(.expectedFilter(after: String(characters[previous.range])), at: current)
    }
}
