import Foundation
import Testing
import TroveTestSupport

/// `trove show --store postgresql://…` prints what it prints from a SQLite store of the same records.
@Suite(.enabled(if: TestPostgres.url != nil, TestPostgres.skipMessage))
struct PostgresShowTests {
    private let directory = TemporaryDirectory()
    private let postgres = TestPostgres.storeURL()

    private func trove(_ arguments: [String]) throws -> TroveBinary.Result {
        try TroveBinary.run(arguments, in: directory.url.path)
    }

    @Test func showPrintsTheSameAsFromSQLite() throws {
        let files = [
            "dialects/os.json", "dialects/chat.json", "agent-runs/miniswe.traj.json", "agent-runs/tau-bench.json",
            "agent-runs/openhands-output.jsonl",
        ].map { Fixtures.url($0).path }
        for store in [postgres, "trove.sqlite"] {
            let imported = try trove(["import", "--store", store] + files)
            #expect(imported.status == 0, "\(imported.stderr)")
        }
        // The crashed tau-bench episode and the OpenHands run cut at its step limit state their errors.
        for id in ["os_f1", "os_f2", "chat_f1", "example__repo-1", "tau-bench/task_0/trial_0", "example__repo-2"] {
            for format in [[], ["--json"]] {
                let sqlite = try trove(["show", "--store", "trove.sqlite", id] + format)
                let server = try trove(["show", "--store", postgres, id] + format)
                #expect(server.status == 0, "\(server.stderr)")
                #expect(server.stdout == sqlite.stdout, "\(id) \(format)")
            }
        }
    }

    @Test func anUnknownIdExitsOneNamingIt() throws {
        #expect(try trove(["import", "--store", postgres, Fixtures.url("dialects/os.json").path]).status == 0)
        let result = try trove(["show", "--store", postgres, "nope"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no trajectory with id nope"))
    }
}
