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
}
