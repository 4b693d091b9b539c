/// FNV-1a, a 64-bit hash that is the same in every process and on every
/// machine (Swift's `hashValue` is seeded per process), for seeds and for
/// finding stored texts again.
public enum StableHash {
    public static func fnv1a(_ text: String) -> UInt64 {
        // Implementation note: over the contiguous bytes a native string holds, not its UTF-8 view's
        // iterator, which took three times the instructions (every message text is hashed at import).
        text.utf8.withContiguousStorageIfAvailable(fnv1a) ?? Array(text.utf8).withUnsafeBufferPointer(fnv1a)
    }

    /// The hash of `bytes`.
    ///
    /// Implementation note: indexed through the pointer; the buffer's iterator was left as a call per
    /// byte in the release build (a tenth of the hashing's samples).
    static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        guard let base = bytes.baseAddress else { return hash }
        for offset in 0..<bytes.count {
            hash ^= UInt64(base[offset])
            hash &*= 0x100_0000_01b3
        }
        return hash
    }
}
