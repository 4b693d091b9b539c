import Foundation
import GRDB
import Testing
import TroveTestSupport

@testable import TroveStore

/// Issue 18 items 9, 11 and 12: only a command that creates a store creates one, a file that is not a
/// store is refused and left alone, and processes that create one new store at once all succeed.
@Suite struct StoreOpeningTests {
    private let directory = TemporaryDirectory()

    @Test func aPathWithoutAStoreIsRefusedAndNothingIsCreated() throws {
        let path = directory.path("typo.sqlite")
        for readOnly in [false, true] {
            #expect(throws: StoreError.missing(path: path)) { try Store.open(path: path, readOnly: readOnly) }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).isEmpty)
        _ = try Store.open(path: path, createIfMissing: true)
        #expect(try Store.open(path: path, readOnly: true).trajectoryCount() == 0)
    }

    @Test(arguments: ["empty", "text", "database"])
    func aFileTroveDidNotWriteIsRefusedAndLeftAsItWas(kind: String) throws {
        let path = directory.path("other.sqlite")
        switch kind {
        case "empty": directory.write("other.sqlite", "")
        case "text": directory.write("other.sqlite", #"{"id": "db_1"}"# + "\n")
        default:
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                try db.execute(sql: "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('x')")
            }
            try queue.close()
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        for (readOnly, create) in [(false, false), (true, false), (false, true)] {
            #expect(throws: StoreError.notAStore(path: path)) {
                try Store.open(path: path, readOnly: readOnly, createIfMissing: create)
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["other.sqlite"])
    }

    /// A directory, a FIFO or a device is named for what it is before SQLite opens it (a directory
    /// was "disk I/O error", a FIFO waited for a writer forever), whatever the command asks.
    @Test func aPathThatIsNotARegularFileIsRefusedForWhatItIs() throws {
        let folder = directory.path("stores")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let fifo = directory.path("pipe.sqlite")
        #expect(mkfifo(fifo, 0o600) == 0)
        for (path, kind) in [(folder, "a directory"), (fifo, "a FIFO"), ("/dev/null", "a device")] {
            for (readOnly, create) in [(false, false), (true, false), (false, true)] {
                #expect(throws: StoreError.notAFile(path: path, kind: kind)) {
                    try Store.open(path: path, readOnly: readOnly, createIfMissing: create)
                }
            }
        }
        #expect("\(StoreError.notAFile(path: folder, kind: "a directory"))".hasSuffix("(e.g. \(folder)/trove.sqlite)"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    /// A run killed while creating a store leaves only its half-built file under another name: the
    /// store's own path never holds a file that is not yet a store, and the next run clears the rest.
    @Test func aKilledCreationLeavesNoStoreAndTheNextRunCreatesIt() throws {
        let path = directory.path("new.sqlite")
        directory.write(".new.sqlite.creating-99999", "")
        directory.write(".new.sqlite.creating-99999-wal", "")
        let store = try Store.open(path: path, createIfMissing: true)
        #expect(!store.isReadOnly)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.url.path)
        #expect(!names.contains { $0.contains(".creating-") })
        #expect(try Store.open(path: path).trajectoryCount() == 0)
    }

    /// QA: a store path that was a symlink to a missing file became a regular file (the new store was
    /// renamed over the link) and the link's target was never created. The store is created where the
    /// link points, as an existing store is opened through a link.
    @Test func aNewStoreNamedThroughASymlinkIsCreatedAtItsTarget() throws {
        let elsewhere = directory.path("elsewhere")
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: false)
        let link = directory.path("linked.sqlite")
        #expect(symlink("elsewhere/target.sqlite", link) == 0)
        _ = try Store.open(path: link, createIfMissing: true)
        var info = stat()
        #expect(lstat(link, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
        #expect(lstat(elsewhere + "/target.sqlite", &info) == 0 && info.st_mode & S_IFMT == S_IFREG)
        #expect(try Store.open(path: elsewhere + "/target.sqlite", readOnly: true).trajectoryCount() == 0)
        #expect(try Store.open(path: link).trajectoryCount() == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: elsewhere)
        #expect(!names.contains { $0.contains(".creating-") })
        let loop = directory.path("loop.sqlite")
        #expect(symlink("loop.sqlite", loop) == 0)
        #expect(throws: StoreError.self) { try Store.open(path: loop, createIfMissing: true) }
        #expect(lstat(loop, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
    }

    /// QA: as root, in a directory without write permission bits, a store was created (root may write
    /// anywhere), then opened read-only (the bits, which even root respects here, say so), and the import
    /// refused it and left an empty store behind. Creation refuses such a directory up front.
    @Test func noStoreIsCreatedInAWriteProtectedDirectory() throws {
        let folder = directory.path("protected")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        #expect(chmod(folder, 0o555) == 0)
        defer { chmod(folder, 0o755) }
        let path = folder + "/new.sqlite"
        #expect(Store.isWriteProtected(directoryOf: path))
        #expect(
            throws: StoreError.cannotCreate(
                path: path, reason: "its directory \(folder) is write-protected; nothing was created")
        ) { try Store.open(path: path, createIfMissing: true) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func connectionsCreatingOneNewStoreAtOnceAllSucceed() throws {
        for round in 0..<10 {
            let path = directory.path("new-\(round).sqlite")
            let failures = Failures()
            let threads = (0..<6).map { _ in
                Thread {
                    do {
                        _ = try Store.open(path: path, createIfMissing: true).trajectoryCount()
                    } catch {
                        failures.add("\(error)")
                    }
                }
            }
            for thread in threads { thread.start() }
            while !threads.allSatisfy(\.isFinished) { usleep(1000) }
            #expect(failures.all.isEmpty, "round \(round)")
            #expect(try Store.open(path: path).check().isOK)
        }
    }
}

/// Errors collected from several threads.
private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [String] = []

    func add(_ error: String) {
        lock.withLock { errors.append(error) }
    }

    var all: [String] { lock.withLock { errors } }
}
