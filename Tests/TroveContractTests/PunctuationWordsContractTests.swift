import Testing
import TroveTestSupport

@testable import TroveCore

/// The search index's words split at every ASCII punctuation character on both backends (docs/filter.md):
/// SQLite's `unicode61` tokenizer does so by itself; PostgreSQL's word parser would keep an e-mail
/// address, host name, file path, URL or decimal whole, so its words are made from the text with that
/// punctuation replaced by spaces (``PostgresSearchConfiguration/splitFunction``), on the index's side
/// and the query's. So `has:com` finds `github.com`, `has:"example.org"` is the phrase `example org` and
/// finds `the example org` too, and a step field's index step no longer drops a step whose part holds
/// the value inside such a word.
@Suite(.enabled(if: TestPostgres.url != nil, TestPostgres.skipMessage))
struct PunctuationWordsContractTests {
    static let both = ["punctuation_joined", "punctuation_spaced"]

    static let selections: [(filter: String, ids: [String])] = [
        ("has:com", both),
        ("has:example", both),
        ("has:jane", ["punctuation_joined"]),
        ("has:\"example.org\"", both),
        ("has:\"jane@example.org\"", ["punctuation_joined"]),
        ("has:helpers.py", both),
        ("has:\"src utils helpers\"", ["punctuation_joined"]),
        ("has:https", ["punctuation_joined"]),
        ("has:\"issues/7\"", ["punctuation_joined"]),
        ("has:4", both),
        ("has:\"3.4\"", ["punctuation_joined"]),
        ("has!=org", ["punctuation_none"]),
        ("observation:0", both),
        ("observation:\"v1.0\"", ["punctuation_joined"]),
        ("observation:\"1.0\"", []),
        ("observation:github", ["punctuation_joined"]),
        ("thought:helpers.py", ["punctuation_joined"]),
        ("thought:py", both),
        ("action:com", ["punctuation_spaced"]),
    ]

    @Test func splitsWordsAtPunctuationOnBothBackends() throws {
        let stores = try [TestBackend.sqlite, .postgres].map { backend in
            let store = try BackendStore(backend)
            try store.importFiles([Fixtures.url("filter/punctuation.json").path])
            return store
        }
        try BackendStore.expectSelections(Self.selections, on: (stores[0], stores[1]))
    }
}
