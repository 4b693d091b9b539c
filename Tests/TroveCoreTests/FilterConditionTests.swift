import Testing
import TroveCore

/// The one filter compiler's dialects differ only in the SQL they must: what each backend gets is
/// checked by the stores' own tests and, for the same trajectories, by `FilterContractTests`.
@Suite struct FilterConditionTests {
    /// SQLite's `+column` (no index under `or`) is not PostgreSQL syntax: a page condition there keeps
    /// only the ids past the keyset, with PostgreSQL's typed placeholders numbered from the first.
    @Test func aPageConditionOnPostgresHasNoSQLiteIndexHint() throws {
        let filter = try Filter.parse("task:os or tag:x")
        let page = RowIDPage(after: 5, ascending: true)
        #expect(filter.condition(in: .sqlite, page: page).sql.contains("+t.task = ?"))
        let postgres = filter.condition(in: .postgres, page: page, firstParameter: 3)
        #expect(
            postgres.sql == "((t.task = $3::text) OR (t.id IN (SELECT g.trajectory_id FROM label_tag g "
                + "WHERE g.tag = $4::text AND g.trajectory_id > $5::int8)))")
        #expect(postgres.values == [.text("os"), .text("x"), .integer(5)])
    }

    /// Each dialect's placeholders take the values in the order they stand in the text, `has:` phrases
    /// and step texts included.
    @Test func valuesFollowThePlaceholders() throws {
        let filter = try Filter.parse("reward<1 action:ls outcome:none")
        let sqlite = filter.condition(in: .sqlite)
        #expect(sqlite.values == [.real(1), .text("\"ls\""), .text("ls"), .null])
        #expect(sqlite.sql.components(separatedBy: "?").count - 1 == sqlite.values.count)
        let postgres = filter.condition(in: .postgres)
        // PostgreSQL compares a step's text as a LIKE pattern (``PlainTextMatch``).
        #expect(postgres.values == [.real(1), .text("ls"), .text("%ls%"), .null])
        let numbers = postgres.sql.split(separator: "$").dropFirst().map { $0.prefix { $0.isNumber } }
        #expect(numbers == ["1", "2", "3", "4"])
    }

    /// A blind filter's `masked` is the masks its reviewer reads, and its text terms leave out the
    /// matches looked up as hidden, bound as one value in either dialect; without any, the search is as
    /// outside blind review.
    @Test func aBlindFilterLeavesOutWhatItsReaderMayNotRead() throws {
        let filter = try Filter.parse(#"masked has:"reward true" observation:true"#, blindReviewer: "me")
        let hidden = HiddenMatches(texts: ["reward true": [4, 9]], steps: ["true": ["2:0"]])
        let sqlite = filter.condition(in: .sqlite, hidden: hidden)
        #expect(sqlite.sql.contains("FROM turn_current c WHERE c.reviewer = ?"))
        #expect(sqlite.sql.contains("rowid NOT IN (SELECT value FROM json_each(?))"))
        #expect(sqlite.values.contains(.text("[4,9]")) && sqlite.values.contains(.text(#"["2:0"]"#)))
        #expect(sqlite.values.filter { $0 == .text("me") }.count == 3)
        let postgres = filter.condition(in: .postgres, hidden: hidden)
        #expect(postgres.sql.contains("x.id <> ALL($") && postgres.values.contains(.text("{4,9}")))
        #expect(postgres.values.contains(.text(#"{"2:0"}"#)))
        let nothingHidden = HiddenMatches(texts: ["reward true": []], steps: ["true": []])
        let plain = try Filter.parse(#"has:"reward true" observation:true"#)
        #expect(
            try Filter.parse(#"has:"reward true" observation:true"#, blindReviewer: "me")
                .condition(in: .sqlite, hidden: nothingHidden) == plain.condition(in: .sqlite))
    }

    @Test func anEmptyFilterIsTrueInEitherDialect() throws {
        #expect(try Filter.parse("").condition(in: .sqlite) == ("1", []))
        #expect(try Filter.parse("").condition(in: .postgres) == ("true", []))
    }
}
