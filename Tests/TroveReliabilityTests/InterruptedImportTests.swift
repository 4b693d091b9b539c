import Foundation
import GRDB
import Testing
import TroveCore
import TrovePostgres
import TroveTestSupport

/// An import stopped by Ctrl-C (SIGINT) or killed (SIGKILL), run as the binary on SQLite and (when a
/// server is set) PostgreSQL: Ctrl-C stops it at a batch boundary with exit 130, a message naming what
/// was committed and how to resume, no file left behind and a store that passes `trove check`; the
/// check notes a run that did not finish, naming its file, until the same import completes it: as in
/// progress while the importing process lives, as interrupted once it died.
@Suite(.serialized) struct InterruptedImportTests {
    private let directory = TemporaryDirectory()
    static let total = 4000

    static var backends: [String] { TestPostgres.url == nil ? ["sqlite"] : ["sqlite", "postgres"] }

    /// A synthetic JSONL input of ``total`` records (about 16 MB), written once per test.
    private func input() throws -> String {
        let path = directory.path("synth.jsonl")
        var generator = SyntheticTrajectories(seed: 3)
        var bytes: [UInt8] = []
        for _ in 0..<Self.total { bytes += generator.next() + [0x0A] }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A new store on `backend`: a file in a directory of its own, or a schema of the test server.
    private func store(_ backend: String) throws -> (store: String, folder: String) {
        let folder = directory.path("store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return (backend == "sqlite" ? folder + "/store.sqlite" : TestPostgres.storeURL(), folder)
    }

    /// How many trajectories the store holds now (0 before it exists).
    private func stored(_ store: String) -> Int {
        if store.hasPrefix("postgresql:") {
            let count = try? PostgresConnection(url: store).execute("SELECT count(*) FROM trajectory").integer(0, 0)
            return Int((count ?? 0) ?? 0)
        }
        // Read only, and only once the store exists: opening a missing path for writing would create a
        // file the import then refuses as not a store.
        guard FileManager.default.fileExists(atPath: store) else { return 0 }
        var reading = Configuration()
        reading.readonly = true
        let count = try? DatabaseQueue(path: store, configuration: reading).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM trajectory")
        }
        return (count ?? 0) ?? 0
    }

    /// Starts the import, waits until it has committed records (or has written a few megabytes of a new
    /// store file), sends SIGINT, and checks the stop.
    @Test(arguments: backends)
    func ctrlCStopsAtABatchBoundaryAndTheSameCommandResumes(backend: String) throws {
        let input = try input()
        let (store, folder) = try store(backend)
        let log = directory.path("interrupted.log")
        let arguments = ["import", "--store", store, "--batch-size", "200", input]
        // A child inherits an ignored SIGINT (this runner started in the background of a shell that is not
        // interactive), and `trove import` keeps it ignored: the child gets the default, as from a terminal.
        signal(SIGINT, SIG_DFL)
        let process = try TroveProcess(arguments, log: log)
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning, Date() < deadline, !hasStarted(store) { usleep(50_000) }
        let sent = Date()
        process.interrupt()
        let outcome = process.wait(limit: 120)
        let stop = Date().timeIntervalSince(sent)
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(outcome == .exited(130), "\(output)")
        let message = try #require(
            output.split(separator: "\n").first { $0.hasPrefix("trove: interrupted: stopped at the end of a batch; ") },
            "\(output)")
        #expect(message.contains("running the same command again resumes"), "\(message)")
        let committed = Int(message.split(separator: ";")[1].split(separator: " ")[0]) ?? -1
        #expect(committed >= 0 && committed < Self.total && committed % 200 == 0, "\(message)")
        #expect(stored(store) == committed)
        // No scratch file of the search index build, no hot journal: only the store and its WAL files.
        if backend == "sqlite" {
            let left = try FileManager.default.contentsOfDirectory(atPath: folder).filter {
                !["store.sqlite", "store.sqlite-wal", "store.sqlite-shm", "store.sqlite.rejects.jsonl"].contains($0)
            }
            #expect(left.isEmpty, "\(left)")
        }
        let check = try TroveBinary.run(["check", "--store", store])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("note: import run 1 of \(input), started "), "\(check.stdout)")
        let again = try TroveBinary.run(arguments)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("added      \(Self.total - committed)\n"), "\(again.stdout)")
        let after = try TroveBinary.run(["check", "--store", store])
        #expect(after.status == 0 && !after.stdout.contains("note:"), "\(after.stdout)")
        print(
            "reliability: Ctrl-C stopped `trove import` on \(backend) in \(String(format: "%.2f", stop)) s with "
                + "\(committed) of \(Self.total) records committed; the store passed the check, the rerun added the rest"
        )
    }

    /// An import killed outright leaves its run unfinished: `trove check` passes (exit 0) and notes the
    /// run as interrupted, naming its file; the same import completes it, the note goes, and no lock
    /// file of a run is left beside a SQLite store.
    @Test(arguments: backends)
    func aKilledImportIsNotedByTheCheckUntilTheSameImportCompletesIt(backend: String) throws {
        let input = try input()
        let (store, folder) = try store(backend)
        let arguments = ["import", "--store", store, "--batch-size", "200", "--quiet", input]
        let process = try TroveProcess(arguments)
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning, Date() < deadline, !hasStarted(store) { usleep(50_000) }
        process.kill()
        #expect(process.wait() == .killed(SIGKILL))
        let check = try TroveBinary.run(["check", "--store", store])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let note = try #require(check.stdout.split(separator: "\n").first { $0.hasPrefix("note: ") }, "\(check.stdout)")
        #expect(note.contains("import run 1 of \(input), started "), "\(note)")
        #expect(note.contains("was interrupted") && note.contains("running the same import again completes it"))
        #expect(try TroveProcess.run(arguments) == .exited(0))
        let after = try TroveBinary.run(["check", "--store", store])
        #expect(after.status == 0 && !after.stdout.contains("note:"), "\(after.stdout)")
        let left = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".import-") }
        #expect(left.isEmpty, "\(left)")
    }

    /// An import that is still running (waiting on its standard input after committing records) is
    /// noted by `trove check` in another process as in progress, not as interrupted; once it has read
    /// the rest and ended, the note goes.
    @Test(arguments: backends)
    func aRunningImportIsNotedAsInProgress(backend: String) throws {
        let (store, _) = try store(backend)
        let (importer, input) = try TroveBinary.startImportFromPipe(store: store)
        input.fileHandleForWriting.write(Data((0..<2).map { Corpus.record($0) + "\n" }.joined().utf8))
        let deadline = Date(timeIntervalSinceNow: 60)
        while stored(store) != 2, Date() < deadline { usleep(50_000) }
        #expect(stored(store) == 2)
        let check = try TroveBinary.run(["check", "--store", store])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let note = try #require(check.stdout.split(separator: "\n").first { $0.hasPrefix("note: ") }, "\(check.stdout)")
        #expect(note.hasPrefix("note: import run 1 of -, started ") && note.hasSuffix(", is in progress"), "\(note)")
        #expect(importer.isRunning)
        input.fileHandleForWriting.write(Data((2..<4).map { Corpus.record($0) + "\n" }.joined().utf8))
        try input.fileHandleForWriting.close()
        importer.waitUntilExit()
        #expect(importer.terminationStatus == 0)
        let after = try TroveBinary.run(["check", "--store", store])
        #expect(after.status == 0 && !after.stdout.contains("note:"), "\(after.stdout)")
        print("reliability: `trove check` on \(backend) noted a running import as in progress, not interrupted")
    }

    /// Whether the import into `store` has got going: records committed, or a new store file grown past
    /// the few hundred kilobytes its schema takes.
    private func hasStarted(_ store: String) -> Bool {
        if store.hasPrefix("postgresql:") { return stored(store) > 0 }
        let size = (try? FileManager.default.attributesOfItem(atPath: store)[.size] as? NSNumber)?.intValue ?? 0
        return size > 3_000_000
    }
}
