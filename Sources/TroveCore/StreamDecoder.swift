import CGzip
import CZstd

/// Decompresses a stream chunk by chunk, for ``DecompressingReader``'s transparent
/// `.gz` and `.zst` inputs, recognized by their magic bytes.
protocol StreamDecoder: AnyObject {
    /// Decodes from `input` into `output`.
    ///
    /// - returns: how many input bytes were consumed and how many output bytes produced.
    /// - throws: a description of the corruption.
    func decode(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer
    ) throws(StreamDecodeError) -> (consumed: Int, produced: Int)
    /// Whether the input read so far ends on a complete stream (a truncated file does not).
    var isComplete: Bool { get }
}

extension StreamDecoder {
    /// Decodes from `input` into `output` from its start, a corruption thrown as
    /// ``RecordReadError/readFailed(path:reason:)`` naming the input's `path`.
    ///
    /// - returns: how many input bytes were consumed and how many output bytes produced.
    func decode(
        _ input: ArraySlice<UInt8>, into output: inout [UInt8], path: String
    ) throws(RecordReadError) -> (consumed: Int, produced: Int) {
        let result = input.withUnsafeBytes { inputBytes in
            output.withUnsafeMutableBytes { outputBytes in
                Result { () throws(StreamDecodeError) in
                    try decode(inputBytes, into: outputBytes)
                }
            }
        }
        switch result {
        case .success(let counts): return counts
        case .failure(let error): throw .readFailed(path: path, reason: error.reason)
        }
    }
}

/// Why compressed input could not be decoded.
struct StreamDecodeError: Error {
    var reason: String
}

enum Compression {
    /// The decoder for a stream starting with `prefix`, or `nil` for uncompressed input.
    static func decoder(for prefix: ArraySlice<UInt8>) throws(StreamDecodeError) -> (any StreamDecoder)? {
        if prefix.starts(with: [0x1F, 0x8B]) { return try GzipDecoder() }
        if prefix.starts(with: [0x28, 0xB5, 0x2F, 0xFD]) { return try ZstdDecoder() }
        return nil
    }
}

/// gzip through zlib, member after member (`cat a.gz b.gz` is one stream).
final class GzipDecoder: StreamDecoder {
    private var stream = z_stream()
    private(set) var isComplete = false

    init() throws(StreamDecodeError) {
        // 15 + 16: a gzip header, the largest window.
        guard trove_inflate_init(&stream, 15 + 16) == Z_OK else { throw StreamDecodeError(reason: "zlib init failed") }
    }

    deinit { inflateEnd(&stream) }

    func decode(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer
    ) throws(StreamDecodeError) -> (consumed: Int, produced: Int) {
        if isComplete, !input.isEmpty {
            inflateReset(&stream)
            isComplete = false
        }
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(input.count)
        stream.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(output.count)
        let status = inflate(&stream, Z_NO_FLUSH)
        let consumed = input.count - Int(stream.avail_in)
        let produced = output.count - Int(stream.avail_out)
        switch status {
        case Z_OK, Z_BUF_ERROR: break
        case Z_STREAM_END: isComplete = true
        default:
            let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
            throw StreamDecodeError(reason: "corrupt gzip data: \(message)")
        }
        return (consumed, produced)
    }
}

/// zstd, frame after frame.
final class ZstdDecoder: StreamDecoder {
    private let stream: OpaquePointer
    private(set) var isComplete = false

    init() throws(StreamDecodeError) {
        guard let stream = ZSTD_createDStream() else { throw StreamDecodeError(reason: "zstd init failed") }
        self.stream = stream
    }

    deinit { ZSTD_freeDStream(stream) }

    func decode(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer
    ) throws(StreamDecodeError) -> (consumed: Int, produced: Int) {
        var source = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
        var target = ZSTD_outBuffer(dst: output.baseAddress, size: output.count, pos: 0)
        let result = ZSTD_decompressStream(stream, &target, &source)
        if ZSTD_isError(result) != 0 {
            throw StreamDecodeError(reason: "corrupt zstd data: \(String(cString: ZSTD_getErrorName(result)))")
        }
        if source.pos > 0 || target.pos > 0 { isComplete = result == 0 }
        return (source.pos, target.pos)
    }
}
