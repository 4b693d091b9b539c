/// A token of the filter language with its place in the input.
struct FilterToken: Hashable {
    enum Kind: Hashable {
        /// A bare word: a field name, a keyword or an unquoted value.
        case word(String)
        /// A double-quoted value, unescaped.
        case quoted(String)
        case comparison(FilterComparison)
        case openParenthesis
        case closeParenthesis
        /// A `-` that starts a term, meaning `not`.
        case minus
        case end
    }

    var kind: Kind
    /// `Character` offsets into the input.
    var range: Range<Int>
}

/// Splits a filter expression into tokens.
///
/// Implementation note: the lexer has two modes. Right after a comparison it
/// reads a value, which ends only at white space, a parenthesis or a quote, so
/// values such as `no-answer`, `2/3`, `db*` or `a:b` need no quotes. Anywhere
/// else a word also ends at an operator character, so `reward<1` splits into
/// three tokens.
struct FilterLexer {
    private let input: String
    private let characters: [Character]
    private var offset = 0
    private var expectsValue = false

    private init(_ input: String) {
        self.input = input
        self.characters = Array(input)
    }

    static func tokens(of input: String) throws(FilterError) -> [FilterToken] {
        var lexer = FilterLexer(input)
        var tokens: [FilterToken] = []
        repeat {
            tokens.append(try lexer.next())
        } while tokens.last?.kind != .end
        return tokens
    }

    private mutating func next() throws(FilterError) -> FilterToken {
        while offset < characters.count, characters[offset].isWhitespace { offset += 1 }
        let start = offset
        guard offset < characters.count else { return FilterToken(kind: .end, range: start..<start) }
        let character = characters[offset]
        let wasExpectingValue = expectsValue
        expectsValue = false
        switch character {
        case "\"":
            return try quoted()
        case "(":
            offset += 1
            return FilterToken(kind: .openParenthesis, range: start..<offset)
        case ")":
            offset += 1
            return FilterToken(kind: .closeParenthesis, range: start..<offset)
        case _ where wasExpectingValue:
            return word(endingAt: { $0.isWhitespace || "()\"".contains($0) })
        case ":", "=", "<", ">", "!":
            return try comparison()
        case "-":
            offset += 1
            return FilterToken(kind: .minus, range: start..<offset)
        default:
            return word(endingAt: { $0.isWhitespace || "()\":=<>!".contains($0) })
        }
    }

    private mutating func word(endingAt isEnd: (Character) -> Bool) -> FilterToken {
        let start = offset
        while offset < characters.count, !isEnd(characters[offset]) { offset += 1 }
        return FilterToken(kind: .word(String(characters[start..<offset])), range: start..<offset)
    }

    private mutating func comparison() throws(FilterError) -> FilterToken {
        let start = offset
        let first = characters[offset]
        offset += 1
        if "<>!".contains(first), offset < characters.count, characters[offset] == "=" { offset += 1 }
        guard let comparison = FilterComparison(rawValue: String(characters[start..<offset])) else {
            throw FilterError(input: input, range: start..<offset, message: .loneExclamationMark)
        }
        expectsValue = true
        return FilterToken(kind: .comparison(comparison), range: start..<offset)
    }

    private mutating func quoted() throws(FilterError) -> FilterToken {
        let start = offset
        var text = ""
        offset += 1
        while offset < characters.count {
            let character = characters[offset]
            offset += 1
            switch character {
            case "\"":
                return FilterToken(kind: .quoted(text), range: start..<offset)
            case "\\":
                guard offset < characters.count else { break }
                let escaped = characters[offset]
                guard escaped == "\"" || escaped == "\\" else {
                    throw FilterError(input: input, range: offset - 1..<offset + 1, message: .invalidEscape(escaped))
                }
                text.append(escaped)
                offset += 1
            default:
                text.append(character)
            }
        }
        throw FilterError(input: input, range: start..<characters.count, message: .unterminatedString)
    }
}
