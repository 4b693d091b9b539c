/// Sixteen bytes of a JSON string, searched at once for the bytes that end a run of plain characters: a
/// quote, a backslash or a control character (below 0x20).
struct StringChunk {
    /// The bytes, in input order.
    let bytes: SIMD16<UInt8>
    /// 0xFF in each lane that holds a special byte, 0x00 elsewhere, as two little-endian words.
    private let lanes: SIMD2<UInt64>

    /// The 16 bytes at `start`, which need not be aligned.
    @inline(__always)
    init(_ start: UnsafePointer<UInt8>) {
        bytes = UnsafeRawPointer(start).loadUnaligned(as: SIMD16<UInt8>.self)
        // Spelled out as typed constants: written inline in the comparisons, they compile to a loop over the
        // lanes instead of three vector compares.
        let quote = SIMD16<UInt8>(repeating: UInt8(ascii: "\""))
        let backslash = SIMD16<UInt8>(repeating: UInt8(ascii: "\\"))
        let space = SIMD16<UInt8>(repeating: 0x20)
        let special = bytes .== quote .| bytes .== backslash .| bytes .< space
        lanes = unsafeBitCast(special, to: SIMD2<UInt64>.self)
    }

    /// The index of the first special byte, if any. Testing the two words is cheaper than the generic `any`.
    @inline(__always)
    var firstSpecial: Int? {
        if lanes[0] != 0 { return lanes[0].trailingZeroBitCount >> 3 }
        if lanes[1] != 0 { return 8 + lanes[1].trailingZeroBitCount >> 3 }
        return nil
    }

    /// The bytes before index `end` (at most 16) OR-ed into one word, the others as zero: enough to tell
    /// whether any of them has its high bit set.
    @inline(__always)
    func before(_ end: Int) -> UInt64 {
        let words = unsafeBitCast(bytes, to: SIMD2<UInt64>.self)
        if end >= 8 { return words[0] | Self.low(words[1], bytes: end - 8) }
        return Self.low(words[0], bytes: end)
    }

    /// The lowest `bytes` bytes of `word` (`bytes` below 8).
    @inline(__always)
    private static func low(_ word: UInt64, bytes: Int) -> UInt64 {
        word & ((1 &<< UInt64(bytes &* 8)) &- 1)
    }
}
