import CSHA256

/// SHA-256 (FIPS 180-4), for record fingerprints and export manifests.
///
/// ```swift
/// var hash = SHA256()
/// hash.update(Array("abc".utf8))
/// hash.finalize().hexString  // "ba7816bf…"
/// ```
public struct SHA256: Sendable {
    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
    )
    private var pending: [UInt8] = []
    private var length: UInt64 = 0
    /// Whether blocks go through the processor's SHA instructions rather than the portable rounds.
    private let usesHardware: Bool

    /// Whether this processor has the SHA extensions (x86-64 SHA-NI) that hash blocks in hardware.
    static let hardwareAvailable = trove_sha256_hardware_available() != 0

    public init() {
        self.init(usesHardware: Self.hardwareAvailable)
    }

    /// A hasher that uses the SHA instructions only when `usesHardware` (and the processor has them):
    /// the tests compare both paths.
    init(usesHardware: Bool) {
        self.usesHardware = usesHardware && Self.hardwareAvailable
        pending.reserveCapacity(64)
    }

    /// The digest of `bytes` in one call.
    public static func hash(_ bytes: some Collection<UInt8>) -> Digest {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Adds bytes to the message.
    public mutating func update(_ bytes: some Collection<UInt8>) {
        if let done: Void = bytes.withContiguousStorageIfAvailable({ update(UnsafeRawBufferPointer($0)) }) {
            return done
        }
        update(Array(bytes))
    }

    /// Adds bytes to the message.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        length &+= UInt64(bytes.count)
        var offset = 0
        if !pending.isEmpty {
            let take = min(64 - pending.count, bytes.count)
            pending.append(contentsOf: bytes[0..<take])
            offset = take
            guard pending.count == 64 else { return }
            pending.withUnsafeBytes { compress($0.baseAddress!, blocks: 1) }
            pending.removeAll(keepingCapacity: true)
        }
        let blocks = (bytes.count - offset) / 64
        if blocks > 0 {
            compress(bytes.baseAddress! + offset, blocks: blocks)
            offset += 64 * blocks
        }
        pending.append(contentsOf: bytes[offset...])
    }

    /// Pads the message and returns its digest.
    public mutating func finalize() -> Digest {
        // Implementation note: the padding is built in one or two blocks on the stack and the digest
        // written word by word; growing arrays byte by byte took 7,000 instructions a digest, and an
        // import takes two digests a record (the record's and its task group's).
        let bitLength = length &* 8
        let blocks = pending.count < 56 ? 1 : 2
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { tail in
            let end = 64 * blocks
            _ = tail.initialize(fromContentsOf: pending)
            tail[pending.count] = 0x80
            for index in (pending.count + 1)..<(end - 8) { tail[index] = 0 }
            for byte in 0..<8 { tail[end - 8 + byte] = UInt8(truncatingIfNeeded: bitLength >> UInt64(56 - 8 * byte)) }
            compress(UnsafeRawPointer(tail.baseAddress!), blocks: blocks)
        }
        pending.removeAll(keepingCapacity: true)
        var bytes = [UInt8](repeating: 0, count: 32)
        withUnsafeBytes(of: state) { words in
            for index in 0..<8 {
                let word = words.load(fromByteOffset: 4 * index, as: UInt32.self)
                for byte in 0..<4 { bytes[4 * index + byte] = UInt8(truncatingIfNeeded: word >> (24 - 8 * byte)) }
            }
        }
        return Digest(bytes: bytes)
    }

    /// A 32-byte digest.
    public struct Digest: Sendable, Hashable {
        public var bytes: [UInt8]

        /// Lowercase hexadecimal, 64 characters.
        public var hexString: String {
            String(unsafeUninitializedCapacity: 2 * bytes.count) { out in
                for (index, byte) in bytes.enumerated() {
                    out[2 * index] = Self.hexDigit(byte >> 4)
                    out[2 * index + 1] = Self.hexDigit(byte & 0xF)
                }
                return 2 * bytes.count
            }
        }

        private static func hexDigit(_ value: UInt8) -> UInt8 {
            value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
        }
    }

    private static let k: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    /// `blocks` consecutive 64-byte blocks, through the SHA instructions when the processor has them
    /// (several times faster than the portable rounds: hashing every record was a fifth of an import's
    /// reading thread).
    private mutating func compress(_ start: UnsafeRawPointer, blocks: Int) {
        guard usesHardware else {
            for index in 0..<blocks { compress(start + 64 * index) }
            return
        }
        withUnsafeMutableBytes(of: &state) { words in
            trove_sha256_blocks(
                words.baseAddress!.assumingMemoryBound(to: UInt32.self), start.assumingMemoryBound(to: UInt8.self),
                blocks)
        }
    }

    /// One 64-byte block. The message schedule lives on the stack: allocating
    /// it per block made hashing five times slower.
    private mutating func compress(_ block: UnsafeRawPointer) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            for i in 0..<16 {
                w[i] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))
            }
            for i in 16..<64 {
                let s0 = rotate(w[i - 15], 7) ^ rotate(w[i - 15], 18) ^ (w[i - 15] >> 3)
                let s1 = rotate(w[i - 2], 17) ^ rotate(w[i - 2], 19) ^ (w[i - 2] >> 10)
                w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, h) = state
            Self.k.withUnsafeBufferPointer { k in
                for i in 0..<64 {
                    let s1 = rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)
                    let choice = (e & f) ^ (~e & g)
                    let t1 = h &+ s1 &+ choice &+ k[i] &+ w[i]
                    let s0 = rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)
                    let majority = (a & b) ^ (a & c) ^ (b & c)
                    let t2 = s0 &+ majority
                    (h, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
                }
            }
            state = (
                state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e, state.5 &+ f, state.6 &+ g,
                state.7 &+ h
            )
        }
    }

    private func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 {
        (value >> count) | (value << (32 - count))
    }
}
