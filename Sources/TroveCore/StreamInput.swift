import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Inputs whose bytes can be read only once: standard input (`-`), and a path naming a pipe, a FIFO, a
/// socket or a character device (`<(…)`, `/dev/stdin`, `/dev/fd/3`, a named FIFO).
///
/// Contract:
/// - Such an input is opened once per process, the first time a reader asks for it, and stays open for
///   the process's life: a check that opens the inputs before an import creates anything, a peek at their
///   first bytes and the reader that imports them all read the one descriptor (a FIFO's writer is not
///   left waiting for a second open). Two paths naming the same pipe (`-` and `/dev/stdin`) share it.
/// - Bytes a reader read and handed back (``pushBack(_:to:)``) are what the next reader of the input
///   gets first, as they came off the descriptor (still compressed, if they were), before it reads on.
enum StreamInput {
    /// The device and inode that name one pipe, FIFO, socket or device, whatever path reached it.
    private struct Identity: Hashable {
        var device: UInt64
        var inode: UInt64

        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    private struct Streams {
        var descriptors: [Identity: Int32] = [:]
        var pending: [Int32: [UInt8]] = [:]
    }

    private static let streams = Mutex(Streams())

    /// Whether `path` is standard input (`-`) or names a pipe, FIFO, socket or character device (symbolic
    /// links followed, so `/dev/stdin` is what standard input is); false for a regular file, a directory
    /// and a path that is not there.
    static func isStream(_ path: String) -> Bool {
        guard path != "-" else { return true }
        var info = stat()
        return stat(path, &info) == 0 && Self.isStream(info)
    }

    private static func isStream(_ info: stat) -> Bool {
        [S_IFIFO, S_IFSOCK, S_IFCHR].contains(info.st_mode & S_IFMT)
    }

    /// The descriptor to read `path` from when it is a stream (``isStream(_:)``), opened the first time
    /// one is asked for and never closed; nil for anything else, which its reader opens itself.
    ///
    /// - throws: ``RecordReadError/cannotOpen(path:reason:)`` when the stream cannot be opened.
    static func descriptor(for path: String) throws(RecordReadError) -> Int32? {
        var info = stat()
        if path == "-" {
            // Standard input is descriptor 0 whatever it is; a pipe's identity lets `/dev/stdin` share it.
            if fstat(0, &info) == 0, isStream(info) {
                streams.withLock { $0.descriptors[Identity(info), default: 0] = 0 }
            }
            return 0
        }
        guard stat(path, &info) == 0, isStream(info) else { return nil }
        let identity = Identity(info)
        if let open = streams.withLock({ $0.descriptors[identity] }) { return open }
        // Opened outside the lock: a FIFO's open waits for its writer.
        let opened = open(path, O_RDONLY | O_CLOEXEC)
        guard opened >= 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        let kept = streams.withLock { streams in
            if let earlier = streams.descriptors[identity] { return earlier }
            streams.descriptors[identity] = opened
            return opened
        }
        if kept != opened { close(opened) }
        return kept
    }

    /// Puts `bytes` back in front of the unread bytes of the stream read from `descriptor`.
    static func pushBack(_ bytes: [UInt8], to descriptor: Int32) {
        guard !bytes.isEmpty else { return }
        streams.withLock { $0.pending[descriptor, default: []].insert(contentsOf: bytes, at: 0) }
    }

    /// Moves up to `buffer.count` pushed-back bytes of the stream read from `descriptor` into `buffer`;
    /// 0 when none are left.
    static func take(from descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        streams.withLock { streams in
            guard var bytes = streams.pending[descriptor] else { return 0 }
            let count = min(bytes.count, buffer.count)
            bytes.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            bytes.removeFirst(count)
            streams.pending[descriptor] = bytes.isEmpty ? nil : bytes
            return count
        }
    }
}
