import Testing
import TroveTestSupport
import TroveUI

@Suite struct TextWidthTests {
    init() { TestLocale.prepare() }

    @Test func localeIsUTF8() {
        #expect(TextWidth.prepareLocale())
    }

    @Test(
        arguments: [
            ("a", 1), ("é", 1), ("中", 2), ("😀", 2), ("\u{0301}", 0), ("\u{200B}", 0), ("？", 2), ("\u{1B}", -1),
        ] as [(Unicode.Scalar, Int)])
    func scalarWidth(scalar: Unicode.Scalar, expected: Int) {
        #expect(TextWidth.width(of: scalar) == expected)
    }

    @Test(arguments: [
        ("", 0), ("abc", 3), ("中文", 4), ("e\u{0301}", 1), ("😀!", 3), ("a\tb", 9), ("\u{1B}[K", 3),
        ("Customer_\u{200B}\u{200B}name", 15),
    ])
    func stringWidth(text: String, expected: Int) {
        #expect(TextWidth.width(of: text) == expected)
    }

    @Test func widthIsNotCharacterCount() {
        let text = "中文😀"
        #expect(text.count == 3)
        #expect(TextWidth.width(of: text) == 6)
    }

    @Test(arguments: [
        ("hello", 10, "hello"), ("hello world", 8, "hello w…"), ("中文字符", 5, "中文…"), ("中文字符", 4, "中…"),
        ("abc", 1, "…"), ("abcdef", 0, ""), ("e\u{0301}e\u{0301}e\u{0301}", 2, "e\u{0301}…"),
    ])
    func truncate(text: String, columns: Int, expected: String) {
        let result = TextWidth.truncate(text, to: columns)
        #expect(result == expected)
        #expect(TextWidth.width(of: result) <= columns)
    }

    @Test func truncateWithWideEllipsisBudget() {
        #expect(TextWidth.truncate("abcdef", to: 2, ellipsis: "...") == "ab")
    }
}

@Suite struct TruncateMiddleTests {
    init() { TestLocale.prepare() }

    @Test(arguments: [
        ("fireact-openai-gpt4-trajectories.jsonl:144", 21, "fireact-op….jsonl:144"),
        ("fireact-openai-gpt4-trajectories.jsonl:145", 21, "fireact-op….jsonl:145"),
        ("db_12", 10, "db_12"), ("abcdef", 3, "a…f"), ("abcdef", 2, "a…"), ("日本語のID_1234", 9, "日本…1234"),
    ])
    func keepsStartAndEnd(text: String, columns: Int, shown: String) {
        let cut = TextWidth.truncateMiddle(text, to: columns)
        #expect(cut == shown)
        #expect(TextWidth.width(of: cut) <= columns)
    }
}
