import Testing
import TroveTestSupport

@testable import TroveCore

/// The step fields compare plain text ignoring ASCII case only (docs/filter.md), on both backends: `É` is
/// not `é`, `ẞ` not `ß`, `Σ` not `σ` or `ς`, and `İ` not `i`, whatever the server's locale folds.
@Suite(.enabled(if: TestPostgres.url != nil, TestPostgres.skipMessage))
struct PlainTextCaseContractTests {
    static let selections: [(filter: String, ids: [String])] = [
        ("thought:\"le café\"", ["scripts_lower"]),
        ("thought:\"LE CAFÉ\"", ["scripts_upper"]),
        ("thought:\"Le Café\"", ["scripts_lower"]),
        ("thought:CAFÉ", ["scripts_upper"]),
        ("observation:café", ["scripts_lower"]),
        ("action:große", ["scripts_lower"]),
        ("action:GROẞE", ["scripts_upper"]),
        ("action:\"straße\"", ["scripts_lower"]),
        ("observation:strasse", ["scripts_upper", "scripts_lower"]),
        ("observation:STRASSE", ["scripts_upper", "scripts_lower"]),
        ("observation:ΣΟΦΊΑ", ["scripts_upper"]),
        ("observation:σοφία", ["scripts_lower"]),
        ("observation:\"σοφίας opens\"", ["scripts_lower"]),
        ("thought:σοφία", ["scripts_lower"]),
        ("thought:ΣΟΦΊΑ", ["scripts_upper"]),
        ("thought:istanbul", ["scripts_lower"]),
        ("thought:İstanbul", ["scripts_upper"]),
        ("thought:İSTANBUL", ["scripts_upper"]),
        ("observation:\"in istanbul\"", ["scripts_lower"]),
        ("observation!=CAFÉ", ["scripts_lower", "scripts_han", "scripts_kana", "scripts_thai", "scripts_hangul"]),
    ]

    @Test func foldsASCIILettersOnlyOnBothBackends() throws {
        let stores = try Self.stores()
        try BackendStore.expectSelections(Self.selections, on: stores)
    }

    /// The shared definition folds exactly the ASCII letters, on both servers, for every text of the
    /// table's kind.
    @Test func lowersASCIILettersOnlyInBothDialects() throws {
        let texts = ["ABC xyz", "É", "ẞ", "ΣΟΦΊΑ", "İI", "Ǆ", "Ω", "ﬀ", "Z[\\]^_`a"]
        let stores = try Self.stores()
        for text in texts {
            for store in [stores.sqlite, stores.postgres] {
                let lowered = PlainTextMatch.asciiLowercased("'\(text)'", in: store.dialect)
                #expect(try store.rows("SELECT \(lowered)") == [[PlainTextMatch.asciiLowercased(text)]], "\(text)")
            }
        }
    }

    static func stores() throws -> (sqlite: BackendStore, postgres: BackendStore) {
        let stores = try [TestBackend.sqlite, .postgres].map { backend in
            let store = try BackendStore(backend)
            try store.importFiles([Fixtures.url("filter/scripts.json").path])
            return store
        }
        return (stores[0], stores[1])
    }
}
