import Testing

@testable import TroveCore

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func matchesTheStandardVectors(message: String, digest: String) {
        #expect(SHA256.hash(Array(message.utf8)).hexString == digest)
    }

    @Test func incrementalUpdatesMatchOneShot() {
        let bytes = Array(String(repeating: "0123456789", count: 100).utf8)
        var hasher = SHA256()
        for chunk in stride(from: 0, to: bytes.count, by: 37) {
            hasher.update(bytes[chunk..<min(bytes.count, chunk + 37)])
        }
        #expect(hasher.finalize() == SHA256.hash(bytes))
    }

    /// The SHA instructions (where the processor has them) and the portable rounds agree on every
    /// length around the block and padding boundaries, in one call and fed in uneven pieces.
    @Test func hardwareAndPortableBlocksAgree() {
        var generator = SeededGenerator(seed: 17)
        let bytes = (0..<5000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for length in Array(0...200) + [1000, 4095, 4096, 4097, 5000] {
            let message = bytes[0..<length]
            var hardware = SHA256(usesHardware: true)
            var portable = SHA256(usesHardware: false)
            for start in stride(from: 0, to: length, by: 53) {
                hardware.update(message[start..<min(length, start + 53)])
            }
            portable.update(message)
            #expect(hardware.finalize() == portable.finalize(), "length \(length)")
        }
        #expect(
            SHA256.hash(Array("abc".utf8)).hexString
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
