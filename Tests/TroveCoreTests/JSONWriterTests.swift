import Testing

@testable import TroveCore

@Suite struct JSONWriterTests {
    /// Escapes at the start, inside and at the end of a string, between runs copied whole, and
    /// non-ASCII text written as UTF-8.
    @Test(arguments: [
        ("", #""""#),
        ("plain", #""plain""#),
        ("\"quoted\"", #""\"quoted\"""#),
        ("a\\b\nc\rd\te\u{8}f\u{c}g", #""a\\b\nc\rd\te\bf\fg""#),
        ("\u{1b}[31mred\u{1}\u{1f}", #""\u001b[31mred\u0001\u001f""#),
        ("é 😀 \u{7f}", "\"é 😀 \u{7f}\""),
    ])
    func escapesOnlyWhatJSONRequires(text: String, json: String) throws {
        #expect(JSONWriter.string(.string(text)) == json)
        #expect(try JSONParser.parse(Array(json.utf8)) == .string(text))
    }

    /// The eight-byte test misses no byte that needs an escape, next to bytes that differ from one by a
    /// bit (0x1F, 0x21, 0xA2, 0xDC), for random words and each byte of the word in turn.
    @Test func wordTestMissesNoEscape() {
        var generator = SeededGenerator(seed: 3)
        let interesting: [UInt8] = [0x00, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xA2, 0xDC, 0xFF]
        for _ in 0..<2000 {
            var bytes = (0..<8).map { _ in interesting.randomElement(using: &generator)! }
            if Bool.random(using: &generator) { bytes[Int.random(in: 0..<8, using: &generator)] = 0x41 }
            let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            let needs = bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
            if needs { #expect(JSONWriter.mayNeedEscape(word), "\(bytes)") }
        }
        #expect(!JSONWriter.mayNeedEscape(0x4141_4141_4141_4141))
    }

    /// An escape at every offset of texts longer than a word comes out as the one-byte-at-a-time escaping
    /// wrote it.
    @Test func escapesAtEveryOffset() {
        for length in [7, 8, 9, 16, 17, 31] {
            for offset in 0..<length {
                for special in ["\"", "\\", "\n", "\u{1}", "é"] {
                    var characters = Array(repeating: "a", count: length)
                    characters[offset] = special
                    let text = characters.joined()
                    #expect(JSONWriter.string(.string(text)) == Self.oneByteAtATime(text), "\(length) \(offset)")
                }
            }
        }
    }

    private static func oneByteAtATime(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\u{1}": out += "\\u0001"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
