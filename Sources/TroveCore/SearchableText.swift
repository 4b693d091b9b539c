/// What the full-text index of either store can find in a text.
///
/// SQLite's FTS5 `unicode61` tokenizer makes words of letters, numbers and private-use characters
/// (Unicode categories L*, N* and Co) and drops everything else; PostgreSQL's `simple` parser drops
/// the same punctuation, symbols and spaces. A text with none of those characters has no word either
/// index can match, so a phrase search for it finds nothing on both.
///
/// ```swift
/// SearchableText.hasWord("--force")  // true
/// SearchableText.hasWord("[]")       // false
/// ```
public enum SearchableText {
    /// Whether `text` holds a character the search index makes words of.
    public static func hasWord(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                .decimalNumber, .letterNumber, .otherNumber, .privateUse:
                true
            default:
                false
            }
        }
    }
}
