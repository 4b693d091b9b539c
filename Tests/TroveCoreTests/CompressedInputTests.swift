import Foundation
import Testing
import TroveTestSupport

@testable import TroveCore

/// gzip and zstd inputs, recognized by their magic bytes, read as the records they hold.
@Suite struct CompressedInputTests {
    private func records(_ path: String, layout: RecordReader.Layout = .records) throws -> [RawRecord] {
        let reader = try RecordReader(path: path, layout: layout)
        var found: [RawRecord] = []
        while let record = try reader.next() { found.append(record) }
        return found
    }

    @Test(arguments: ["gz", "zst"])
    func compressedFileReadsAsTheFileItHolds(suffix: String) throws {
        let plain = try records(Fixtures.url("agent-runs/tau-bench.json").path)
        let compressed = try records(Fixtures.url("agent-runs/tau-bench.json.\(suffix)").path)
        #expect(compressed == plain)
        #expect(compressed.count == 2)
    }

    @Test(arguments: ["gz", "zst"])
    func compressedStreamLongerThanManyChunksKeepsEveryLine(suffix: String) throws {
        let found = try records(Fixtures.url("general/chats-12000.jsonl.\(suffix)").path)
        #expect(found.count == 12000)
        #expect(found.map(\.line) == Array(1...12000))
        let last = try JSONParser.parse(found[11999].bytes).objectValue?["id"]
        #expect(last == .string("chat_11999"))
    }

    @Test func truncatedGzipIsAReadErrorNotAShortFile() throws {
        let path = Fixtures.url("hostile/truncated.json.gz").path
        #expect(throws: RecordReadError.self) { _ = try records(path) }
    }

    /// A copy cut short hands out every record whose line it holds whole, in order, then says where the
    /// data stops: the line after the last record, and the decompressed bytes before the cut.
    @Test(arguments: ["gz", "zst"])
    func aFileCutShortGivesItsWholeRecordsThenNamesTheCut(suffix: String) throws {
        let directory = TemporaryDirectory()
        let whole = try Data(contentsOf: Fixtures.url("general/chats-12000.jsonl.\(suffix)"))
        let path = directory.path("cut.jsonl.\(suffix)")
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: path))
        let all = try records(Fixtures.url("general/chats-12000.jsonl.\(suffix)").path)
        let reader = try RecordReader(path: path)
        var found: [RawRecord] = []
        let error = #expect(throws: RecordReadError.self) {
            while let record = try reader.next() { found.append(record) }
        }
        #expect(!found.isEmpty && found.count < all.count)
        #expect(found == Array(all.prefix(found.count)))
        guard case .truncated(let named, let line, let offset) = error else {
            Issue.record("not a truncation: \(String(describing: error))")
            return
        }
        #expect(named == path)
        #expect(line == found.count + 1)
        let next = all[found.count]
        #expect(offset >= next.offset && offset < next.offset + next.bytes.count + 1)
        #expect(error?.description.contains("cut.jsonl.\(suffix): truncated") == true)
        #expect(error?.description.contains("in line \(line)") == true)
    }

    /// A decompressed copy holds the file's content, through a path that names no file in the directory.
    @Test(arguments: ["gz", "zst"])
    func aDecompressedCopyHoldsTheContentUnderNoName(suffix: String) throws {
        let plain = try Data(contentsOf: Fixtures.url("agent-runs/tau-bench.json"))
        let path = Fixtures.url("agent-runs/tau-bench.json.\(suffix)").path
        let copy = try DecompressedCopy(of: path)
        #expect(copy.path.hasPrefix("/proc/self/fd/"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy.path)) == plain)
        #expect(DecompressedCopy.holds(Array("[\n  {".utf8), path: path))
        #expect(!DecompressedCopy.holds(Array("PK".utf8), path: path))
        #expect(!DecompressedCopy.holds(Array("[".utf8), path: Fixtures.url("agent-runs/tau-bench.json").path))
    }

    @Test func documentLayoutReadsTheWholeFileAsOneRecord() throws {
        let path = Fixtures.url("agent-runs/openhands-events.json").path
        let found = try records(path, layout: .document)
        #expect(found.count == 1)
        #expect(found[0].bytes == Array(try Data(contentsOf: URL(fileURLWithPath: path))).dropLast())
    }
}
