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
        #expect(postgres.values == [.real(1), .text("ls"), .text("ls"), .null])
        let numbers = postgres.sql.split(separator: "$").dropFirst().map { $0.prefix { $0.isNumber } }
        #expect(numbers == ["1", "2", "3", "4"])
    }

    @Test func anEmptyFilterIsTrueInEitherDialect() throws {
        #expect(try Filter.parse("").condition(in: .sqlite) == ("1", []))
        #expect(try Filter.parse("").condition(in: .postgres) == ("true", []))
    }
}
