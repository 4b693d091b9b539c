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

    /// The chunked search misses no byte that needs an escape, next to bytes that differ from one by a
    /// bit (0x1F, 0x21, 0xA2, 0xDC): random runs of them, sixteen bytes and more, escape as one byte at a
    /// time does.
    @Test func chunkedSearchMissesNoEscape() {
        var generator = SeededGenerator(seed: 3)
        let interesting: [UInt8] = [0x00, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xA2, 0xDC, 0xFF]
        for _ in 0..<2000 {
            let count = Int.random(in: 16...40, using: &generator)
            var bytes = (0..<count).map { _ in interesting.randomElement(using: &generator)! }
            if Bool.random(using: &generator) { bytes[Int.random(in: 0..<count, using: &generator)] = 0x41 }
            var written: [UInt8] = []
            bytes.withUnsafeBufferPointer { JSONWriter.writeEscaped($0, into: &written) }
            var expected: [UInt8] = []
            for byte in bytes {
                if byte < 0x20 || byte == 0x22 || byte == 0x5C {
                    [byte].withUnsafeBufferPointer { JSONWriter.writeEscaped($0, into: &expected) }
                } else {
                    expected.append(byte)
                }
            }
            #expect(written == expected, "\(bytes)")
        }
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
