import Foundation
import Testing
import TroveCore
import TroveTestSupport

/// Store behaviours both backends share, run against each (docs/store.md is the contract).
@Suite struct ImportContractTests {
    private let fixture = Fixtures.url("import/db-small.jsonl").path

    /// Shows, when no server is set, that the PostgreSQL cases did not run.
    @Test(.enabled(if: TestPostgres.url != nil, TestPostgres.skipMessage))
    func postgresCasesRun() {}

    @Test(arguments: TestBackend.available)
    func importingTwiceSkipsEverythingTheSecondTime(backend: TestBackend) throws {
        let store = try BackendStore(backend)
        let first = try store.importFiles([fixture], batchSize: 3)
        #expect(first.added > 0)
        #expect(first.rejectedCount > 0)
        let again = try store.importFiles([fixture], batchSize: 3)
        #expect(again.added == 0)
        #expect(again.skipped == first.added)
        #expect(again.conflicts.isEmpty)
        #expect(try store.rows("SELECT count(*) FROM trajectory") == [[String(first.added)]])
    }

    /// Each record's stored bytes are the input line's, exactly, and its SHA-256 is recorded.
    @Test(arguments: TestBackend.available)
    func originalBytesAreKeptExactly(backend: TestBackend) throws {
        let store = try BackendStore(backend)
        try store.importFiles([fixture])
        let lines = try String(contentsOfFile: fixture, encoding: .utf8).split(separator: "\n").map(String.init)
        let stored = try store.rows("SELECT original, original_sha256, source_line FROM trajectory ORDER BY id")
        #expect(!stored.isEmpty)
        for row in stored {
            let line = lines[Int(row[2] ?? "0")! - 1]
            #expect(row[0] == Array(line.utf8).map { String(format: "%02x", $0) }.joined())
            #expect(row[1] == SHA256.hash(Array(line.utf8)).hexString)
        }
    }

    /// The views return the same columns and, for the same input, the same values on both backends.
    @Test(arguments: ["trajectory_review", "message", "step", "reviewer_label", "review_assignment"])
    func viewsAgreeAcrossBackends(view: String) throws {
        guard TestPostgres.url != nil else { return }
        let files = [fixture, Fixtures.url("dialects/os.json").path, Fixtures.url("dialects/webshop.json").path]
        let stores = try TestBackend.allCases.map { backend in
            let store = try BackendStore(backend)
            try store.importFiles(files)
            return store
        }
        let sql = "SELECT * FROM \(view) ORDER BY 1, 2, 3"
        #expect(try stores[0].columnNamesOfView(view) == stores[1].columnNamesOfView(view))
        let (sqlite, postgres) = (try stores[0].rows(sql), try stores[1].rows(sql))
        #expect(sqlite.count == postgres.count)
        if let mismatch = zip(sqlite, postgres).first(where: { $0.0 != $0.1 }) { #expect(mismatch.0 == mismatch.1) }
    }

    /// `trove stats`' counts, for the same input, are the same on both backends.
    @Test func statsAgreeAcrossBackends() throws {
        guard TestPostgres.url != nil else { return }
        let files = [fixture, Fixtures.url("dialects/os.json").path, Fixtures.url("dialects/alfworld.json").path]
        let stats = try TestBackend.allCases.map { backend in
            let store = try BackendStore(backend)
            try store.importFiles(files)
            return try store.stats()
        }
        #expect(stats[0] == stats[1])
        #expect(stats[0].total.trajectories > 0)
    }

    @Test func acceptedTrajectoryHasTheSameColumnsOnBothBackends() throws {
        guard TestPostgres.url != nil else { return }
        let stores = try TestBackend.allCases.map { try BackendStore($0) }
        let sql = "SELECT * FROM accepted_trajectory"
        #expect(
            try stores[0].columnNamesOfView("accepted_trajectory") == stores[1].columnNamesOfView("accepted_trajectory")
        )
        #expect(try stores[1].rows(sql).isEmpty)
    }
}
