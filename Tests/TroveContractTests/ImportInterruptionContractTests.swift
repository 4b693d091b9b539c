import Foundation
import Testing
import TroveCore
import TrovePostgres
import TroveStore
import TroveTestSupport

/// An import asked to stop (``ImportOptions/isInterrupted``, what Ctrl-C sets in `trove import`), on both
/// backends: it stops at a batch boundary with whole batches committed, leaves its run unfinished, the
/// store passes the check, and the same import again stores exactly the rest.
@Suite struct ImportInterruptionContractTests {
    private let directory = TemporaryDirectory()

    /// `count` synthetic records in a JSONL file.
    private func records(_ count: Int) throws -> String {
        var generator = SyntheticTrajectories(seed: 7)
        var bytes: [UInt8] = []
        for _ in 0..<count { bytes += generator.next() + [0x0A] }
        let path = directory.path("synth.jsonl")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func importFiles(
        _ paths: [String], into store: BackendStore, batchSize: Int, interruptAfterBatches batches: Int?
    ) throws -> ImportSummary {
        var committed = 0
        let options = ImportOptions(
            batchSize: batchSize, archives: .evalLogs, onProgress: { _ in committed += 1 },
            isInterrupted: { batches.map { committed >= $0 } ?? false })
        if let postgres = store.postgresStore {
            return try PostgresImporter(store: postgres, options: options).importFiles(paths)
        }
        return try TrajectoryImporter(store: try Store.open(path: store.sqlitePath), options: options)
            .importFiles(paths)
    }

    @Test(arguments: TestBackend.available)
    func anInterruptedImportStopsAtABatchBoundaryAndTheSameImportCompletesIt(backend: TestBackend) throws {
        let store = try BackendStore(backend)
        let path = try records(300)
        let stopped = try importFiles([path], into: store, batchSize: 20, interruptAfterBatches: 3)
        #expect(stopped.interrupted)
        // The SQLite importer writes up to four batches a transaction and stops at the end of one.
        #expect(stopped.added >= 60 && stopped.added < 300 && stopped.added % 20 == 0, "\(stopped.added)")
        #expect(try store.rows("SELECT count(*) FROM trajectory") == [[String(stopped.added)]])
        #expect(try store.rows("SELECT count(*) FROM import_run WHERE finished_at IS NULL") == [["1"]])
        let check = try store.check()
        #expect(check.isOK, "\(check.findings)")
        #expect(check.unfinishedImports.map(\.files) == [[path]])
        let rest = try importFiles([path], into: store, batchSize: 20, interruptAfterBatches: nil)
        #expect(!rest.interrupted && rest.added == 300 - stopped.added && rest.skipped == stopped.added)
        #expect(try store.rows("SELECT count(*) FROM trajectory") == [["300"]])
        #expect(try store.check().unfinishedImports.isEmpty)
    }
}
