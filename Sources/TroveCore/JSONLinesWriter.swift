#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes JSONL output to a file (or standard output for `-`) through a
/// buffer, counting lines and bytes and hashing what it writes, for manifests.
///
/// A file is written under a temporary name beside its destination and renamed
/// into place by ``finish()``, so a reader never sees half an export.
public final class JSONLinesWriter {
    /// The destination path, or `-`.
    public let path: String
    public private(set) var lines = 0
    public private(set) var bytes = 0
    private var hasher = SHA256()
    private var buffer: [UInt8] = []
    private let descriptor: Int32
    private let temporaryPath: String?
    /// The descriptor is closed (by ``finish()``): `deinit` must not close it again, since by then
    /// its number may name another file of this process.
    private var isClosed = false
    /// The file was moved into place: `deinit` leaves the temporary name alone.
    private var isMoved = false
    private static let flushSize = 1 << 20

    /// Opens `path` for writing (`-` is standard output).
    ///
    /// - throws: ``OutputError`` naming the path.
    public init(path: String) throws(OutputError) {
        self.path = path
        if path == "-" {
            descriptor = 1
            temporaryPath = nil
        } else {
            let temporary = path + ".partial"
            let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard fd >= 0 else { throw OutputError(path: path, reason: String(cString: strerror(errno))) }
            descriptor = fd
            temporaryPath = temporary
        }
        buffer.reserveCapacity(Self.flushSize + 65536)
    }

    deinit {
        guard let temporaryPath, !isMoved else { return }
        if !isClosed { close(descriptor) }
        unlink(temporaryPath)
    }

    /// Appends one line (a line break is added).
    public func write(line: [UInt8]) throws(OutputError) {
        buffer.append(contentsOf: line)
        buffer.append(0x0A)
        lines += 1
        if buffer.count >= Self.flushSize { try flush() }
    }

    /// Bytes handed to ``write(line:)`` so far, flushed or not.
    public var bytesWritten: Int { bytes + buffer.count }

    /// The SHA-256 of everything written, once ``finish()`` has run.
    public private(set) var sha256 = ""

    /// Flushes, closes and moves the file into place.
    public func finish() throws(OutputError) {
        try flush()
        sha256 = hasher.finalize().hexString
        if let temporaryPath {
            let synced = fsync(descriptor) == 0
            let syncError = errno
            let closed = close(descriptor) == 0
            isClosed = true
            guard synced, closed else {
                throw OutputError(path: path, reason: String(cString: strerror(synced ? errno : syncError)))
            }
            guard rename(temporaryPath, path) == 0 else {
                throw OutputError(path: path, reason: String(cString: strerror(errno)))
            }
            isMoved = true
        }
    }

    private func flush() throws(OutputError) {
        guard !buffer.isEmpty else { return }
        hasher.update(buffer)
        bytes += buffer.count
        var failure: Int32 = 0
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
        if failure != 0 { throw OutputError(path: path, reason: String(cString: strerror(failure))) }
    }
}

/// An output file that could not be written.
public struct OutputError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): cannot write: \(reason)" }
}
