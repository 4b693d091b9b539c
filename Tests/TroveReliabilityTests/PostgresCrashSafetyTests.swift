import Foundation
import Testing
import TroveCore
import TrovePostgres
import TroveTestSupport

/// Guarantee 1 of docs/reliability.md on a PostgreSQL store: a `trove import` killed with SIGKILL at
/// any moment leaves no trajectory half-stored, and a rerun ends with the exact counts.
@Suite(.serialized, .enabled(if: TestPostgres.url != nil, TestPostgres.skipMessage))
struct PostgresCrashSafetyTests {
    static let importKills = ReliabilityScale.full ? 20 : 8

    @Test func importKilledAtRandomPointsLeavesWholeTrajectoriesAndARerunCompletesIt() throws {
        let url = TestPostgres.url ?? ""
        let directory = TemporaryDirectory()
        let input = directory.path("corpus.jsonl")
        let total = 1500
        Corpus.writeJSONL(count: total, to: input)
        func store(_ schema: String) -> String {
            url + (url.contains("?") ? "&" : "?") + "options=-csearch_path%3D" + schema
        }
        func importArguments(_ store: String) -> [String] {
            ["import", "--store", store, "--batch-size", "50", "--quiet", input]
        }
        let started = Date()
        #expect(try TroveProcess.run(importArguments(store(TestPostgres.uniqueSchema()))) == .exited(0))
        let span = Date().timeIntervalSince(started)

        var killedMidway = 0
        for seed in 1...Self.importKills {
            var random = SeededGenerator(seed: UInt64(seed))
            let schema = TestPostgres.uniqueSchema()
            let process = try TroveProcess(importArguments(store(schema)))
            usleep(UInt32(Double.random(in: 0.05...1.0, using: &random) * span * 1_000_000))
            process.kill()
            guard case .killed = process.wait() else { continue }
            let stored = try Self.audit(url: url, schema: schema, seed: seed)
            if stored > 0, stored < total { killedMidway += 1 }
            let rerun = try TroveBinary.run(["import", "--store", store(schema), "--batch-size", "50", input])
            #expect(rerun.status == 0, "seed \(seed): \(rerun.stderr)")
            #expect(rerun.stdout.contains("added      \(total - stored)\n"), "seed \(seed): \(rerun.stdout)")
            #expect(try Self.audit(url: url, schema: schema, seed: seed) == total)
        }
        #expect(killedMidway >= Self.importKills / 4)
        print(
            "reliability: \(Self.importKills) SIGKILLs of `trove import` (\(total) trajectories) on PostgreSQL, "
                + "\(killedMidway) midway: no trajectory half-stored, every rerun completed the import")
    }

    /// The trajectories stored in `schema` (0 when the kill came before the store existed), after checking
    /// that each has all its messages and each message its text.
    private static func audit(url: String, schema: String, seed: Int) throws -> Int {
        let connection = try PostgresConnection(url: url)
        let exists = try connection.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = $1 AND tablename = 'trajectory'", [.text(schema)])
        guard try exists.integer(0, 0) == 1 else { return 0 }
        try connection.execute("SET search_path = \(PostgresConnection.quoted(schema))")
        let partial = try connection.execute(
            """
            SELECT count(*) FROM trajectory t
            WHERE t.message_count <> (SELECT count(*) FROM message_row r WHERE r.trajectory_id = t.id)
            """)
        #expect(try partial.integer(0, 0) == 0, "seed \(seed): trajectories missing messages")
        let orphans = try connection.execute(
            "SELECT count(*) FROM message_text x WHERE NOT EXISTS (SELECT 1 FROM message_row r WHERE r.text_id = x.id)")
        #expect(try orphans.integer(0, 0) == 0, "seed \(seed): texts no message uses")
        return Int(try connection.execute("SELECT count(*) FROM trajectory").integer(0, 0) ?? 0)
    }
}
