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
}
