import Testing

@testable import TroveCore

/// ``PlainTextMatch`` folds ASCII letters and nothing else, and compares code points.
struct PlainTextMatchTests {
    @Test(arguments: [
        ("SELECT", "select name from singer", true),
        ("select", "SELECT name", true),
        ("Le Café", "le café", true),
        ("café", "CAFÉ", false),
        ("É", "é", false),
        ("ß", "STRASSE", false),
        ("ẞ", "ß", false),
        ("Σ", "σ", false),
        ("ς", "Σ", false),
        ("i", "İ", false),
        ("İstanbul", "İSTANBUL", true),
        ("数据库", "查询数据库的表", true),
        ("sql查询", "SQL查询用户表", true),
        ("e", "cafe\u{301}", true),
        ("caf\u{E9}", "cafe\u{301}", false),
        ("[", "[(6,)]", true),
        ("", "anything", true),
        ("x", "", false),
    ])
    func matchesAsTheSQLDoes(needle: String, haystack: String, holds: Bool) {
        #expect(PlainTextMatch(needle).isIn(haystack) == holds)
    }

    @Test func lowersOnlyTheASCIILetters() {
        #expect(PlainTextMatch.asciiLowercased("AZ@[`az ÉΣİẞ") == "az@[`az ÉΣİẞ")
        #expect(PlainTextMatch("SQL查询").value(in: .sqlite) == "sql查询")
        #expect(PlainTextMatch("100%_a\\B").value(in: .postgres) == "%100\\%\\_a\\\\b%")
    }

    /// A value without an ASCII letter leaves the column as it is; one with a letter lowers it.
    @Test func lowersTheColumnOnlyForAValueWithAnASCIILetter() {
        #expect(PlainTextMatch("数据库").condition(on: "x.text", value: "?", in: .sqlite) == "instr(x.text, ?) > 0")
        #expect(
            PlainTextMatch("SQL").condition(on: "x.text", value: "$1", in: .postgres)
                == "lower((x.text) COLLATE \"C\") LIKE $1")
    }

    @Test(arguments: [
        ("数据库", true), ("データベース", true), ("ユーザー", true), ("ｶﾀｶﾅ", true), ("ค้นหา", true),
        ("ຖານຂໍ້ມູນ", true), ("មូលដ្ឋាន", true), ("ဒေတာ", true), ("𠀀", true), ("々", true),
        ("데이터베이스", false), ("café", false), ("Σοφία", false), ("。、「」", false), ("１２３", false),
        ("database", false), ("SQL查询", true),
    ])
    func tellsUnspacedScripts(text: String, unspaced: Bool) {
        #expect(SearchableText.hasUnspacedLetter(text) == unspaced)
    }
}
