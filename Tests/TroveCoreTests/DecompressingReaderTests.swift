import Foundation
import Testing
import TroveTestSupport

@testable import TroveCore

/// The one read loop for input: plain bytes as they are, gzip and zstd decompressed, whatever the size
/// of the buffer the caller reads into, and a compressed stream cut short as the caller's error.
@Suite struct DecompressingReaderTests {
    /// Everything `path` holds, read through a buffer of `size` bytes.
    private func content(_ path: String, size: Int) throws -> [UInt8] {
        let reader = try DecompressingReader(path: path)
        var buffer = [UInt8](repeating: 0, count: size)
        var content: [UInt8] = []
        while true {
            let count = try reader.read(into: &buffer) { .readFailed(path: path, reason: "cut short") }
            if count == 0 { return content }
            content += buffer[0..<count]
        }
    }

    @Test(arguments: [3, 4096, 1 << 20])
    func plainAndCompressedFilesGiveTheSameBytesThroughAnyBuffer(size: Int) throws {
        let plain = try content(Fixtures.url("agent-runs/tau-bench.json").path, size: size)
        #expect(plain == Array(try Data(contentsOf: Fixtures.url("agent-runs/tau-bench.json"))))
        for suffix in ["gz", "zst"] {
            #expect(try content(Fixtures.url("agent-runs/tau-bench.json.\(suffix)").path, size: size) == plain)
        }
    }

    @Test func aStreamCutShortThrowsTheCallersError() throws {
        let path = Fixtures.url("hostile/truncated.json.gz").path
        #expect(throws: RecordReadError.readFailed(path: path, reason: "cut short")) {
            _ = try content(path, size: 4096)
        }
    }

    @Test func aDirectoryCannotBeOpened() throws {
        let directory = TemporaryDirectory()
        #expect(throws: RecordReadError.cannotOpen(path: directory.url.path, reason: "is a directory")) {
            _ = try DecompressingReader(path: directory.url.path)
        }
    }
}
