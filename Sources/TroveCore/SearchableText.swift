/// What the full-text index of either store can find in a text.
///
/// SQLite's FTS5 `unicode61` tokenizer makes words of letters, numbers and private-use characters
/// (Unicode categories L*, N* and Co) and drops everything else; PostgreSQL's `simple` parser drops
/// the same punctuation, symbols and spaces. A text with none of those characters has no word either
/// index can match, so a phrase search for it finds nothing on both.
///
/// Both make one word of a whole run of such characters, so in a script written without spaces between
/// words a word is a sentence or a line (`查询数据库的表` is one word): ``hasUnspacedLetter(_:)`` tells
/// the values the index cannot find inside such a run, which the filter finds by reading the texts.
///
/// ```swift
/// SearchableText.hasWord("--force")  // true
/// SearchableText.hasWord("[]")       // false
/// SearchableText.hasUnspacedLetter("数据库")       // true
/// SearchableText.hasUnspacedLetter("데이터베이스")  // false: Korean puts spaces between words
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

    /// Whether `text` holds a letter (or a vowel sign or other mark) of a script written without spaces
    /// between words: those of Unicode's line-breaking classes ID and SA (UAX #14), whose lines break
    /// between any two letters or by a dictionary. Han (with Bopomofo), Hiragana and Katakana; Thai, Lao,
    /// Khmer, Myanmar, Tai Le, New Tai Lue, Tai Tham and Tai Viet. Hangul is not among them: Korean puts
    /// spaces between words, so its words are the index's.
    public static func hasUnspacedLetter(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .letterNumber,
                .nonspacingMark, .spacingMark:
                unspacedRanges.contains { $0.contains(scalar.value) }
            default:
                false
            }
        }
    }

    /// The blocks of the scripts ``hasUnspacedLetter(_:)`` names.
    private static let unspacedRanges: [ClosedRange<UInt32>] = [
        0x0E00...0x0E7F,  // Thai
        0x0E80...0x0EFF,  // Lao
        0x1000...0x109F,  // Myanmar
        0x1780...0x17FF,  // Khmer
        0x1950...0x197F,  // Tai Le
        0x1980...0x19DF,  // New Tai Lue
        0x19E0...0x19FF,  // Khmer symbols
        0x1A20...0x1AAF,  // Tai Tham
        0x3005...0x3007,  // 々 〆 〇
        0x3021...0x3029,  // Hangzhou numerals
        0x3031...0x3035,  // kana repeat marks
        0x3038...0x303C,  // Han repeat marks
        0x3041...0x30FF,  // Hiragana, Katakana
        0x3100...0x312F,  // Bopomofo
        0x31A0...0x31BF,  // Bopomofo extended
        0x31F0...0x31FF,  // Katakana phonetic extensions
        0x3400...0x4DBF,  // CJK extension A
        0x4E00...0x9FFF,  // CJK unified ideographs
        0xA9E0...0xA9FF,  // Myanmar extended B
        0xAA60...0xAA7F,  // Myanmar extended A
        0xAA80...0xAADF,  // Tai Viet
        0xF900...0xFAFF,  // CJK compatibility ideographs
        0xFF66...0xFF9F,  // halfwidth Katakana
        0x1AFF0...0x1B16F,  // kana extensions and supplements
        0x20000...0x3FFFF,  // CJK extensions B and up, compatibility supplement
    ]
}
