import Foundation
import Testing
import TrovePostgres
import TroveTestSupport

/// Issue 14 item 1: `--schema NAME` chooses the PostgreSQL schema a store lives in, for every command
/// that takes `--store` and for `trove copy`, run as the binary.
@Suite(.enabled(if: TestPostgres.url != nil, TestPostgres.skipMessage))
struct PostgresSchemaOptionTests {
    private let directory = TemporaryDirectory()
    private let url = TestPostgres.url ?? ""
    private let first = TestPostgres.uniqueSchema()
    private let second = TestPostgres.uniqueSchema()

    private func trove(_ arguments: [String], environment: [String: String] = [:]) throws -> TroveBinary.Result {
        try TroveBinary.run(arguments, environment: environment, in: directory.url.path)
    }

    /// Two schemas of one database are two stores: what is imported into one is not in the other, and a
    /// schema nothing was imported into holds no store.
    @Test func twoSchemasInOneDatabaseAreTwoStores() throws {
        let os = try trove(["import", "--store", url, "--schema", first, Fixtures.url("dialects/os.json").path])
        #expect(os.status == 0, "\(os.stderr)")
        #expect(os.stdout.contains("(schema \(first))"), "\(os.stdout)")
        let empty = try trove(["stats", "--store", url, "--schema", second])
        #expect(empty.status == 66 && empty.stderr.contains("no such store"), "\(empty.stderr)")
        let db = try trove(["import", "--store", url, "--schema", second, Fixtures.url("dialects/db.json").path])
        #expect(db.status == 0, "\(db.stderr)")
        let shown = try trove(["show", "--store", url, "--schema", first, "os_f1"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(try trove(["show", "--store", url, "--schema", second, "os_f1"]).status == 1)
        #expect(try trove(["show", "--store", url, "--schema", second, "db_f1"]).status == 0)
        #expect(try trove(["show", "--store", url, "--schema", first, "db_f1"]).status == 1)
        // An export's manifest names the schema it was read from.
        let export = try trove([
            "export", "--store", url, "--schema", second, "--format", "agentinstruct", "--out", "out.jsonl",
        ])
        #expect(export.status == 0, "\(export.stderr)")
        let manifest = try String(contentsOfFile: directory.path("out.jsonl.manifest.json"), encoding: .utf8)
        #expect(manifest.contains("(schema \(second))"), "\(manifest)")
    }

    /// A URL's `search_path` in libpq's own syntax (`-c search_path=NAME`), unquoted mixed case folded,
    /// names the store in the schema psql with that URL reaches.
    @Test func theURLsSearchPathNamesTheSchemaPsqlReaches() throws {
        let separator = url.contains("?") ? "&" : "?"
        let spaced = url + separator + "options=-c%20search_path%3D" + first.uppercased()
        let imported = try trove(["import", "--store", spaced, Fixtures.url("dialects/os.json").path])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("(schema \(first))"), "\(imported.stdout)")
        let shown = try trove(["show", "--store", url, "--schema", first, "os_f1"])
        #expect(shown.status == 0, "\(shown.stderr)")
        let connection = try PostgresConnection(url: spaced)
        #expect(try connection.execute("SELECT count(*) FROM trajectory").integer(0, 0) ?? 0 > 0)
    }

    /// `--schema` applies to the store `$TROVE_STORE` names as to one `--store` names.
    @Test func theSchemaAppliesToTheStoreTheEnvironmentNames() throws {
        let environment = ["TROVE_STORE": url]
        let imported = try trove(
            ["import", "--schema", first, Fixtures.url("dialects/os.json").path], environment: environment)
        #expect(imported.status == 0, "\(imported.stderr)")
        let labeled = try trove(
            ["label", "--schema", first, "os_f1", "--accept", "--reviewer", "ana"], environment: environment)
        #expect(labeled.status == 0, "\(labeled.stderr)")
        let direct = try trove(["show", "--store", TestPostgres.storeURL(schema: first), "os_f1"])
        #expect(direct.status == 0 && direct.stdout.contains("accepted"), "\(direct.stdout)")
    }

    /// A SQLite store, a name PostgreSQL would fold or reserves, and a URL whose search_path names another
    /// schema are refused before anything is opened (exit 64), with a message naming `--schema`.
    @Test func aSchemaThatDoesNotFitIsAUsageError() throws {
        let fixture = Fixtures.url("dialects/os.json").path
        let sqlite = try trove(["import", "--store", "mine.sqlite", "--schema", first, fixture])
        #expect(sqlite.status == 64 && sqlite.stderr.contains("--schema"), "\(sqlite.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.path("mine.sqlite")))
        for name in ["Team", "1team", "pg_team", "team-a", ""] {
            let bad = try trove(["import", "--store", url, "--schema", name, fixture])
            #expect(bad.status == 64 && bad.stderr.contains("--schema"), "\(name): \(bad.stderr)")
        }
        let named = TestPostgres.storeURL(schema: first)
        let conflict = try trove(["import", "--store", named, "--schema", second, fixture])
        #expect(conflict.status == 64 && conflict.stderr.contains("search_path"), "\(conflict.stderr)")
        let same = try trove(["import", "--store", named, "--schema", first, fixture])
        #expect(same.status == 0, "\(same.stderr)")
        let keyword = try trove(["import", "--store", url, "--schema", "select", fixture])
        #expect(keyword.status == 64 && keyword.stderr.contains("reserved"), "\(keyword.stderr)")
        // The search_path of libpq's own syntax, folded as PostgreSQL folds it, is seen by the check.
        let separator = url.contains("?") ? "&" : "?"
        let spaced = url + separator + "options=-c%20search_path%3D" + second.uppercased()
        let spacedConflict = try trove(["import", "--store", spaced, "--schema", first, fixture])
        #expect(spacedConflict.status == 64 && spacedConflict.stderr.contains(second), "\(spacedConflict.stderr)")
        let user = url + separator + "options=-c%20search_path%3D%24user%2Cpublic"
        for schema in [[], ["--schema", first]] {
            let refused = try trove(["stats", "--store", user] + schema)
            #expect(refused.status == 64 && refused.stderr.contains("$user"), "\(refused.stderr)")
        }
        let review = try trove(["review", "--reviewer", "ana", "--store", url, "--schema", "Bad"])
        #expect(review.status == 64 && review.stderr.contains("--schema"), "\(review.stderr)")
    }

    /// `trove copy --schema` names the schema of the side on PostgreSQL, either way; between two PostgreSQL
    /// stores each URL names its own.
    @Test func copyTakesTheSchemaOfThePostgresSide() throws {
        let original = directory.path("original.sqlite")
        #expect(try trove(["import", "--store", original, Fixtures.url("dialects/os.json").path]).status == 0)
        let up = try trove(["copy", original, url, "--schema", first])
        #expect(up.status == 0 && up.stdout.contains("(schema \(first))"), "\(up.stderr)")
        #expect(try trove(["show", "--store", url, "--schema", first, "os_f1"]).status == 0)
        let back = try trove(["copy", url, directory.path("back.sqlite"), "--schema", first])
        #expect(back.status == 0, "\(back.stderr)")
        #expect(try trove(["show", "--store", directory.path("back.sqlite"), "os_f1"]).status == 0)
        let both = try trove(["copy", url, url, "--schema", second])
        #expect(both.status == 64 && both.stderr.contains("?options="), "\(both.stderr)")
        let neither = try trove(["copy", original, directory.path("other.sqlite"), "--schema", second])
        #expect(neither.status == 64 && neither.stderr.contains("--schema"), "\(neither.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.path("other.sqlite")))
    }
}
