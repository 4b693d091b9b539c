import Testing
import TroveStore
import TroveTestSupport

@testable import TroveCore

/// `tag:` compares a tag as written, case, accents and glob characters included, on both backends: tags
/// written through the stores' own label writes (``LabelSink``), by two reviewers under a team policy
/// (the decision's tags are the union of theirs) and by one alone.
@Suite(.enabled(if: TestPostgres.url != nil, TestPostgres.skipMessage))
struct TagFilterContractTests {
    /// The tags each trajectory of the scripts fixture gets, by reviewer.
    static let tags: [(id: String, reviewer: String, tags: [String])] = [
        ("scripts_upper", "ana", ["Wrong", "wr*ng", "x'y"]),
        ("scripts_upper", "bo", ["wrong", "Wrong"]),
        ("scripts_lower", "ana", ["wrong", "[x]", "caf\u{E9}"]),
        ("scripts_han", "bo", ["cafe\u{301}", "\u{130}", "stra\u{DF}e", "数据库"]),
        ("scripts_kana", "ana", ["i", "STRASSE", "wr?ng", "a\"b", "back\\slash", "\u{1D499}"]),
    ]

    static let selections: [(filter: String, ids: [String])] = [
        ("tag:wrong", ["scripts_upper", "scripts_lower"]),
        ("tag:Wrong", ["scripts_upper"]),
        ("tag:WRONG", []),
        ("tag!=wrong", ["scripts_han", "scripts_kana", "scripts_thai", "scripts_hangul"]),
        ("tag:\"wr*ng\"", ["scripts_upper"]),
        ("tag:\"wr?ng\"", ["scripts_kana"]),
        ("tag:\"w*\"", []),
        ("tag:\"[x]\"", ["scripts_lower"]),
        ("tag:x", []),
        ("tag:\"x'y\"", ["scripts_upper"]),
        ("tag:caf\u{E9}", ["scripts_lower"]),
        ("tag:\"cafe\u{301}\"", ["scripts_han"]),
        ("tag:cafe", []),
        ("tag:\u{130}", ["scripts_han"]),
        ("tag:i", ["scripts_kana"]),
        ("tag:stra\u{DF}e", ["scripts_han"]),
        ("tag:strasse", []),
        ("tag:数据", []),
        ("tag:数据库", ["scripts_han"]),
        ("tag:\"wrong,[x]\"", []),
        ("tag:\"wrong [x]\"", []),
        ("tag:wrong tag:\"[x]\"", ["scripts_lower"]),
        ("tag:wrong or tag:i", ["scripts_upper", "scripts_lower", "scripts_kana"]),
        ("tag:\"a\\\"b\"", ["scripts_kana"]),
        ("tag:\"back\\\\slash\"", ["scripts_kana"]),
        ("tag:\u{1D499}", ["scripts_kana"]),
    ]

    @Test(arguments: [false, true])
    func selectsTheSameTagsOnBothBackends(team: Bool) throws {
        let stores = try PlainTextCaseContractTests.stores()
        let sinks: [any LabelSink] = [
            try Store.open(path: stores.sqlite.sqlitePath), try #require(stores.postgres.postgresStore),
        ]
        for (store, sink) in zip([stores.sqlite, stores.postgres], sinks) {
            if team {
                try store.execute(
                    """
                    INSERT INTO team_policy (min_reviews, consensus, adjudicators, set_by, set_at)
                    VALUES (2, 'majority', '[]', 'ana', '2026-11-30T00:00:00Z')
                    """)
            }
            for (id, reviewer, tags) in Self.tags {
                try sink.applyLabel(
                    LabelChange(status: .accepted, addTags: tags), to: [id], reviewer: reviewer, origin: "t")
            }
        }
        let stored = "SELECT g.tag FROM label_tag g ORDER BY g.trajectory_id, g.tag"
        #expect(try stores.postgres.rows(stored) == stores.sqlite.rows(stored))
        try BackendStore.expectSelections(Self.selections, on: stores)
    }
}
