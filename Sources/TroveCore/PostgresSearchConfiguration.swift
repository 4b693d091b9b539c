/// The text search configuration of a PostgreSQL store: `pg_catalog.simple` with every word passed
/// through the `unaccent` dictionary first, so its words fold diacritics as SQLite's index
/// (`unicode61 remove_diacritics 2`) does: `has:cafe` finds `café` on both backends.
///
/// The store's search words (`message_text.words`) are made with it, and every query that compares
/// words with them (`has:`, `context:`, the step fields' index step, a Terminus run's decoded replies,
/// blind review's hidden matches) must make its words with it too, or a folded word is never found:
/// through ``words(of:)`` and ``phrase(_:)``, which first split the text at its ASCII punctuation
/// (``splitFunction``). It lives in the store's schema (migrations `v13-folded-search-words` and
/// `v14-punctuation-split-words`), so an unqualified name reaches it on a store connection, whose
/// `search_path` is that schema.
public enum PostgresSearchConfiguration {
    /// The configuration's name, as a `regconfig` literal's text.
    public static let name = "trove_words"

    /// The SQL literal that names it, for `to_tsvector(…)` and `phraseto_tsquery(…)`.
    public static let literal = "'\(name)'"

    /// The store's SQL function that gives a text with each ASCII punctuation character (`!` to `/`, `:`
    /// to `@`, `[` to `` ` ``, `{` to `~`, by code point, whatever the database's locale) replaced by a
    /// space. PostgreSQL's word parser keeps an e-mail address, host name, file path, URL or decimal as
    /// one word (`example.com`), where SQLite's `unicode61` tokenizer splits at every character that is
    /// not a letter or digit (`example`, `com`); the words of the text this function gives are those
    /// SQLite's are, so `has:com` finds `example.com` and `has:"example.com"` is the phrase `example com`
    /// on both backends.
    public static let splitFunction = "trove_word_text"

    /// The store's words of the SQL text expression `text`, as `message_text.words` holds a text's.
    public static func words(of text: String) -> String {
        "to_tsvector(\(literal), \(splitFunction)(\(text)))"
    }

    /// The phrase query of the words of the SQL text expression `text`, to compare with ``words(of:)``.
    public static func phrase(_ text: String) -> String {
        "phraseto_tsquery(\(literal), \(splitFunction)(\(text)))"
    }
}
