import Testing

@testable import TroveCore

@Suite struct JSONParserTests {
    private func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    @Test func keepsMemberOrderDuplicatesAndNumberLexemes() throws {
        let value = try parse(#"{"b": 1.0, "a": [true, null, -2e3], "b": "x"}"#)
        let object = try #require(value.objectValue)
        #expect(object.keys == ["b", "a", "b"])
        #expect(object["b"] == .number("1.0"))
        #expect(object["a"] == .array([.bool(true), .null, .number("-2e3")]))
    }

    @Test(arguments: [
        (#""a\"b\\c\/d\n\t\r\b\f""#, "a\"b\\c/d\n\t\r\u{08}\u{0C}"),
        (#""\u00e9\u4e2d\ud83d\ude00""#, "é中😀"),
        (#""\ud800x""#, "\u{FFFD}x"),
        (#""\u001b]0;title\u0007""#, "\u{1B}]0;title\u{07}"),
        ("\"caf\u{E9} \u{200B}\"", "café \u{200B}"),
    ])
    func decodesStrings(json: String, expected: String) throws {
        #expect(try parse(json) == .string(expected))
    }

    @Test func replacesInvalidUTF8WithReplacementCharacter() throws {
        let bytes: [UInt8] = [0x22, 0x61, 0xFF, 0x62, 0x22]
        #expect(try JSONParser.parse(bytes) == .string("a\u{FFFD}b"))
    }

    @Test(arguments: [
        ("", "unexpected end of input"),
        ("{", "expected a member name"),
        (#"{"a" 1}"#, "expected ':'"),
        ("[1,]", "expected a value"),
        ("[1 2]", "expected ',' or ']'"),
        ("01", "after the end of the value"),
        ("tru", "unexpected end of input in a literal"),
        ("\"a\nb\"", "unescaped control character"),
        (#""\x""#, "invalid escape"),
        ("1.", "expected a digit after the decimal point"),
        (#"{"a":1} x"#, "after the end of the value"),
    ])
    func rejectsMalformedJSON(json: String, reason: String) {
        #expect {
            try parse(json)
        } throws: { error in
            (error as? JSONSyntaxError)?.reason.contains(reason) == true
        }
    }

    @Test func refusesNestingDeeperThanTheLimitWithoutCrashing() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try parse(deep) }
        let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(throws: Never.self) { try parse(fine) }
    }

    @Test func writerOutputParsesBackToTheSameValue() throws {
        let value: JSONValue = .object([
            "text": .string("line\n\"quoted\" \\ \u{1B}[K tab\t é 中"), "n": .real(0.5), "one": .real(1),
            "list": .array([.null, .bool(false), .integer(3)]),
        ])
        let text = JSONWriter.string(value)
        #expect(try parse(text) == value)
        #expect(text.contains(#"\u001b[K"#))
    }
}
