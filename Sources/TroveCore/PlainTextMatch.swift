/// Whether a text holds another as written, ignoring the case of ASCII letters and nothing else: how the
/// step fields (`thought:`, `action:`, `observation:`, `answer:`) and a `has:` or `context:` value in an
/// unspaced script (``SearchableText/hasUnspacedLetter(_:)``) compare, the same on both backends.
///
/// Only `A`–`Z` fold (to `a`–`z`): `É` is not `é`, `ẞ` not `ß`, `Σ` neither `σ` nor `ς`, `İ` not `i`.
/// Texts compare by code point, so a precomposed `é` is not an `e` and a combining accent. SQLite's
/// `lower()` folds exactly that (trove's SQLite has no ICU); PostgreSQL's `lower()` folds whatever the
/// server's locale says (all of Unicode under `C.UTF-8`, `I` to `ı` under a Turkish one), so the
/// PostgreSQL SQL lowers under the `C` collation, where `lower()` folds `A`–`Z` alone (and as fast as
/// SQLite's; `translate` over the 26 letters took ten times as long).
///
/// On PostgreSQL the test is `LIKE '%text%'` (`%`, `_` and `\` escaped), which matches what `strpos`
/// would but which the planner can estimate from the column's statistics: it takes `strpos(…) > 0` to
/// hold for a third of the texts, and a list of a third of every text is too large to hash, so a
/// filter's `t.id IN (…)` under `or` was run as a scan of the whole list per trajectory (114 s for
/// `has:東京` on 100,000 synthetic trajectories, 4 s as `LIKE`).
///
/// ```swift
/// let match = PlainTextMatch("SELECT")
/// match.isIn("select name from singer")  // true
/// PlainTextMatch("É").isIn("café")       // false
/// match.condition(on: "s.thought", value: "?", in: .sqlite)
/// // "instr(lower(s.thought), ?) > 0", with `match.value(in: .sqlite)` ("select") bound to the `?`
/// ```
public struct PlainTextMatch: Sendable, Hashable {
    /// The text searched for, as written.
    public let text: String

    public init(_ text: String) {
        self.text = text
    }

    /// What the condition's placeholder takes in `dialect`: the text with its ASCII letters lowered, on
    /// PostgreSQL as a `LIKE` pattern that finds it anywhere.
    public func value(in dialect: SQLDialect) -> String {
        let lowered = Self.asciiLowercased(text)
        switch dialect {
        case .sqlite:
            return lowered
        case .postgres:
            // By scalar: a combining mark after `%` makes one Character of the two.
            var pattern = String.UnicodeScalarView("%".unicodeScalars)
            for scalar in lowered.unicodeScalars {
                if scalar == "%" || scalar == "_" || scalar == "\\" { pattern.append("\\") }
                pattern.append(scalar)
            }
            pattern.append("%")
            return String(pattern)
        }
    }

    /// Whether `haystack` holds the text, ignoring ASCII case: what ``condition(on:value:in:)`` tests
    /// in SQL.
    public func isIn(_ haystack: String) -> Bool {
        let needle = Array(Self.asciiLowercased(text).utf8)
        guard !needle.isEmpty else { return true }
        let lowered = haystack.utf8.map(Self.asciiLowercased)
        return lowered.firstRange(of: needle) != nil
    }

    /// The SQL condition that the text expression `haystack` holds the text, with `value` the
    /// placeholder bound to ``value(in:)``. A text with no ASCII letter compares with `haystack` as it is,
    /// which folding could not change the outcome of, and spares lowering every text read.
    public func condition(on haystack: String, value placeholder: String, in dialect: SQLDialect) -> String {
        let folded =
            text.utf8.contains(where: Self.isASCIILetter) ? Self.asciiLowercased(haystack, in: dialect) : haystack
        return switch dialect {
        case .sqlite: "instr(\(folded), \(placeholder)) > 0"
        case .postgres: "\(folded) LIKE \(placeholder)"
        }
    }

    /// `text` with `A`–`Z` lowered to `a`–`z`, every other character as it is.
    public static func asciiLowercased(_ text: String) -> String {
        String(decoding: text.utf8.map(asciiLowercased), as: UTF8.self)
    }

    /// The SQL that lowers `A`–`Z` in the text expression `expression` and nothing else.
    public static func asciiLowercased(_ expression: String, in dialect: SQLDialect) -> String {
        switch dialect {
        case .sqlite: "lower(\(expression))"
        case .postgres: "lower((\(expression)) COLLATE \"C\")"
        }
    }

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
