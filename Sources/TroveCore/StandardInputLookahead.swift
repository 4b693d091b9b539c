import Synchronization

/// Bytes taken from standard input before its reader started, handed back to that reader first.
///
/// Standard input cannot be read twice: a check that must see its first bytes before anything is
/// created (``RecordReader/startsWithDatabase(_:)`` refusing a piped database before the store opens)
/// reads them here, and the ``RecordReader`` of `-` that imports the input reads them again from here,
/// as they came off the pipe (still compressed, if they were), before reading on from the descriptor.
enum StandardInputLookahead {
    private static let pending = Mutex<[UInt8]>([])

    /// Puts `bytes` back in front of standard input's unread bytes.
    static func pushBack(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        pending.withLock { $0.insert(contentsOf: bytes, at: 0) }
    }

    /// Moves up to `buffer.count` pushed-back bytes into `buffer`; 0 when none are left.
    static func take(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        pending.withLock { bytes in
            let count = min(bytes.count, buffer.count)
            guard count > 0 else { return 0 }
            bytes.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            bytes.removeFirst(count)
            return count
        }
    }
}
