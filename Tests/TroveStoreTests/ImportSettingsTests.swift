import Foundation
import Testing
import TroveCore
import TroveTestSupport

@testable import TroveStore

/// While an import runs, the writer checkpoints less often (DECISIONS.md 74); every other write gets
/// SQLite's setting back, after a failed import too.
@Suite struct ImportSettingsTests {
    private let directory = TemporaryDirectory()

    /// `PRAGMA wal_autocheckpoint` on the store's writer connection.
    private static func checkpointPages(_ store: Store) throws -> Int? {
        try store.testSeam.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") }
    }

    @Test func theWriterUsesTheImportsSettingWhileItRunsAndSQLitesAfter() throws {
        let store = try Store.open(path: directory.path("settings.sqlite"), createIfMissing: true)
        let seen = Seen()
        let options = ImportOptions(
            batchSize: 2, onProgress: { _ in seen.pages.append(try? Self.checkpointPages(store)) })
        _ = try TrajectoryImporter(store: store, options: options).importFiles([
            Fixtures.url("import/db-small.jsonl").path
        ])
        #expect(seen.pages.count > 1)
        #expect(seen.pages.allSatisfy { $0 == TrajectoryImporter.importCheckpointPages })
        #expect(try Self.checkpointPages(store) == TrajectoryImporter.checkpointPages)
    }

    @Test func aFailedImportGivesTheSettingBackToo() throws {
        let store = try Store.open(path: directory.path("failed.sqlite"), createIfMissing: true)
        #expect(throws: RecordReadError.self) {
            try TrajectoryImporter(store: store).importFiles([Fixtures.url("hostile/truncated.json.gz").path])
        }
        #expect(try Self.checkpointPages(store) == TrajectoryImporter.checkpointPages)
    }

    private final class Seen: @unchecked Sendable {
        var pages: [Int?] = []
    }
}
