import Foundation
import Testing
import TroveTestSupport

/// `trove import` of inputs that are not whole, run as the binary, on SQLite and (when a server is set)
/// PostgreSQL: a compressed file cut short, and files that hold no records.
@Suite struct ImportDamagedInputTests {
    private let directory = TemporaryDirectory()

    /// The stores a case runs on: a file, and a schema of the test server when one is set.
    static var stores: [String] { TestPostgres.url == nil ? ["sqlite"] : ["sqlite", "postgres"] }

    private func store(_ backend: String) -> String {
        backend == "sqlite" ? directory.path("store.sqlite") : TestPostgres.storeURL()
    }

    private func trove(_ arguments: [String]) throws -> TroveBinary.Result {
        try TroveBinary.run(arguments, in: directory.url.path)
    }

    /// Exit 65 and a message naming the file, that it is cut short and where; the records before the cut
    /// are stored and listed in the summary, and `trove check` passes.
    @Test(arguments: stores)
    func aCompressedFileCutShortExits65NamingTheCut(backend: String) throws {
        let bytes = try Data(contentsOf: Fixtures.url("general/chats-12000.jsonl.gz"))
        let path = directory.path("chats.jsonl.gz")
        try bytes.prefix(bytes.count / 3).write(to: URL(fileURLWithPath: path))
        let store = store(backend)
        let result = try trove(["import", "--store", store, path])
        #expect(result.status == 65, "\(result.stderr)")
        let message = try #require(result.stderr.split(separator: "\n").first { $0.contains("truncated") })
        #expect(message.hasPrefix("trove: \(path): truncated: "), "\(message)")
        #expect(message.contains("in line "), "\(message)")
        #expect(result.stdout.contains("truncated  1 file"), "\(result.stdout)")
        #expect(!result.stdout.contains("added      0\n"), "\(result.stdout)")
        let check = try trove(["check", "--store", store])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    /// A compressed `.eval` log imports as the log, and one cut short exits 65 naming the cut; no
    /// decompressed copy is left in the temporary directory.
    @Test(arguments: stores)
    func aCompressedEvalLogImportsAndOneCutShortExits65(backend: String) throws {
        let temporary = directory.path("tmp")
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let bytes = try Data(contentsOf: Fixtures.url("agent-runs/inspect.eval.zst"))
        let cut = directory.path("cut.eval.zst")
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: cut))
        let store = store(backend)
        let whole = try TroveBinary.run(
            ["import", "--store", store, Fixtures.url("agent-runs/inspect.eval.zst").path],
            environment: ["TMPDIR": temporary], in: directory.url.path)
        #expect(whole.status == 0 && whole.stdout.contains("added      2\n"), "\(whole.stdout)\(whole.stderr)")
        let result = try TroveBinary.run(
            ["import", "--store", store, cut], environment: ["TMPDIR": temporary], in: directory.url.path)
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("trove: \(cut): truncated: "), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty)
    }

    /// Exit 0, and a warning on standard error naming each file that holds no records.
    @Test(arguments: stores)
    func aFileWithoutRecordsIsImportedWithAWarning(backend: String) throws {
        let empty = directory.path("empty.jsonl")
        let blank = directory.path("blank.jsonl")
        try Data().write(to: URL(fileURLWithPath: empty))
        try Data("\n \n\n".utf8).write(to: URL(fileURLWithPath: blank))
        let result = try trove(["import", "--store", store(backend), empty, blank])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("trove: warning: \(empty) holds no records"), "\(result.stderr)")
        #expect(result.stderr.contains("trove: warning: \(blank) holds no records"), "\(result.stderr)")
        let piped = try TroveBinary.run(["import", "--store", store(backend), "-"], stdin: "", in: directory.url.path)
        #expect(piped.status == 0 && piped.stderr.contains("standard input holds no records"), "\(piped.stderr)")
    }

    /// QA: a binary file (`/usr/bin/ls`, parquet) or UTF-16 JSONL gave one reject per "line" (118,081
    /// rejects and a 142 MB rejects file for a 39 MB binary). Each is refused at its first block, once,
    /// naming what it is; nothing of it is imported, the other files are, and the import exits 65. A zip
    /// `.eval` log with no samples says so.
    @Test(arguments: stores)
    func binaryDataAndWideTextAreRefusedOnceEach(backend: String) throws {
        let parquet = directory.path("data.parquet")
        try Data(Array("PAR1".utf8) + [0x15, 0x04, 0x00] + Array("\n{}\n".utf8)).write(
            to: URL(fileURLWithPath: parquet))
        let wide = directory.path("wide.jsonl")
        let line = try String(contentsOf: Fixtures.url("import/db-small.jsonl"), encoding: .utf8)
        try Data([0xFF, 0xFE] + Array(line.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).write(
            to: URL(fileURLWithPath: wide))
        let header = directory.write("header.json", #"{"eval": {"task": "t"}}"#)
        let zip = Process()
        zip.executableURL = URL(fileURLWithPath: "/usr/bin/zip")
        zip.arguments = ["-q", "-j", directory.path("empty.eval"), header]
        try zip.run()
        zip.waitUntilExit()
        let rejects = directory.path("rejects.jsonl")
        let good = Fixtures.url("agent-runs/miniswe.traj.json").path
        let result = try trove(
            [
                "import", "--store", store(backend), "--rejects", rejects, parquet, wide, directory.path("empty.eval"),
                good,
            ])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(
            result.stderr.contains(
                "trove: \(parquet): not JSON: binary data (parquet?); nothing was imported from it"), "\(result.stderr)"
        )
        #expect(result.stderr.contains("trove: \(wide): UTF-16 text; convert it to UTF-8"), "\(result.stderr)")
        #expect(result.stderr.contains("empty.eval holds no samples"), "\(result.stderr)")
        #expect(result.stdout.contains("added      1\n"), "\(result.stdout)")
        #expect(result.stdout.contains("rejected   0\n"), "\(result.stdout)")
        #expect(!FileManager.default.fileExists(atPath: rejects))
    }

    /// QA: rejects that could not be written (a full disk) were reported as written ("see rej.jsonl", a
    /// 0-byte file, exit 65); a rejected record's invalid UTF-8 was written as U+FFFD; `--rejects` in a
    /// directory that is not there was found out only at the first reject.
    @Test(arguments: stores)
    func rejectsAreWrittenAsReadOrTheFailureIsSaid(backend: String) throws {
        let bad = directory.path("bad.jsonl")
        try Data(Array(#"{"id": "caf"#.utf8) + [0xE9] + Array("\n".utf8)).write(to: URL(fileURLWithPath: bad))
        let rejects = directory.path("rejects.jsonl")
        let written = try trove(["import", "--store", store(backend), "--rejects", rejects, bad])
        #expect(written.status == 65, "\(written.stderr)")
        let line = try Data(contentsOf: URL(fileURLWithPath: rejects))
        #expect(line.range(of: Data(Array(#""record": "{\"id\": \"caf"#.utf8) + [0xE9])) != nil, "\(Array(line))")

        let full = try trove(["import", "--store", store(backend), "--rejects", "/dev/full", bad])
        #expect(full.status == 74, "\(full.stderr)")
        #expect(full.stdout.contains("rejected   1 (they could not be written to /dev/full: "), "\(full.stdout)")
        #expect(full.stderr.contains("trove: the rejects could not be written to /dev/full: "), "\(full.stderr)")

        let good = Fixtures.url("agent-runs/miniswe.traj.json").path
        let missing = try trove([
            "import", "--store", store(backend), "--rejects", directory.path("nope/r.jsonl"), good,
        ])
        #expect(missing.status == 73, "\(missing.stderr)")
        #expect(missing.stderr.contains("nope/r.jsonl: cannot create: No such file or directory"), "\(missing.stderr)")
        #expect(!missing.stdout.contains("added"))
    }
}
