import Foundation
import Testing
import TroveCore
import TroveTestSupport

/// Inputs that are not plain or not whole, on both backends: an Inspect `.eval` log kept compressed reads
/// as the log, a compressed file cut short keeps the records before the cut and names the cut, and a file
/// holding no records is listed as empty.
@Suite struct ImportDamagedInputContractTests {
    private let directory = TemporaryDirectory()

    /// The first half of a compressed fixture, and the records a reader gets from it before the cut.
    private func cutShort(_ name: String) throws -> (path: String, whole: [RawRecord]) {
        let bytes = try Data(contentsOf: Fixtures.url(name))
        let path = directory.path("cut-" + (name as NSString).lastPathComponent)
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
        let reader = try RecordReader(path: path)
        var whole: [RawRecord] = []
        do {
            while let record = try reader.next() { whole.append(record) }
        } catch {}
        return (path, whole)
    }

    /// The records read whole before the cut are committed even in a batch the cut ends (the default
    /// batch holds more records than the cut file), the file after it is read, and the summary carries
    /// the truncation; importing again skips what was stored and names the cut again.
    @Test(arguments: TestBackend.available)
    func aFileCutShortKeepsTheRecordsBeforeTheCut(backend: TestBackend) throws {
        let store = try BackendStore(backend)
        let (path, whole) = try cutShort("general/chats-12000.jsonl.zst")
        #expect(whole.count > 100)
        let after = Fixtures.url("dialects/os.json").path
        let summary = try store.importFiles([path, after], batchSize: 20_000)
        #expect(summary.added == whole.count + 2)
        #expect(!summary.isClean)
        guard case .truncated(let named, let line, _) = summary.truncated.first else {
            Issue.record("no truncation in \(summary)")
            return
        }
        #expect(named == path && line == whole.count + 1 && summary.truncated.count == 1)
        #expect(try store.rows("SELECT count(*) FROM trajectory") == [[String(whole.count + 2)]])
        #expect(try store.check().isOK)
        let again = try store.importFiles([path])
        #expect(again.added == 0 && again.skipped == whole.count && again.truncated.count == 1)
    }

    /// `run.eval.gz` and `run.eval.zst` read as the zip archive they hold: the same samples, bytes and
    /// task as `run.eval` (skipped as identical after it), reported under the compressed file's name.
    @Test(arguments: TestBackend.available)
    func aCompressedEvalLogReadsAsTheLog(backend: TestBackend) throws {
        let plain = Fixtures.url("agent-runs/inspect.eval").path
        for suffix in ["gz", "zst"] {
            let store = try BackendStore(backend)
            let compressed = try store.importFiles([plain + "." + suffix])
            #expect(compressed.added > 0 && compressed.rejectedCount == 0 && compressed.isClean)
            let files = try store.rows("SELECT DISTINCT source_file FROM trajectory")
            #expect(files.allSatisfy { $0[0]?.hasPrefix(plain + ".\(suffix):samples/") == true }, "\(files)")
            let again = try store.importFiles([plain])
            #expect(again.added == 0 && again.skipped == compressed.added)
        }
    }

    /// A compressed `.eval` log cut short is a truncation (its zip index is at its end, so no sample can be
    /// read), and the import goes on with the next file.
    @Test(arguments: TestBackend.available)
    func aCompressedEvalLogCutShortIsATruncation(backend: TestBackend) throws {
        let store = try BackendStore(backend)
        let bytes = try Data(contentsOf: Fixtures.url("agent-runs/inspect.eval.gz"))
        let path = directory.path("cut.eval.gz")
        try bytes.prefix(bytes.count - 20).write(to: URL(fileURLWithPath: path))
        let summary = try store.importFiles([path, Fixtures.url("dialects/os.json").path])
        #expect(summary.added == 2)
        guard case .truncated(let named, _, _) = summary.truncated.first else {
            Issue.record("no truncation in \(summary)")
            return
        }
        #expect(named == path)
    }

    /// A file of no bytes, and one of blank lines, import nothing, cleanly, and are listed as empty.
    @Test(arguments: TestBackend.available)
    func aFileWithoutRecordsIsListedAsEmpty(backend: TestBackend) throws {
        let store = try BackendStore(backend)
        let empty = directory.path("empty.jsonl")
        let blank = directory.path("blank.json")
        try Data().write(to: URL(fileURLWithPath: empty))
        try Data("\n  \n\t\r\n\n".utf8).write(to: URL(fileURLWithPath: blank))
        let os = Fixtures.url("dialects/os.json").path
        let summary = try store.importFiles([empty, os, blank])
        #expect(summary.emptyFiles == [empty, blank])
        #expect(summary.isClean && summary.added == 2)
    }
}
