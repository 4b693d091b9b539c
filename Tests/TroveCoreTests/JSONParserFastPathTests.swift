import Testing

@testable import TroveCore

/// The parser's fast paths (16-byte string scan, strings built straight from the input, escape decoding,
/// shared container stacks) at every position that changes which path runs: before, on and after the
/// 8- and 16-byte boundaries of the scan, and near the end of the input, where the scan goes byte by byte.
@Suite struct JSONParserFastPathTests {
    /// Offsets of a special byte from the opening quote that cross the scan's 8- and 16-byte boundaries.
    static let offsets = Array(0...40)

    /// `text` as the whole input and again followed by enough white space that the scan never runs out of
    /// input, so both the vector loop and the byte-by-byte tail see it.
    static func layouts(_ text: [UInt8]) -> [[UInt8]] {
        [text, text + Array(repeating: 0x20, count: 40)]
    }

    static func quoted(_ content: [UInt8]) -> [UInt8] { [0x22] + content + [0x22] }

    static func parse(_ bytes: [UInt8]) -> Result<JSONValue, JSONSyntaxError> {
        Result { () throws(JSONSyntaxError) -> JSONValue in try JSONParser.parse(bytes) }
    }

    @Test(arguments: [
        (#"\n"#, "\n"), (#"\""#, "\""), (#"\\"#, "\\"), (#"\/"#, "/"), (#"\t"#, "\t"), (#"\u00e9"#, "é"),
        (#"\u4e2d"#, "中"), (#"\ud83d\ude00"#, "😀"), (#"\u0000"#, "\u{0}"), (#"\ud800"#, "\u{FFFD}"),
    ])
    func decodesAnEscapeAtEveryOffset(escape: String, decoded: String) throws {
        for before in Self.offsets {
            for after in [0, 1, 7, 8, 15, 16, 17, 30] {
                let prefix = String(repeating: "a", count: before)
                let suffix = String(repeating: "b", count: after)
                let expected = JSONValue.string(prefix + decoded + suffix)
                for input in Self.layouts(Self.quoted(Array((prefix + escape + suffix).utf8))) {
                    #expect(try JSONParser.parse(input) == expected, "\(before) before, \(after) after")
                }
            }
        }
    }

    @Test func decodesManyEscapesInARow() throws {
        let escapes = [#"\n"#, #"\""#, #"\\"#, #"\u00e9"#, #"\ud83d\ude00"#, "x", "é", #"\t"#]
        var source = ""
        var expected = ""
        for index in 0..<300 {
            let escape = escapes[index % escapes.count]
            source += escape + String(repeating: "z", count: index % 19)
            expected += try #require(try JSONParser.parse(Array("\"\(escape)\"".utf8)).stringValue)
            expected += String(repeating: "z", count: index % 19)
        }
        for input in Self.layouts(Self.quoted(Array(source.utf8))) {
            #expect(try JSONParser.parse(input) == .string(expected))
        }
    }

    @Test(arguments: ["é", "中", "😀", "\u{7F}", "\u{80}", "\u{10FFFF}", "\u{FFFD}"])
    func keepsMultiByteScalarsAtEveryOffset(scalar: String) throws {
        for before in Self.offsets {
            for escaped in [false, true] {
                let prefix = String(repeating: "a", count: before)
                let text = prefix + scalar + (escaped ? #"\n"# : "") + "tail"
                let expected = prefix + scalar + (escaped ? "\n" : "") + "tail"
                for input in Self.layouts(Self.quoted(Array(text.utf8))) {
                    let value = try #require(try JSONParser.parse(input).stringValue)
                    #expect(value == expected)
                    #expect(Array(value.utf8) == Array(expected.utf8))
                    #expect(value.count == expected.count)
                }
            }
        }
    }

    static let invalidSequences: [[UInt8]] = [
        [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC2], [0xE0, 0x80, 0x80], [0xE0, 0xA0], [0xED, 0xA0, 0x80],
        [0xF0, 0x80, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xFE],
        [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xC3, 0x41],
    ]

    @Test func replacesInvalidUTF8AtEveryOffsetLikeStringDecoding() throws {
        for sequence in Self.invalidSequences {
            for before in Self.offsets {
                for escaped in [false, true] {
                    let prefix = Array(repeating: UInt8(ascii: "a"), count: before)
                    let content = prefix + sequence + (escaped ? Array(#"\t"#.utf8) : []) + Array("end".utf8)
                    let decoded = prefix + sequence + (escaped ? [0x09] : []) + Array("end".utf8)
                    let expected = JSONValue.string(String(decoding: decoded, as: UTF8.self))
                    for input in Self.layouts(Self.quoted(content)) {
                        #expect(try JSONParser.parse(input) == expected, "\(sequence) after \(before)")
                    }
                }
            }
        }
    }

    @Test func replacesInvalidUTF8RightBeforeTheClosingQuote() throws {
        for sequence in Self.invalidSequences {
            for input in Self.layouts(Self.quoted(Array("abc".utf8) + sequence)) {
                let expected = String(decoding: Array("abc".utf8) + sequence, as: UTF8.self)
                #expect(try JSONParser.parse(input) == .string(expected), "\(sequence)")
            }
        }
    }

    @Test func rejectsAControlCharacterAtEveryOffsetWithItsOffset() {
        for control: UInt8 in [0x00, 0x01, 0x0A, 0x1F] {
            for before in Self.offsets {
                for escaped in [false, true] {
                    let lead = escaped ? Array(#"x\n"#.utf8) : []
                    let content = lead + Array(repeating: UInt8(ascii: "a"), count: before) + [control, 0x62]
                    for input in Self.layouts(Self.quoted(content)) {
                        guard case .failure(let error) = Self.parse(input) else {
                            Issue.record("accepted control byte \(control) after \(before)")
                            continue
                        }
                        #expect(error.offset == 1 + lead.count + before)
                        #expect(error.reason.contains("unescaped control character"))
                    }
                }
            }
        }
    }

    @Test func acceptsDelAndHighBytesThatLookSpecialToAWordScan() throws {
        // 0x7F, 0xA2 and 0xDC differ from '"' (0x22) and '\' (0x5C) only in the high bit.
        let text = "\u{7F}\u{A2}\u{DC}" + String(repeating: "\u{7F}", count: 20)
        for input in Self.layouts(Self.quoted(Array(text.utf8))) {
            #expect(try JSONParser.parse(input) == .string(text))
        }
    }

    @Test(arguments: [
        (#""\ud83d\ude00""#, "😀"), (#""\ud83d""#, "\u{FFFD}"), (#""\ude00""#, "\u{FFFD}"),
        (#""\ud83d\u0041""#, "\u{FFFD}A"), (#""\ud83d\ud83d\ude00""#, "\u{FFFD}😀"), (#""\ud83dx""#, "\u{FFFD}x"),
        (#""\ud83d\n""#, "\u{FFFD}\n"), (#""\uDBFF\uDFFF""#, "\u{10FFFF}"), (#""\uD800\uDC00""#, "\u{10000}"),
    ])
    func decodesSurrogates(json: String, expected: String) throws {
        for input in Self.layouts(Array(json.utf8)) {
            #expect(try JSONParser.parse(input) == .string(expected))
        }
    }

    @Test(arguments: [
        (#""\ud83d\u12"#, "unterminated \\u escape"), (#""\ud83d\uzzzz""#, "invalid hex digit"),
        (#""abc\"#, "unterminated escape"), (#""\u12g4""#, "invalid hex digit"), (#""abc"#, "unterminated string"),
        (#""\q""#, "invalid escape '\\'q''"),
    ])
    func rejectsBrokenEscapesLikeTheReference(json: String, reason: String) {
        let bytes = Array(json.utf8)
        let result = Self.parse(bytes)
        #expect(result == Result { () throws(JSONSyntaxError) -> JSONValue in try ReferenceJSONParser.parse(bytes) })
        guard case .failure(let error) = result else {
            Issue.record("accepted \(json)")
            return
        }
        #expect(error.reason.contains(reason), "\(error)")
    }

    @Test func parsesLongStrings() throws {
        let plain = String(repeating: "The quick brown fox jumps over the lazy dog. ", count: 5000)
        #expect(try JSONParser.parse(Self.quoted(Array(plain.utf8))) == .string(plain))
        let mixed = String(repeating: "line é 中 😀 \"quoted\" \\ tab\t", count: 3000)
        #expect(try JSONParser.parse(Array(JSONWriter.string(.string(mixed)).utf8)) == .string(mixed))
    }

    @Test(arguments: [
        "0", "-0", "1", "-1", "0.5", "-0.0", "1e5", "1E5", "1e+5", "1E-5", "-1.25e-10",
        "123456789012345678901234567890",
        "1.7976931348623157e308", "5e-324", "0e0", "10000000000000000000000000000000000000000.000000000000001",
    ])
    func keepsNumberLexemesExactly(lexeme: String) throws {
        #expect(try JSONParser.parse(Array(lexeme.utf8)) == .number(lexeme))
        #expect(
            try JSONParser.parse(Array("[\(lexeme),\(lexeme)]".utf8)) == .array([.number(lexeme), .number(lexeme)]))
    }

    @Test(arguments: ["-", "+1", ".5", "1.", "1.e5", "1e", "1e+", "-a", "01", "1ee5", "0x10", "--1", "1.5.5"])
    func rejectsBadNumbersLikeTheReference(lexeme: String) {
        let bytes = Array(lexeme.utf8)
        let result = Self.parse(bytes)
        #expect(result == Result { () throws(JSONSyntaxError) -> JSONValue in try ReferenceJSONParser.parse(bytes) })
        if case .success = result { Issue.record("accepted \(lexeme)") }
    }

    @Test(arguments: [
        "true", "false", "null", "tru", "fals", "nul", "t", "trux", "falsx", "nulx", "fxlse", "trUe", "nUll",
        "[true,false,null]", "[tru]", "[falsee]", "{\"a\":nul}", "true1", "nulll",
    ])
    func parsesLiteralsLikeTheReference(json: String) {
        let bytes = Array(json.utf8)
        #expect(
            Self.parse(bytes)
                == Result { () throws(JSONSyntaxError) -> JSONValue in try ReferenceJSONParser.parse(bytes) })
    }

    @Test func nestsToTheLimitAndNoFurther() throws {
        for (open, close) in [("[", "]"), (#"{"k":"#, "}")] {
            let limit = JSONParser.maximumDepth
            let fine = String(repeating: open, count: limit) + "1" + String(repeating: close, count: limit)
            #expect(throws: Never.self) { try JSONParser.parse(Array(fine.utf8)) }
            let deep = String(repeating: open, count: limit + 1) + "1" + String(repeating: close, count: limit + 1)
            guard case .failure(let error) = Self.parse(Array(deep.utf8)) else {
                Issue.record("accepted \(limit + 1) levels of \(open)")
                continue
            }
            #expect(error.offset == limit * open.utf8.count)
            #expect(error.reason.contains("nesting deeper than"))
        }
        let mixed = String(repeating: #"{"a":["#, count: 100) + String(repeating: "]}", count: 100)
        var value = try JSONParser.parse(Array(mixed.utf8))
        for level in 0..<100 {
            let list = try #require(value.objectValue?["a"]?.arrayValue)
            if level == 99 {
                #expect(list.isEmpty)
            } else {
                value = try #require(list.first)
            }
        }
    }

    @Test func buildsLargeAndInterleavedContainers() throws {
        let elements = (0..<5000).map { JSONValue.number(String($0)) }
        let members = (0..<3000).map { JSONObject.Member(key: "k\($0 % 7)", value: .string("v\($0)")) }
        let nested: JSONValue = .array(
            (0..<200).map { index in
                .object(
                    JSONObject([
                        .init(key: "i", value: .number(String(index))),
                        .init(key: "list", value: .array(Array(elements.prefix(index)))),
                        .init(key: "empty", value: .object(JSONObject())), .init(key: "none", value: .array([])),
                    ]))
            })
        for value in [JSONValue.array(elements), .object(JSONObject(members)), nested] {
            #expect(try JSONParser.parse(Array(JSONWriter.string(value).utf8)) == value)
        }
    }

    @Test func failsCleanlyWithContainersOpen() {
        let inputs = [
            #"[["a", "b", {"c": [1, 2, "#, #"{"a": [{"b": "long string value here"}, {"c": tru"#,
            #"[1, 2, 3, {"k": "v", "k2": [null, false, "x"], "k3": }]"#, #"{"a": "x\u00"#,
        ]
        for input in inputs {
            let bytes = Array(input.utf8)
            let result = Self.parse(bytes)
            #expect(
                result == Result { () throws(JSONSyntaxError) -> JSONValue in try ReferenceJSONParser.parse(bytes) })
            if case .success = result { Issue.record("accepted \(input)") }
        }
    }

    @Test func parsesFromABufferInsideALargerOne() throws {
        let text = Array(#"xx{"a": "0123456789abcdefghij", "b": [1, 2]}yy"#.utf8)
        let value = try text.withUnsafeBufferPointer { buffer in
            try JSONParser.parse(UnsafeBufferPointer(rebasing: buffer[2..<(text.count - 2)]))
        }
        #expect(value.objectValue?["a"] == .string("0123456789abcdefghij"))
        #expect(value.objectValue?["b"] == .array([.number("1"), .number("2")]))
        #expect(throws: JSONSyntaxError(offset: 0, reason: "unexpected end of input, expected a value")) {
            try JSONParser.parse(UnsafeBufferPointer<UInt8>(start: nil, count: 0))
        }
    }
}
