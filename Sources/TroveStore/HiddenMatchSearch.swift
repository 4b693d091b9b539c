import GRDB
import TroveCore

/// How the SQLite store answers ``HiddenMatches/lookUp(for:dialect:in:)``: in one read of `db`, with the
/// search index's own tokenizer, so a phrase is found in a redacted text exactly as `has:` finds one.
struct HiddenMatchSearch: HiddenMatches.Lookup {
    let db: Database

    func rows(_ sql: String, _ values: [StoreValue]) throws -> [(key: String, text: String)] {
        try Row.fetchAll(db, sql: sql, arguments: StatementArguments(values.map(\.databaseValue))).map { row in
            try row.reading { row in (try row.stored(Column("key")), try row.stored(Column("text"))) }
        }
    }

    /// Whether FTS5 would match `phrase` in each text: its words (as the index's tokenizer makes them of
    /// a query) one after another among the text's.
    func phrase(_ phrase: String, isIn texts: [String]) throws -> [Bool] {
        let matcher = try PhraseMatcher(db)
        return try texts.map { try matcher.phrase(phrase, isIn: $0) }
    }
}
