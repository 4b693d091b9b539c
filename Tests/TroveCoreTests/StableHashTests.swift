import Testing

@testable import TroveCore

@Suite struct StableHashTests {
    /// Stores hold these hashes (`message_text.hash`), so the function may never change: the published
    /// FNV-1a 64-bit vectors, and a text that is not ASCII.
    @Test(arguments: [
        ("", 0xcbf2_9ce4_8422_2325 as UInt64),
        ("a", 0xaf63_dc4c_8601_ec8c),
        ("foobar", 0x8594_4171_f739_67e8),
    ])
    func matchesThePublishedVectors(text: String, hash: UInt64) {
        #expect(StableHash.fnv1a(text) == hash)
    }

    @Test func hashesTheUTF8Bytes() {
        let text = "naïve 😀 " + String(repeating: "x", count: 100)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in Array(text.utf8) {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        #expect(StableHash.fnv1a(text) == hash)
        #expect(
            StableHash.fnv1a(String(text.dropFirst(2)))
                == StableHash.fnv1a("ïve 😀 " + String(repeating: "x", count: 100)))
    }
}
