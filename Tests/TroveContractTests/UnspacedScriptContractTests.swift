import Testing
import TroveTestSupport

@testable import TroveCore

/// A `has:`, `context:` or step-field value in a script written without spaces (Han, kana, Thai, Lao,
/// Khmer, Myanmar) matches inside a run of letters the index holds as one word, on both backends: it is
/// found by reading the texts (docs/filter.md). Hangul is written with spaces and stays on the index.
@Suite(.enabled(if: TestPostgres.url != nil, TestPostgres.skipMessage))
struct UnspacedScriptContractTests {
    static let others = ["scripts_upper", "scripts_lower", "scripts_kana", "scripts_thai", "scripts_hangul"]

    static let selections: [(filter: String, ids: [String])] = [
        ("has:数据库", ["scripts_han"]),
        ("has:查询数据库的表", ["scripts_han"]),
        ("has:\"sql查询\"", ["scripts_han"]),
        ("has:\"SQL查询\"", ["scripts_han"]),
        ("has:助手", []),
        ("context:数据库助手", ["scripts_han"]),
        ("context:用户", []),
        ("has!=数据库", others),
        ("has:データベース", ["scripts_kana"]),
        ("has:検索", ["scripts_kana"]),
        ("has:ฐานข้อมูล", ["scripts_thai"]),
        ("has:ຖານຂໍ້ມູນ", ["scripts_thai"]),
        ("has:មូលដ្ឋាន", ["scripts_thai"]),
        ("has:ဒေတာဘေ့စ်", ["scripts_thai"]),
        ("has:데이터베이스", ["scripts_hangul"]),
        ("has:데이터", []),
        ("thought:数据库", ["scripts_han"]),
        ("action:用户表", ["scripts_han"]),
        ("action:\"sql查询\"", ["scripts_han"]),
        ("observation:五人", ["scripts_kana"]),
        ("answer:三", ["scripts_han"]),
        ("thought:ข้อมูล", ["scripts_thai"]),
        ("observation!=五人", ["scripts_upper", "scripts_lower", "scripts_han", "scripts_thai", "scripts_hangul"]),
        ("has:数据库 or has:opening", ["scripts_upper", "scripts_lower", "scripts_han"]),
        ("has:数据库 has:users", []),
    ]

    /// A blind reviewer's terms in such a script select what everyone's do (no stated reward's value
    /// holds a Han or Thai letter), through the same reading of the texts.
    @Test func aBlindFilterReadsTheTextsAlike() throws {
        let stores = try PlainTextCaseContractTests.stores()
        for source in ["has:数据库", "context:数据库助手", "observation:五人", "has:\"SQL查询\" or has:ฐานข้อมูล"] {
            let open = try Filter.parse(source)
            let blind = try Filter.parse(source, blindReviewer: "ana")
            let ids = try stores.sqlite.ids(matching: open)
            #expect(!ids.isEmpty, "\(source)")
            #expect(try stores.sqlite.ids(matching: blind) == ids, "sqlite: \(source)")
            #expect(try stores.postgres.ids(matching: blind) == ids, "postgres: \(source)")
        }
    }

    @Test func findsWordsInsideUnspacedRunsOnBothBackends() throws {
        let stores = try PlainTextCaseContractTests.stores()
        try BackendStore.expectSelections(Self.selections, on: stores)
    }
}
