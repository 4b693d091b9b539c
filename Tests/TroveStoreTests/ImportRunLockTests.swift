import Foundation
import GRDB
import Testing
import TroveCore
import TroveTestSupport

@testable import TroveStore

/// An import run holds a lock file beside the store for its life (`.NAME.import-RUN`), so that
/// `trove check` tells a run still going in some process from one that was killed: the `flock` dies
/// with the process, the file stays.
@Suite struct ImportRunLockTests {
    private let directory = TemporaryDirectory()

    private var storePath: String { directory.path("store.sqlite") }

    /// The lock files beside the store.
    private func lockFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter {
            $0.hasPrefix(".store.sqlite.import-")
        }.sorted()
    }

    /// A store whose import run 1 never finished, as a killed import leaves it.
    private func storeWithAnUnfinishedRun() throws -> Store {
        let store = try Store.open(path: storePath, createIfMissing: true)
        try store.testSeam.write { db in
            try db.execute(
                sql: "INSERT INTO import_run (started_at, trove_version, files, options) VALUES (?, ?, ?, ?)",
                arguments: ["2026-01-01T00:00:00Z", "test", #"["a.jsonl"]"#, "{}"])
        }
        return store
    }

    /// Lock files (an import run's, a search build's scratch) are readable by whoever can read the store,
    /// so another user's writable open sees the work running; a file that cannot be opened is left alone
    /// instead of being taken for abandoned (a build another user runs was finished under it).
    @Test func lockFilesAreReadableLikeTheStoreAndOneThatCannotBeOpenedIsLeftAlone() throws {
        _ = directory.write("store.sqlite", "")
        #expect(chmod(storePath, 0o640) == 0)
        #expect(LockedFile.mode(readableLike: storePath, owner: 0o600) == 0o640)
        #expect(LockedFile.mode(readableLike: storePath, owner: 0o400) == 0o440)
        let build = try SearchIndexBuild(storePath: storePath)
        var status = stat()
        #expect(stat(build.scratchPath, &status) == 0 && status.st_mode & 0o777 == 0o640)
        build.discard()
        // ENOTDIR stands for any failure to open (another user's file): whether its work runs is unknown.
        let plain = directory.write("plain", "")
        #expect(LockedFile.unlessHeld(plain + "/scratch") == nil)
        #expect(LockedFile.unlessHeld(directory.path("missing")) != nil)
    }

    @Test func aRunIsRunningWhileItsLockFileIsLockedAndInterruptedOnceTheLockGoes() throws {
        let store = try storeWithAnUnfinishedRun()
        #expect(try store.check().unfinishedImports.map(\.isRunning) == [false])
        // Another process's lock, as a running import holds it: a descriptor of its own.
        let file = directory.write(".store.sqlite.import-1", "")
        let lock = open(file, O_RDONLY)
        #expect(flock(lock, LOCK_EX) == 0)
        #expect(try store.check().unfinishedImports.map(\.isRunning) == [true])
        #expect(try Store.open(path: storePath, readOnly: true).check().unfinishedImports.map(\.isRunning) == [true])
        // Killed: the lock goes, the file stays.
        close(lock)
        let check = try store.check()
        #expect(check.unfinishedImports.map(\.run) == [1] && check.unfinishedImports.map(\.isRunning) == [false])
    }

    @Test func anImportHoldsItsRunsLockAndRemovesWhatKilledRunsLeft() throws {
        let store = try storeWithAnUnfinishedRun()
        // Run 1 was killed; a run 2 was killed before its registration committed, and left its file.
        _ = directory.write(".store.sqlite.import-1", "")
        _ = directory.write(".store.sqlite.import-2", "")
        var generator = SyntheticTrajectories(seed: 1)
        let input = directory.path("input.jsonl")
        try Data((0..<5).flatMap { _ in generator.next() + [0x0A] }).write(to: URL(fileURLWithPath: input))
        var during: [UnfinishedImport] = []
        let options = ImportOptions(
            batchSize: 1,
            onProgress: { _ in
                if during.isEmpty { during = (try? Store.open(path: storePath).check().unfinishedImports) ?? [] }
            })
        let summary = try TrajectoryImporter(store: store, options: options).importFiles([input])
        #expect(summary.runID == 2)
        #expect(during.map(\.run) == [1, 2] && during.map(\.isRunning) == [false, true])
        #expect(try lockFiles().isEmpty)
        #expect(try store.check().unfinishedImports.map(\.run) == [1])
    }

    @Test func aRunThatFinishedAfterTheSnapshotIsNotListed() throws {
        let runs = [
            UnfinishedImport(run: 1, startedAt: "t", files: ["a"]),
            UnfinishedImport(run: 2, startedAt: "t", files: ["b"]),
            UnfinishedImport(run: 3, startedAt: "t", files: ["c"]),
        ]
        var asked: [Int64] = []
        let probed = runs.probed(
            isRunning: { $0 == 3 },
            finished: { runs in
                asked = runs
                return [2]
            })
        #expect(asked == [1, 2])
        #expect(probed.map(\.run) == [1, 3] && probed.map(\.isRunning) == [false, true])
    }
}
