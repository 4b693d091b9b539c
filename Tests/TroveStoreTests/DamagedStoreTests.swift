import Foundation
import GRDB
import Testing
import TroveCore
import TroveTestSupport

@testable import TroveStore

/// Issue 18 items 4 and 7: damaged rows are errors that name their trajectory, changed record bytes are
/// never exported, and `check` reports every problem it finds.
@Suite struct DamagedStoreTests {
    private let directory = TemporaryDirectory()
    private var path: String { directory.path("store.sqlite") }

    private func makeStore() throws -> Store {
        let store = try Store.open(path: path, createIfMissing: true)
        try TrajectoryImporter(store: store).importFiles([Fixtures.url("import/db-small.jsonl").path])
        try store.applyLabel(
            .accept, to: try store.trajectoryIDs(matching: Filter(nil)), reviewer: "ana", origin: "test")
        return store
    }

    private func export(_ store: Store, to output: String) throws {
        let request = ExportRequest(
            filter: Filter(nil), policy: .accepted, writer: .init(format: .agentinstruct))
        _ = try TrajectoryExporter(store: store).export(request, to: try JSONLinesWriter(path: output))
    }

    @Test func aRowHoldingAValueTroveNeverWritesIsAnErrorNamingItsTrajectory() throws {
        let store = try makeStore()
        // A blob passes the column's CHECK (source_line >= 1): blobs sort after numbers.
        try store.testSeam.write { db in
            try db.execute(sql: "UPDATE trajectory SET source_line = x'01' WHERE external_id = 'db_1'")
        }
        let damaged = StoreError.damagedRow(trajectory: "db_1", column: "source_line", stored: "a blob")
        #expect(throws: damaged) { try store.trajectory(id: "db_1") }
        #expect(try store.trajectory(id: "db_3") != nil)
        let output = directory.path("out.jsonl")
        #expect(throws: damaged) { try export(store, to: output) }
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(damaged.description.contains("trove check") && damaged.description.contains("trove backup"))
        let check = try store.check()
        #expect(check.findings.first { $0.check == "records" }?.problems == ["db_1: its source_line holds a blob"])
    }

    @Test func aRecordWhoseBytesChangedIsNeitherExportedNorPassedByTheCheck() throws {
        let store = try makeStore()
        #expect(try store.check().isOK)
        try store.testSeam.write { db in
            try db.execute(
                sql: """
                    UPDATE trajectory SET original = CAST(replace(CAST(original AS TEXT), 'singers', 'singerz') AS BLOB)
                    WHERE external_id = 'db_0'
                    """)
        }
        let output = directory.path("out.jsonl")
        #expect(throws: AlteredRecordError(trajectory: "db_0")) { try export(store, to: output) }
        #expect(throws: AlteredRecordError(trajectory: "db_0")) {
            try store.trajectory(id: "db_0", verifyingBytes: true)
        }
        #expect(try store.trajectory(id: "db_0")?.trajectory.id == "db_0")
        #expect(!FileManager.default.fileExists(atPath: output))
        let check = try store.check()
        #expect(!check.isOK)
        #expect(
            check.findings.first { $0.check == "records" }?.problems == [
                "db_0: its bytes do not match original_sha256"
            ])
    }

    @Test func aMalformedFileGetsEveryCheckRunInsteadOfStoppingAtTheFirst() throws {
        let root = try makeStore().testSeam.read { db in
            try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'trajectory'") ?? 0
        }
        // Garbage over the middle of the trajectory table's first page, as a few flipped bytes on disk do.
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.seek(toOffset: UInt64((root - 1) * 16384 + 8))
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 4000))
        try handle.close()
        let check = try Store.open(path: path).check()
        #expect(!check.isOK)
        #expect(check.findings.map(\.check).count == 12)
        #expect(!(check.findings.first { $0.check == "SQLite integrity" }?.problems.isEmpty ?? true))
    }
}
