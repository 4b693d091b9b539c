import Testing
import TroveTestSupport

@testable import TroveCore

/// The search index's words fold diacritics on both backends (docs/filter.md): SQLite's FTS5 with
/// `remove_diacritics 2`, PostgreSQL's through the `unaccent` dictionary of the store's search
/// configuration. So `has:cafe` finds `café` and `has:naive` finds `naïve` and `NAÏVE`, either way round;
/// a step field still compares its text as plain text, ignoring ASCII case only.
@Suite(.enabled(if: TestPostgres.url != nil, TestPostgres.skipMessage))
struct DiacriticFoldingContractTests {
    static let naive = ["diacritics_naive_lower", "diacritics_naive_upper", "diacritics_plain"]

    static let selections: [(filter: String, ids: [String])] = [
        ("has:cafe", ["diacritics_cafe", "diacritics_plain"]),
        ("has:café", ["diacritics_cafe", "diacritics_plain"]),
        ("has:CAFÉ", ["diacritics_cafe", "diacritics_plain"]),
        ("has:\"cafe de flore\"", ["diacritics_cafe"]),
        ("has:naive", naive),
        ("has:naïve", naive),
        ("has:NAÏVE", naive),
        ("has:\"naive bayes\"", ["diacritics_naive_lower", "diacritics_naive_upper"]),
        ("has!=cafe", ["diacritics_naive_lower", "diacritics_naive_upper"]),
        ("observation:naïve", ["diacritics_naive_lower"]),
        ("thought:café", ["diacritics_cafe"]),
        ("thought:cafe", ["diacritics_plain"]),
        ("thought:NAÏVE", ["diacritics_naive_upper"]),
        ("action:\"naive\"", []),
    ]

    @Test func foldsDiacriticsInTheIndexOnBothBackends() throws {
        let stores = try [TestBackend.sqlite, .postgres].map { backend in
            let store = try BackendStore(backend)
            try store.importFiles([Fixtures.url("filter/diacritics.json").path])
            return store
        }
        try BackendStore.expectSelections(Self.selections, on: (stores[0], stores[1]))
    }
}
