import Foundation
import Testing
import TroveTestSupport

/// `trove import --store postgresql://…`, and the commands not yet written for PostgreSQL, run as the binary.
@Suite(.enabled(if: TestPostgres.url != nil, TestPostgres.skipMessage))
struct PostgresCommandTests {
    private let directory = TemporaryDirectory()
    private let store: String = {
        let url = TestPostgres.url ?? ""
        return url + (url.contains("?") ? "&" : "?") + "options=-csearch_path%3D" + TestPostgres.uniqueSchema()
    }()

    private func trove(_ arguments: [String]) throws -> TroveBinary.Result {
        try TroveBinary.run(arguments, in: directory.url.path)
    }

    @Test func importStoresThenSkipsAndWritesRejectsBesideTheCaller() throws {
        let fixture = Fixtures.url("import/db-small.jsonl").path
        let first = try trove(["import", "--store", store, fixture])
        #expect(first.status == 65, "\(first.stderr)")
        #expect(first.stdout.contains("added"))
        #expect(FileManager.default.fileExists(atPath: directory.path("trove.rejects.jsonl")))
        let again = try trove(["import", "--store", store, "--quiet", fixture])
        #expect(again.stdout.isEmpty)
        let summary = try trove(["import", "--store", store, fixture]).stdout
        #expect(summary.contains("added      0"))
    }

    @Test func replaceIsRefusedWithoutTouchingTheStore() throws {
        let result = try trove(["import", "--store", store, "--replace", Fixtures.url("dialects/os.json").path])
        #expect(result.status == 64)
        #expect(result.stderr.contains("not yet supported on a PostgreSQL store"))
    }

    @Test func statsCountsThePostgresStore() throws {
        #expect(try trove(["import", "--store", store, Fixtures.url("dialects/os.json").path]).status == 0)
        let stats = try trove(["stats", "--store", store])
        #expect(stats.status == 0, "\(stats.stderr)")
        #expect(stats.stdout.contains("os"))
    }

    @Test(arguments: ["export", "check", "review", "review FILE", "label"])
    func aCommandNotYetWrittenForPostgresSaysSo(command: String) throws {
        let arguments =
            switch command {
            case "review": ["review", "--reviewer", "ana"]
            case "review FILE": ["review", "--reviewer", "ana", Fixtures.url("dialects/os.json").path]
            case "label": ["label", "x", "--accept", "--reviewer", "ana"]
            case "export": ["export", "--format", "agentinstruct", "--out", "out.jsonl"]
            default: [command]
            }
        let result = try trove(arguments + ["--store", store])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("not yet supported on a PostgreSQL store"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).isEmpty)
    }
}
