import Foundation
import Testing
import TroveCore
import TroveTestSupport

@testable import TroveStore

/// While an import runs, the writer checkpoints less often and, when it builds the search index apart
/// (a store without texts, which the import fills), keeps statement journals in memory and writes with a
/// rollback journal (DECISIONS.md 74, 78, 84); every other write gets SQLite's settings and the WAL back,
/// after a failed import too.
@Suite struct ImportSettingsTests {
    private let directory = TemporaryDirectory()

    /// `PRAGMA temp_store`, `wal_autocheckpoint`, `journal_mode` and `synchronous` on the store's writer
    /// connection.
    private static func writerSettings(_ store: Store) throws -> [String] {
        try store.testSeam.writeWithoutTransaction { db in
            try ["temp_store", "wal_autocheckpoint", "journal_mode", "synchronous"].map {
                try String.fetchOne(db, sql: "PRAGMA \($0)") ?? ""
            }
        }
    }

    private static let checkpointing = "\(TrajectoryImporter.importCheckpointPages)"
    private static let buildingApart = ["2", checkpointing, "delete", "2"]
    private static let batchByBatch = ["0", checkpointing, "wal", "1"]
    private static let everyday = ["0", "\(TrajectoryImporter.checkpointPages)", "wal", "1"]

    /// The settings the writer had after each batch of an import of `fixture`; `afterFirstBatch` runs
    /// once, after the first.
    private static func importSeeingSettings(
        _ fixture: String, into store: Store, batchSize: Int = 2,
        afterFirstBatch: @escaping @Sendable () -> Void = {}
    ) throws -> [[String]] {
        try importSeeingSettings(
            path: Fixtures.url(fixture).path, into: store, batchSize: batchSize, afterFirstBatch: afterFirstBatch)
    }

    private static func importSeeingSettings(
        path: String, into store: Store, batchSize: Int, afterFirstBatch: @escaping @Sendable () -> Void
    ) throws -> [[String]] {
        let seen = Seen()
        let options = ImportOptions(
            batchSize: batchSize,
            onProgress: { _ in
                seen.settings.append((try? writerSettings(store)) ?? [])
                if seen.settings.count == 1 { afterFirstBatch() }
            })
        _ = try TrajectoryImporter(store: store, options: options).importFiles([path])
        return seen.settings
    }

    @Test func theWriterUsesTheImportsSettingsWhileItRunsAndSQLitesAfter() throws {
        let store = try Store.open(path: directory.path("settings.sqlite"), createIfMissing: true)
        let first = try Self.importSeeingSettings("import/db-small.jsonl", into: store)
        #expect(first.count > 1)
        #expect(first.allSatisfy { $0 == Self.buildingApart })
        #expect(try Self.writerSettings(store) == Self.everyday)

        // The store holds texts now: the index is written batch by batch, journals stay in files.
        let second = try Self.importSeeingSettings("dialects/os.json", into: store)
        #expect(!second.isEmpty)
        #expect(second.allSatisfy { $0 == Self.batchByBatch })
        #expect(try Self.writerSettings(store) == Self.everyday)
    }

    @Test func anotherConnectionOpenAtTheStartKeepsTheWAL() throws {
        let path = directory.path("shared.sqlite")
        let store = try Store.open(path: path, createIfMissing: true)
        let other = try Store.open(path: path)
        #expect(try other.trajectoryCount() == 0)
        let settings = try Self.importSeeingSettings("import/db-small.jsonl", into: store)
        #expect(settings.count > 1)
        #expect(settings.allSatisfy { $0 == [Self.buildingApart[0], Self.checkpointing, "wal", "1"] })
        #expect(try Self.writerSettings(store) == Self.everyday)
        #expect(try other.trajectoryCount() == store.trajectoryCount())
        #expect(try store.check().isOK)
    }

    @Test func aStoreOpenedMidImportGoesBackToTheWALAndTheImportGoesOn() throws {
        let path = directory.path("opened.sqlite")
        let store = try Store.open(path: path, createIfMissing: true)
        let opened = Opened()
        var records = SyntheticTrajectories(seed: 3)
        let input = directory.write(
            "records.jsonl", (0..<12).map { _ in String(decoding: records.next(), as: UTF8.self) + "\n" }.joined())
        // Another process opening the store for writing puts it in WAL mode, as this second pool does. A
        // batch a record: the twelve take three transactions of at most four batches, and each batch's
        // progress is reported once its transaction commits.
        let settings = try Self.importSeeingSettings(path: input, into: store, batchSize: 1) {
            opened.store = try? Store.open(path: path)
        }
        let other = try #require(opened.store)
        #expect(settings.count >= 12)
        #expect(settings.first == Self.buildingApart)
        // The import goes on in WAL mode, its synchronous setting as it was.
        #expect(settings.last == [Self.buildingApart[0], Self.checkpointing, "wal", "2"])
        #expect(try Self.writerSettings(store) == Self.everyday)
        #expect(try other.trajectoryCount() == store.trajectoryCount())
        #expect(try store.check().isOK)
        #expect(!FileManager.default.fileExists(atPath: path + "-journal"))
    }

    @Test func aStoreIsOpenedWhileAnImportWritesItWithARollbackJournal() throws {
        let path = directory.path("busy.sqlite")
        let store = try Store.open(path: path, createIfMissing: true)
        #expect(store.useRollbackJournal())
        // A write transaction holds the store's write lock a while, as an import's does.
        let writing = DispatchSemaphore(value: 0)
        let writer = Thread {
            try? store.testSeam.write { db in
                try db.execute(sql: "INSERT INTO store_info (key, value) VALUES ('held', 'for a while')")
                writing.signal()
                Thread.sleep(forTimeInterval: 0.5)
            }
        }
        writer.start()
        writing.wait()
        // Opening it puts it in WAL mode, once the transaction has ended.
        let other = try Store.open(path: path)
        #expect(try other.testSeam.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
        #expect(
            try other.testSeam.read { db in
                try String.fetchOne(db, sql: "SELECT value FROM store_info WHERE key = 'held'")
            } == "for a while")
    }

    @Test func aFailedImportGivesTheSettingsBackToo() throws {
        let store = try Store.open(path: directory.path("failed.sqlite"), createIfMissing: true)
        // A gzip header followed by bytes no deflate stream starts with: the file cannot be read on.
        let corrupt = directory.path("corrupt.jsonl.gz")
        try Data([0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03] + Array(repeating: 0xFF, count: 64)).write(
            to: URL(fileURLWithPath: corrupt))
        #expect(throws: RecordReadError.self) { try TrajectoryImporter(store: store).importFiles([corrupt]) }
        #expect(try Self.writerSettings(store) == Self.everyday)
    }

    private final class Seen: @unchecked Sendable {
        var settings: [[String]] = []
    }

    private final class Opened: @unchecked Sendable {
        var store: Store?
    }
}
