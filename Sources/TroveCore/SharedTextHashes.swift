import Glibc

/// The FNV-1a hashes of the long texts one reading thread has hashed, so that a text many records repeat
/// (a task's system prompt, its in-context examples) is hashed once and afterwards only compared.
///
/// Contract: ``hash(of:)`` is `Int64(bitPattern: StableHash.fnv1a(text))` for every text, remembered or
/// not. Texts of at least ``shortest`` bytes are remembered until they hold ``budget`` bytes, then all are
/// forgotten and remembering starts again. One instance serves one thread.
///
/// Implementation note: FNV-1a multiplies once per byte, each multiplication waiting for the last, and
/// the shared texts of 200 MB of AgentInstruct-shaped input hold 95 MB, most of it the same few prompts:
/// hashing was a twentieth of the reading thread's time. Comparing a remembered text with `memcmp` reads
/// it at memory speed.
final class SharedTextHashes {
    /// The shortest text remembered: a shorter one is hashed faster than it is looked up.
    static let shortest = 256
    /// The bytes of text remembered at most.
    static let budget = 8 << 20

    /// Where a text is looked for: its length and its first and last eight bytes.
    private struct Key: Hashable {
        let count: Int
        let head: UInt64
        let tail: UInt64
    }

    private var known: [Key: [(text: String, hash: Int64)]] = [:]
    private var bytes = 0

    /// The text's FNV-1a hash, as a signed 64-bit integer (how the store keeps it).
    func hash(of text: String) -> Int64 {
        var utf8 = text
        return utf8.withUTF8 { bytes in
            guard bytes.count >= Self.shortest, let base = bytes.baseAddress else {
                return Int64(bitPattern: StableHash.fnv1a(bytes))
            }
            let key = Key(
                count: bytes.count, head: UnsafeRawPointer(base).loadUnaligned(as: UInt64.self),
                tail: UnsafeRawPointer(base + bytes.count - 8).loadUnaligned(as: UInt64.self))
            for candidate in known[key, default: []] where Self.equal(candidate.text, bytes) {
                return candidate.hash
            }
            let hash = Int64(bitPattern: StableHash.fnv1a(bytes))
            if self.bytes + bytes.count > Self.budget {
                known.removeAll(keepingCapacity: true)
                self.bytes = 0
            }
            known[key, default: []].append((text, hash))
            self.bytes += bytes.count
            return hash
        }
    }

    private static func equal(_ stored: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var stored = stored
        return stored.withUTF8 { stored in
            stored.count == bytes.count && memcmp(stored.baseAddress!, bytes.baseAddress!, bytes.count) == 0
        }
    }
}
