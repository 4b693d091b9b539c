import Testing
import TroveTestSupport
import TroveUI

@Suite struct WrapTests {
    init() { TestLocale.prepare() }

    /// Every line fits once trailing whitespace is ignored, and no scalar is lost (`text` has no newline).
    private func checkContract(_ text: String, width: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        let lines = TextWidth.wrap(text, width: width)
        #expect(lines.joined() == text, sourceLocation: sourceLocation)
        for line in lines {
            let trimmed = String(line.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
            #expect(TextWidth.width(of: trimmed) <= width, "\(line)", sourceLocation: sourceLocation)
        }
    }

    @Test func wrapsAtWordBoundaries() {
        #expect(TextWidth.wrap("the quick brown fox", width: 10) == ["the quick ", "brown fox"])
        checkContract("the quick brown fox", width: 10)
    }

    @Test func hardBreaksLongWords() {
        #expect(TextWidth.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(TextWidth.wrap("ab abcdefghij", width: 4) == ["ab ", "abcd", "efgh", "ij"])
    }

    @Test func wrapsByDisplayWidth() {
        #expect(TextWidth.wrap("中文中文中", width: 4) == ["中文", "中文", "中"])
        #expect(TextWidth.wrap("a中文", width: 4) == ["a中", "文"])
    }

    @Test func keepsCombiningMarksWithBase() {
        let text = "e\u{0301}e\u{0301}e\u{0301}"
        #expect(TextWidth.wrap(text, width: 2) == ["e\u{0301}e\u{0301}", "e\u{0301}"])
    }

    @Test func newlinesAlwaysBreak() {
        #expect(TextWidth.wrap("a\n\nb\r\nc", width: 10) == ["a", "", "b", "c"])
        #expect(TextWidth.wrap("", width: 5) == [""])
    }

    /// QA: Windows line endings in real data (SWE-agent task texts, OpenHands issues) showed `␍` at the
    /// end of every line. CRLF is one line break; a lone CR, which a terminal would move back over the
    /// line with, stays in its line and shows as `␍`.
    @Test func crlfIsOneLineBreakAndALoneCRStays() {
        #expect(TextWidth.wrap("one\r\ntwo\r\n\r\nthree", width: 10) == ["one", "two", "", "three"])
        #expect(TextWidth.wrap("safe\rEVIL\r", width: 20) == ["safe\rEVIL\r"])
        #expect(TextWidth.wrap("a\r\r\nb", width: 10) == ["a\r", "b"])
        // Spans keep their roles across a CRLF.
        let wrapped = Span.wrap([Span("x\r\n", .thought), Span("y\r\nz", .action)], width: 10)
        #expect(wrapped == [[Span("x", .thought)], [Span("y", .action)], [Span("z", .action)]])
    }

    @Test func loneWideGlyphInOneColumn() {
        #expect(TextWidth.wrap("中a", width: 1) == ["中", "a"])
    }

    @Test func longSingleLineObservation() {
        let page = (0..<120).map { "B07T\($0) [SEP] Noise Cancelling 耳机 $99.99 [SEP]" }.joined(separator: " ")
        for width in [2, 7, 20, 38, 80] { checkContract(page, width: width) }
        #expect(TextWidth.wrap(page, width: 80).count > 50)
    }

    @Test func hostileBytesAndTabs() {
        let text = "\u{1b}]0;root@708762f582f8: /\u{07}root@708762f582f8:/# \u{1b}[K\tcol\tcol2 \u{202E}evil"
        for width in [3, 9, 16, 40] { checkContract(text, width: width) }
    }
}
