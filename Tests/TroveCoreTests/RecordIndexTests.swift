import Foundation
import Testing
import TroveTestSupport

@testable import TroveCore

#if canImport(Glibc)
    import Glibc
#endif

/// Records indexed once and read back by position, as a mix samples them.
@Suite struct RecordIndexTests {
    private let directory = TemporaryDirectory()

    /// QA: a compressed file's records were read back from its compressed bytes at their offsets in the
    /// decompressed content.
    @Test(arguments: ["gz", "zst"])
    func aCompressedFilesRecordsReadBackAsTheyWereRead(suffix: String) throws {
        let path = Fixtures.url("general/chats-12000.jsonl.\(suffix)").path
        let reader = try RecordReader(path: path)
        var expected: [RawRecord] = []
        while let record = try reader.next() { expected.append(record) }
        let index = try RecordIndex(paths: [path])
        #expect(index.count == 12000)
        for position in [0, 1, 4567, 11999] {
            #expect(try index.record(at: position) == expected[position])
        }
    }

    /// A named FIFO gives its bytes once, as standard input does, and is refused before it is opened
    /// (opening one with no writer would block).
    @Test func aNamedFIFOIsRefusedAsStandardInputIs() throws {
        let fifo = directory.path("records.fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        let error = #expect(throws: RecordReadError.self) { try RecordIndex(paths: [fifo]) }
        #expect(error?.description.contains("a pipe, like standard input, cannot be sampled") == true)
    }
}
