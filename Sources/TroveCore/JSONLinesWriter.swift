#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes JSONL output to an ``OutputTarget`` through a buffer, counting lines
/// and bytes and hashing what it writes, for manifests.
///
/// A stream (`-`, a device, a FIFO, a socket) is written straight through. A
/// file is written to a ``TemporaryFile`` beside its destination; ``finish()``
/// completes it and ``OutputCommit/publish(_:)`` (or ``publish()``) renames it
/// into place, so a reader never sees half an export.
public final class JSONLinesWriter {
    /// The path as the user gave it, or `-`.
    public let path: String
    public let target: OutputTarget
    public private(set) var lines = 0
    public private(set) var bytes = 0
    private var hasher = SHA256()
    private var buffer: [UInt8] = []
    private let descriptor: Int32
    /// The file being written, for a file target.
    let temporary: TemporaryFile?
    /// A stream this writer opened (not standard output), closed by ``finish()`` or `deinit`.
    private var ownedStream: Int32?
    private var isFinished = false
    private static let flushSize = 1 << 20

    /// Opens `path` for writing (`-` is standard output); see ``OutputTarget/resolve(_:)``.
    ///
    /// - throws: ``OutputError`` naming the path.
    public convenience init(path: String) throws(OutputError) {
        try self.init(target: try OutputTarget.resolve(path))
    }

    /// Opens `target` for writing: a stream is opened as it is, a file gets its temporary.
    ///
    /// - throws: ``OutputError`` naming the path.
    public init(target: OutputTarget) throws(OutputError) {
        self.target = target
        path = target.path
        switch target {
        case .standardOutput:
            descriptor = 1
            temporary = nil
        case .stream(let path):
            let fd = try Self.openStream(path)
            descriptor = fd
            ownedStream = fd
            temporary = nil
        case .file(let path):
            let file = try TemporaryFile(for: path, shownPath: path)
            descriptor = file.descriptor
            temporary = file
        }
        buffer.reserveCapacity(Self.flushSize + 65536)
    }

    deinit {
        if let ownedStream { close(ownedStream) }
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

    /// Flushes everything written; a file's temporary is synced and closed
    /// (not yet in place), a stream this writer opened is closed. Running it
    /// again does nothing.
    public func finish() throws(OutputError) {
        guard !isFinished else { return }
        isFinished = true
        try flush()
        sha256 = hasher.finalize().hexString
        try temporary?.close(shownPath: path)
        if let ownedStream {
            self.ownedStream = nil
            guard close(ownedStream) == 0 else { throw .errno(path, .io, errno) }
        }
    }

    /// Finishes and renames the file into place (for a single output).
    public func publish() throws(OutputError) {
        try finish()
        try OutputCommit.publish([self])
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
        if failure != 0 { throw .errno(path, .io, failure) }
    }

    /// Opens a character device or FIFO for writing, or connects to a socket.
    private static func openStream(_ path: String) throws(OutputError) -> Int32 {
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFSOCK { return try connect(path) }
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .errno(path, .cannotCreate, errno) }
        return fd
    }

    private static func connect(_ path: String) throws(OutputError) -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw .errno(path, .cannotCreate, ENAMETOOLONG)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw .errno(path, .cannotCreate, errno) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            let code = errno
            close(fd)
            throw .errno(path, .cannotCreate, code)
        }
        return fd
    }
}
