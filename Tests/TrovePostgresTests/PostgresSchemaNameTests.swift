import Testing
import TrovePostgres

/// The names `--schema` takes: those PostgreSQL keeps as written without quotes.
struct PostgresSchemaNameTests {
    @Test(arguments: ["trove", "team_2", "_scratch", String(repeating: "a", count: 63)])
    func aPlainNameIsTaken(name: String) {
        #expect(PostgresSchemaName.problem(with: name) == nil)
    }

    @Test(arguments: ["", "Team", "2team", "team-a", "te am", "pg_team", "équipe", String(repeating: "a", count: 64)])
    func anyOtherNameIsRefusedWithItsReason(name: String) {
        #expect(PostgresSchemaName.problem(with: name) != nil)
    }
}
