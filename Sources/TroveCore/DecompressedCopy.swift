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
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        descriptor = fd
        path = "/proc/self/fd/\(fd)"
        try Self.decompress(source, into: fd)
    }

    deinit { close(descriptor) }

    /// Whether `path` is gzip or zstd data whose decompressed content starts with `prefix`; false for
    /// anything else, for a file that cannot be read, and for a stream (not read to tell).
    public static func holds(_ prefix: [UInt8], path: String) -> Bool {
        guard !StreamInput.isStream(path), let content = try? DecompressingReader(path: path) else { return false }
        var output = [UInt8](repeating: 0, count: 1 << 16)
        var first: [UInt8] = []
        // The content's first bytes; reading stops there, at its end, or at a cut or corrupt data.
        while first.count < prefix.count,
            let count = try? content.read(into: &output, truncated: { .truncated(path: path, line: 1, offset: 0) }),
            count > 0, content.isCompressed
        {
            first += output[0..<count]
        }
        return content.isCompressed && first.starts(with: prefix)
    }

    private static var lastError: String { String(cString: strerror(errno)) }

    /// Streams `source`, decompressed, into `fd`, a chunk at a time.
    private static func decompress(_ source: String, into fd: Int32) throws(RecordReadError) {
        let content = try DecompressingReader(path: source)
        var output = [UInt8](repeating: 0, count: 1 << 20)
        var written = 0
        var lines = 1
        while true {
            let produced = try content.read(into: &output) { .truncated(path: source, line: lines, offset: written) }
            guard content.isCompressed else { throw .readFailed(path: source, reason: "is neither gzip nor zstd data") }
            if produced == 0 { return }
            try write(output[0..<produced], to: fd, source: source)
            written += produced
            lines += output[0..<produced].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
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
