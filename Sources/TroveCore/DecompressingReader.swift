#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The content of a file, or of standard input (`-`), read a chunk at a time: gzip and zstd data (told by
/// their magic bytes) decompressed, anything else as it is. The one read loop for input: ``RecordReader``
/// cuts records from what it gives, ``DecompressedCopy`` writes it out whole.
///
/// Contract:
/// - ``read(into:truncated:)`` puts the next bytes of content at the start of its buffer and returns how
///   many, 0 only at the end of the content.
/// - Compressed input that ends before its stream does throws the error the caller's `truncated` makes
///   (the caller knows the line the content was cut in, and its offset); corrupt data and a failed
///   `read(2)` throw ``RecordReadError/readFailed(path:reason:)``.
/// - A stream (standard input, a pipe, a FIFO: ``StreamInput``) is read from the one descriptor the process
///   keeps for it, its bytes handed back by an earlier reader first; while ``peeked`` is not nil, every
///   byte read from it is appended to it.
///
/// Implementation note: uncompressed content is read by `read(2)` straight into the caller's buffer, so
/// the reader adds no copy to ``RecordReader``'s path; compressed bytes wait in `raw` until decoded.
final class DecompressingReader {
    /// The path given (`-` for standard input).
    let path: String
    /// Every byte read from the descriptor since it was set to `[]`: what a peek at a stream hands back.
    var peeked: [UInt8]?
    /// Whether the input is compressed (known after the first read).
    var isCompressed: Bool { decoder != nil }
    /// Whether the input is a stream (``StreamInput``), its bytes read once.
    var isStream: Bool { !ownsDescriptor }
    /// The descriptor the input is read from.
    let descriptor: Int32

    private let ownsDescriptor: Bool
    /// Set at the first read: the decoder of a compressed input.
    private var decoder: (any StreamDecoder)?
    private var sniffed = false
    /// Bytes read and not yet handed on, from `rawStart` on: compressed ones not yet decoded, or the
    /// first bytes of uncompressed input, read to tell.
    private var raw: [UInt8] = []
    private var rawStart = 0

    /// Opens `path` for reading; `-` reads standard input. A stream is read from the descriptor
    /// ``StreamInput`` keeps for it.
    ///
    /// - throws: ``RecordReadError/cannotOpen(path:reason:)`` (also for a directory).
    init(path: String) throws(RecordReadError) {
        self.path = path
        if let stream = try StreamInput.descriptor(for: path) {
            descriptor = stream
            ownsDescriptor = false
        } else {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
            var info = stat()
            if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                close(fd)
                throw .cannotOpen(path: path, reason: "is a directory")
            }
            descriptor = fd
            ownsDescriptor = true
        }
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// Reads the next bytes of content into `output` from its start (at most `output.count`, which must
    /// not be 0); 0 at the end of the content.
    ///
    /// - throws: what `truncated` returns when compressed input ends before its stream does;
    ///   ``RecordReadError/readFailed(path:reason:)`` for corrupt data or a failed read.
    func read(into output: inout [UInt8], truncated: () -> RecordReadError) throws(RecordReadError) -> Int {
        if !sniffed { try sniff(using: &output) }
        guard let decoder else {
            if rawStart < raw.count {
                let count = min(raw.count - rawStart, output.count)
                output.replaceSubrange(0..<count, with: raw[rawStart..<rawStart + count])
                rawStart += count
                if rawStart == raw.count { (raw, rawStart) = ([], 0) }
                return count
            }
            return try readDescriptor(into: &output)
        }
        while true {
            let (consumed, produced) = try decoder.decode(raw[rawStart...], into: &output, path: path)
            rawStart += consumed
            if produced > 0 { return produced }
            if consumed > 0, rawStart < raw.count { continue }
            raw.removeSubrange(0..<rawStart)
            rawStart = 0
            let count = try readDescriptor(into: &output)
            if count == 0 {
                guard decoder.isComplete else { throw truncated() }
                return 0
            }
            raw.append(contentsOf: output[0..<count])
        }
    }

    /// Reads the first bytes, at least the four the magic bytes take (a pipe may deliver fewer at
    /// first), into `raw`, and sets the decoder they call for.
    private func sniff(using buffer: inout [UInt8]) throws(RecordReadError) {
        sniffed = true
        while raw.count < 4 {
            let count = try readDescriptor(into: &buffer)
            if count == 0 { break }
            raw.append(contentsOf: buffer[0..<count])
        }
        do {
            decoder = try Compression.decoder(for: raw[...])
        } catch {
            throw .readFailed(path: path, reason: error.reason)
        }
    }

    /// One `read(2)` of the file as it is on disk into `buffer`; 0 at its end. A stream's bytes handed
    /// back come first.
    private func readDescriptor(into buffer: inout [UInt8]) throws(RecordReadError) -> Int {
        var readCount = 0
        buffer.withUnsafeMutableBytes { bytes in
            if !ownsDescriptor {
                readCount = StreamInput.take(from: descriptor, into: bytes)
                if readCount > 0 { return }
            }
            repeat {
                readCount = Glibc.read(descriptor, bytes.baseAddress!, bytes.count)
            } while readCount < 0 && errno == EINTR
        }
        if readCount < 0 { throw .readFailed(path: path, reason: String(cString: strerror(errno))) }
        peeked?.append(contentsOf: buffer[0..<readCount])
        return readCount
    }
}
