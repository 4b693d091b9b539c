import GRDB
import TroveCore

/// Whether the search index would find a phrase in a text: the phrase's words, as the index's own tokenizer
/// makes them of a query, one after another among the text's (case and diacritics folded as the index
/// folds them). So a text the index does not hold (a Terminus reply's decoded words, a redacted text) is
/// searched as `has:` searches the texts it holds.
///
/// Bound to one connection (its tokenizer is that connection's), and used only while that connection is:
/// GRDB serializes a connection's use, so the matcher is never used from two threads at once.
final class PhraseMatcher: @unchecked Sendable {
    private let tokenizer: any FTS5Tokenizer
    /// The last phrase's words: a filter asks about one phrase for many texts.
    private var lastPhrase: (phrase: String, words: [String])?

    init(_ db: Database) throws {
        tokenizer = try db.makeTokenizer(FTS5TokenizerDescriptor(components: StoreSchema.searchTokenizer))
    }

    /// Whether `phrase` is in `text` as the index finds a phrase (a phrase with no word is in every text;
    /// `has:` refuses one before it asks).
    func phrase(_ phrase: String, isIn text: String) throws -> Bool {
        let wanted: [String]
        if let last = lastPhrase, last.phrase == phrase {
            wanted = last.words
        } else {
            wanted = try tokenizer.tokenize(query: phrase).map(\.token)
            lastPhrase = (phrase, wanted)
        }
        let words = try tokenizer.tokenize(document: text).map(\.token)
        guard words.count >= wanted.count else { return false }
        return (0...(words.count - wanted.count)).contains { words[$0..<$0 + wanted.count].elementsEqual(wanted) }
    }
}

extension Database {
    /// Adds `trove_phrase(text, phrase)`: 1 when the search index would find `phrase` in `text`
    /// (``PhraseMatcher``), 0 otherwise or when either is NULL. `has:` asks it of a Terminus run's decoded
    /// replies, whose words the index holds as written in JSON (TroveCore's `FilterSQLCompiler`). Every
    /// connection of a ``Store`` has it; a connection opened otherwise adds it before it runs a filter's
    /// condition (``TroveCore/Filter/sqlCondition(page:in:)``).
    public func addPhraseFunction() throws {
        let matcher = try PhraseMatcher(self)
        add(
            function: DatabaseFunction("trove_phrase", argumentCount: 2, pure: true) { values in
                guard let text = String.fromDatabaseValue(values[0]), let phrase = String.fromDatabaseValue(values[1])
                else { return false }
                return try matcher.phrase(phrase, isIn: text)
            })
    }
}
