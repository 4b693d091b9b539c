import Foundation
import Testing
import TroveTestSupport

@testable import TroveStore

/// The pacer that keeps the kernel writing an import's pages back (DECISIONS.md 77) asks for the store
/// and its WAL, creates nothing, follows no symbolic link, and stops when told.
@Suite struct WritebackPacerTests {
    private let directory = TemporaryDirectory()

    @Test func asksForTheStoreAndItsWALAtLeastOnceAndStops() throws {
        let path = directory.path("paced.sqlite")
        let store = try Store.open(path: path, createIfMissing: true)
        let importer = TrajectoryImporter(store: store)
        _ = try importer.importFiles([Fixtures.url("import/db-small.jsonl").path])
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))

        let pacer = WritebackPacer(storePath: path)
        pacer.start()
        let requests = pacer.stop()
        #expect(requests >= 2)
        #expect(requests % 2 == 0, "each round asks for both files")
        #expect(pacer.stop() == requests, "a second stop changes nothing")
    }

    @Test func missingFilesAreSkippedAndNothingIsCreated() {
        let path = directory.path("absent.sqlite")
        let pacer = WritebackPacer(storePath: path)
        pacer.start()
        #expect(pacer.stop() == 0)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(WritebackPacer(storePath: path).stop() == 0, "a pacer never started stops at once")
    }

    @Test func aFileThisProcessHasNotOpenIsLeftAlone() throws {
        let path = directory.path("closed.sqlite")
        try Data("not a store".utf8).write(to: URL(fileURLWithPath: path))
        let pacer = WritebackPacer(storePath: path)
        pacer.start()
        #expect(pacer.stop() == 0)
    }

    /// Closing any descriptor of a file drops every POSIX lock the process holds on it: a pacer that
    /// opened and closed the store dropped SQLite's, and another process's import then corrupted the
    /// store (`ConcurrencyTests.processesCreatingOneNewStoreAtOnceAllSucceed` found it).
    @Test func sqlitesLocksOnTheStoreSurviveThePacer() throws {
        let path = directory.path("locked.sqlite")
        let store = try Store.open(path: path, createIfMissing: true)
        _ = try TrajectoryImporter(store: store).importFiles([Fixtures.url("import/db-small.jsonl").path])
        try store.testSeam.read { _ in
            let before = try Self.locks(on: path)
            #expect(!before.isEmpty, "a reader holds a lock on the store")
            for _ in 0..<3 {
                let pacer = WritebackPacer(storePath: path)
                pacer.start()
                #expect(pacer.stop() >= 2)
            }
            #expect(try Self.locks(on: path) == before)
        }
    }

    /// This process's POSIX locks on the file at `path`, as `/proc/locks` lists them.
    private static func locks(on path: String) throws -> [String] {
        var file = stat()
        guard stat(path, &file) == 0 else { return [] }
        let pid = String(getpid())
        return try String(contentsOfFile: "/proc/locks", encoding: .utf8).split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.count > 7, fields[1] == "POSIX", fields[4] == pid, fields[5].hasSuffix(":\(file.st_ino)")
            else { return nil }
            return fields[3...].joined(separator: " ")
        }
    }
}
