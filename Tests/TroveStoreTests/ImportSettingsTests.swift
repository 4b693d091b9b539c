import Foundation
import Testing
import TroveCore
import TroveTestSupport

@testable import TroveStore

/// While an import runs, the writer checkpoints less often and, when it builds the search index apart,
/// keeps statement journals in memory (DECISIONS.md 74, 78); every other write gets SQLite's settings
/// back, after a failed import too.
@Suite struct ImportSettingsTests {
    private let directory = TemporaryDirectory()

    /// `PRAGMA temp_store` and `PRAGMA wal_autocheckpoint` on the store's writer connection.
    private static func writerSettings(_ store: Store) throws -> [Int] {
        try store.testSeam.writeWithoutTransaction { db in
            [
                try Int.fetchOne(db, sql: "PRAGMA temp_store") ?? -1,
                try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? -1,
            ]
        }
    }

    private static let buildingApart = [2, TrajectoryImporter.importCheckpointPages]
    private static let batchByBatch = [0, TrajectoryImporter.importCheckpointPages]
    private static let everyday = [0, TrajectoryImporter.checkpointPages]

    /// The settings the writer had after each batch of an import of `fixture`.
    private static func importSeeingSettings(_ fixture: String, into store: Store) throws -> [[Int]] {
        let seen = Seen()
        let options = ImportOptions(
            batchSize: 2, onProgress: { _ in seen.settings.append((try? writerSettings(store)) ?? []) })
        _ = try TrajectoryImporter(store: store, options: options).importFiles([Fixtures.url(fixture).path])
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

    @Test func aFailedImportGivesTheSettingsBackToo() throws {
        let store = try Store.open(path: directory.path("failed.sqlite"), createIfMissing: true)
        #expect(throws: RecordReadError.self) {
            try TrajectoryImporter(store: store).importFiles([Fixtures.url("hostile/truncated.json.gz").path])
        }
        #expect(try Self.writerSettings(store) == Self.everyday)
    }

    private final class Seen: @unchecked Sendable {
        var settings: [[Int]] = []
    }
}
