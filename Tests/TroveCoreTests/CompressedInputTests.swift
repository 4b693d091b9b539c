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

    @Test func documentLayoutReadsTheWholeFileAsOneRecord() throws {
        let path = Fixtures.url("agent-runs/openhands-events.json").path
        let found = try records(path, layout: .document)
        #expect(found.count == 1)
        #expect(found[0].bytes == Array(try Data(contentsOf: URL(fileURLWithPath: path))).dropLast())
    }
}
