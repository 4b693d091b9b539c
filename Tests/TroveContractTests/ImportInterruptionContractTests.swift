import Foundation
import Testing
import TroveCore
import TrovePostgres
import TroveStore
import TroveTestSupport

/// An import asked to stop (``ImportOptions/isInterrupted``, what Ctrl-C sets in `trove import`), on both
/// backends: it stops at a batch boundary with whole batches committed, leaves its run unfinished, the
/// store passes the check, and the same import again stores exactly the rest. While it runs, a check
/// from another connection notes its run as running; once it stopped, as interrupted.
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

    /// Imports `paths`, stopping after `batches` batches when given; `afterBatch` runs after each batch
    /// commits, with how many have.
    private func importFiles(
        _ paths: [String], into store: BackendStore, batchSize: Int, interruptAfterBatches batches: Int?,
        afterBatch: @escaping (Int) -> Void = { _ in }
    ) throws -> ImportSummary {
        var committed = 0
        let options = ImportOptions(
            batchSize: batchSize, archives: .evalLogs,
            onProgress: { _ in
                committed += 1
                afterBatch(committed)
            },
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
        #expect(check.unfinishedImports.map(\.isRunning) == [false])
        let rest = try importFiles([path], into: store, batchSize: 20, interruptAfterBatches: nil)
        #expect(!rest.interrupted && rest.added == 300 - stopped.added && rest.skipped == stopped.added)
        #expect(try store.rows("SELECT count(*) FROM trajectory") == [["300"]])
        #expect(try store.check().unfinishedImports.isEmpty)
    }

    /// `trove check` as a colleague runs it while the import goes on: a store opened apart (read-only on
    /// SQLite, another session on PostgreSQL).
    private func checkApart(_ store: BackendStore) throws -> StoreCheck {
        if let postgres = store.postgresStore {
            return try PostgresStore(url: TestPostgres.url ?? "", schema: postgres.schema).check()
        }
        return try Store.open(path: store.sqlitePath, readOnly: true).check()
    }

    @Test(arguments: TestBackend.available)
    func aRunningImportIsNotedAsRunningAndAStoppedOneAsInterrupted(backend: TestBackend) throws {
        let store = try BackendStore(backend)
        let path = try records(300)
        var during: [UnfinishedImport]?
        let stopped = try importFiles([path], into: store, batchSize: 20, interruptAfterBatches: 2) { committed in
            if committed == 1 { during = try? checkApart(store).unfinishedImports }
        }
        #expect(stopped.interrupted)
        #expect(
            during == [
                UnfinishedImport(
                    run: stopped.runID, startedAt: during?.first?.startedAt ?? "", files: [path], isRunning: true)
            ])
        let after = try checkApart(store).unfinishedImports
        #expect(after.map(\.isRunning) == [false], "\(after)")
        if backend == .sqlite {
            // The run let its lock go and removed its lock file; only the store's own files are left.
            let left = try FileManager.default.contentsOfDirectory(
                atPath: URL(fileURLWithPath: store.sqlitePath).deletingLastPathComponent().path)
            #expect(!left.contains { $0.contains(".import-") }, "\(left)")
        }
    }
}
