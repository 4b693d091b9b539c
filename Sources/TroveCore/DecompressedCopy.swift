#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A gzip or zstd file's content written out whole to a temporary file without a name, for a reader that
/// needs a file it can seek in: an Inspect `.eval` log (a zip archive) kept as `.eval.gz` or `.eval.zst`.
///
/// Contract:
/// - The temporary file is unlinked the moment it is created (in `$TMPDIR`, else `/tmp`), so no run,
///   however it ends, leaves it behind; while the copy lives it is reached through ``path``
///   (`/proc/self/fd/N`), and its space is freed once the copy and every file opened through it are closed.
/// - A stream cut short throws ``RecordReadError/truncated(path:line:offset:)``, corrupt data and a full
///   disk ``RecordReadError/readFailed(path:reason:)``, each naming the compressed file.
///
/// ```swift
/// let copy = try DecompressedCopy(of: "run.eval.gz")
/// let archive = try Archive(url: URL(fileURLWithPath: copy.path), accessMode: .read)
/// ```
public final class DecompressedCopy {
    /// Where the decompressed content is read while the copy lives.
    public let path: String
    private let descriptor: Int32

    /// Decompresses `source` into a new unnamed temporary file.
    ///
    /// - throws: ``RecordReadError`` naming `source`.
    public init(of source: String) throws(RecordReadError) {
        let directory = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((directory + "/trove-decompressed-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw .readFailed(path: source, reason: "cannot create a temporary file in \(directory): \(Self.lastError)")
        }
        unlink(String(cString: template))
        descriptor = fd
        path = "/proc/self/fd/\(fd)"
        try Self.decompress(source, into: fd)
    }

    deinit { close(descriptor) }

    /// Whether `path` is gzip or zstd data whose decompressed content starts with `prefix`; false for
    /// anything else, and for a file that cannot be read.
    public static func holds(_ prefix: [UInt8], path: String) -> Bool {
        guard path != "-" else { return false }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var input = [UInt8](repeating: 0, count: 1 << 16)
        let count = input.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
        guard count > 0, let decoder = try? Compression.decoder(for: input[0..<count]) else { return false }
        var output = [UInt8](repeating: 0, count: 1 << 16)
        var (consumed, produced) = (0, 0)
        // A header and the first block give the first bytes; a few steps stop on input that gives none.
        for _ in 0..<8 where produced < prefix.count && consumed < count {
            guard let step = try? decoder.decode(input[consumed..<count], into: &output, at: produced, path: path),
                step.consumed + step.produced > 0
            else { break }
            consumed += step.consumed
            produced += step.produced
        }
        return output[0..<produced].starts(with: prefix)
    }

    private static var lastError: String { String(cString: strerror(errno)) }

    /// Streams `source`, decompressed, into `fd`, a chunk at a time.
    private static func decompress(_ source: String, into fd: Int32) throws(RecordReadError) {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw .cannotOpen(path: source, reason: lastError) }
        defer { close(input) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var output = [UInt8](repeating: 0, count: 1 << 20)
        var decoder: (any StreamDecoder)?
        var written = 0
        var lines = 1
        while true {
            var count: Int
            repeat {
                count = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress!, $0.count) }
            } while count < 0 && errno == EINTR
            if count < 0 { throw .readFailed(path: source, reason: lastError) }
            if count == 0 {
                guard decoder?.isComplete == true else {
                    throw .truncated(path: source, line: lines, offset: written)
                }
                return
            }
            if decoder == nil {
                do {
                    decoder = try Compression.decoder(for: chunk[0..<count])
                } catch {
                    throw .readFailed(path: source, reason: error.reason)
                }
                guard decoder != nil else { throw .readFailed(path: source, reason: "is neither gzip nor zstd data") }
            }
            guard let decoder else { return }
            var consumed = 0
            while true {
                let (used, produced) = try decoder.decode(chunk[consumed..<count], into: &output, path: source)
                consumed += used
                try write(output[0..<produced], to: fd, source: source)
                written += produced
                lines += output[0..<produced].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
                // Done with the chunk once it is used up and the output had room to spare; stuck input
                // (the decoder wants more) waits for the next chunk.
                if used == 0 && produced == 0 { break }
                if consumed == count && produced < output.count { break }
            }
        }
    }

    private static func write(_ bytes: ArraySlice<UInt8>, to fd: Int32, source: String) throws(RecordReadError) {
        var offset = bytes.startIndex
        while offset < bytes.endIndex {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress!, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else {
                throw .readFailed(path: source, reason: "cannot write its decompressed copy: \(lastError)")
            }
            offset += written
        }
    }
}
