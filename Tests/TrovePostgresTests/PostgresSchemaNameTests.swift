import Testing
import TrovePostgres

/// The names `--schema` takes: those PostgreSQL keeps as written without quotes.
struct PostgresSchemaNameTests {
    @Test(arguments: ["trove", "team_2", "_scratch", String(repeating: "a", count: 63)])
    func aPlainNameIsTaken(name: String) {
        #expect(PostgresSchemaName.problem(with: name) == nil)
    }

    @Test(arguments: [
        "", "Team", "2team", "team-a", "te am", "pg_team", "équipe", String(repeating: "a", count: 64), "select",
        "user", "default",
    ])
    func anyOtherNameIsRefusedWithItsReason(name: String) {
        #expect(PostgresSchemaName.problem(with: name) != nil)
    }
}

/// The schema a URL's `search_path` names, read as PostgreSQL reads libpq's `options`.
struct PostgresSearchPathTests {
    private let server = "postgresql://ana@db.example/trove"

    @Test(arguments: [
        ("?options=-c%20search_path%3Dteam_a", "team_a"),
        ("?options=-csearch_path%3Dteam_a", "team_a"),
        ("?options=--search_path%3Dteam_a", "team_a"),
        ("?options=--search-path%3DTeam_A", "team_a"),
        ("?options=-c%20SEARCH_PATH%3DR_Mixed", "r_mixed"),
        ("?options=-c%20search_path%3D%22R_Mixed%22", "R_Mixed"),
        ("?options=-c%20search_path%3D%22my%5C%20%22%22team%22%22%22%2Cpublic", "my \"team\""),
        ("?options=-c%20search_path%3D%5C%20team_a%5C%20%2C%5C%20public", "team_a"),
        ("?options=-d%205%20-c%20statement_timeout%3D5%20-c%20search_path%3Dfirst%20-csearch_path%3Dlast", "last"),
        ("?sslmode=disable&options=-c%20search_path%3Dteam_a", "team_a"),
    ])
    func theSchemaIsReadAsPostgreSQLReadsIt(query: String, schema: String) throws {
        #expect(try PostgresStore.searchPathSchema(in: server + query) == schema)
    }

    @Test(arguments: ["", "?sslmode=disable", "?options=-c%20statement_timeout%3D5"])
    func aURLWithoutSearchPathNamesNone(query: String) throws {
        #expect(try PostgresStore.searchPathSchema(in: server + query) == nil)
    }

    @Test(arguments: [
        "?options=-c%20search_path%3D%24user%2Cpublic", "?options=-c%20search_path%3D",
        "?options=-c%20search_path%3D%22open", "?options=-c%20search_path%3Da%5C%20b",
        "?options=-c%20search_path%3Da%2C%2Cb",
    ])
    func aSearchPathNamingNoSchemaIsRefused(query: String) {
        #expect(throws: PostgresStoreError.self) { try PostgresStore.searchPathSchema(in: server + query) }
    }
}
