/// The text search configuration of a PostgreSQL store: `pg_catalog.simple` with every word passed
/// through the `unaccent` dictionary first, so its words fold diacritics as SQLite's index
/// (`unicode61 remove_diacritics 2`) does: `has:cafe` finds `café` on both backends.
///
/// The store's search words (`message_text.words`) are made with it, and every query that compares
/// words with them (`has:`, `context:`, the step fields' index step, a Terminus run's decoded replies,
/// blind review's hidden matches) must make its words with it too, or a folded word is never found.
/// It lives in the store's schema (migration `v13-folded-search-words`), so an unqualified name reaches
/// it on a store connection, whose `search_path` is that schema.
public enum PostgresSearchConfiguration {
    /// The configuration's name, as a `regconfig` literal's text.
    public static let name = "trove_words"

    /// The SQL literal that names it, for `to_tsvector(…)` and `phraseto_tsquery(…)`.
    public static let literal = "'\(name)'"
}
