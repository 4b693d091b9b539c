import Testing
import TroveTestSupport
import TroveUI

@Suite struct SanitizerTests {
    init() { TestLocale.prepare() }

    private func render(_ text: String) -> [String] {
        Sanitizer.glyphs(text).map(\.text)
    }

    private func kinds(_ text: String) -> [Glyph.Kind] {
        Sanitizer.glyphs(text).map(\.kind)
    }

    @Test func osObservationWithTitleSequenceIsInert() {
        let data = "\u{1b}]0;root@708762f582f8: /\u{07}root@708762f582f8:/# \u{1b}[K"
        let shown = render(data).joined()
        #expect(shown == "␛]0;root@708762f582f8: /␇root@708762f582f8:/# ␛[K")
        #expect(!shown.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        #expect(Sanitizer.glyphs(data).filter { $0.kind == .escaped }.count == 3)
    }

    @Test(arguments: [
        ("\r", "␍"), ("\u{07}", "␇"), ("\u{1b}", "␛"), ("\u{00}", "␀"), ("\u{7f}", "␡"), ("\n", "↵"),
        ("\u{9b}", "\u{FFFD}"), ("\u{202E}", "\u{FFFD}"), ("\u{200E}", "\u{FFFD}"), ("\u{2066}", "\u{FFFD}"),
        ("\u{061C}", "\u{FFFD}"), ("\u{200B}", "\u{FFFD}"), ("\u{FEFF}", "\u{FFFD}"), ("\u{2028}", "\u{FFFD}"),
        ("\u{FFFD}", "\u{FFFD}"),
    ])
    func escapes(input: String, shown: String) {
        let glyphs = Array(Sanitizer.glyphs(input))
        #expect(glyphs.map(\.text) == [shown])
        #expect(glyphs.map(\.kind) == [.escaped])
        #expect(glyphs.map(\.width) == [1])
    }

    @Test func crlfShowsCarriageReturnOnly() {
        #expect(render("ok\r\n") == ["o", "k", "␍", "↵"])
    }

    @Test func rightToLeftOverrideCannotReorder() {
        #expect(render("abc\u{202E}def") == ["a", "b", "c", "\u{FFFD}", "d", "e", "f"])
    }

    @Test func tabsAreWhitespaceGlyphs() {
        #expect(kinds("a\tb") == [.plain, .tab, .plain])
        #expect(Sanitizer.tabWidth(atColumn: 0) == 8)
        #expect(Sanitizer.tabWidth(atColumn: 5) == 3)
        #expect(Sanitizer.tabWidth(atColumn: 8) == 8)
    }

    @Test func combiningMarksAttachToPreviousGlyph() {
        let glyphs = Array(Sanitizer.glyphs("e\u{0301}x"))
        #expect(glyphs.map(\.text) == ["e\u{0301}", "x"])
        #expect(glyphs.map(\.width) == [1, 1])
        #expect(glyphs.map(\.source) == [0..<2, 2..<3])
    }

    @Test func atMostFiveScalarsPerCell() {
        let zalgo = "a" + String(repeating: "\u{0301}", count: 8) + "b"
        let glyphs = Array(Sanitizer.glyphs(zalgo))
        #expect(glyphs.count == 2)
        #expect(glyphs[0].text.unicodeScalars.count == Sanitizer.maxScalarsPerCell)
        #expect(glyphs[0].source == 0..<9)
        #expect(glyphs[1].source == 9..<10)
    }

    @Test func leadingCombiningMarkSitsOnSpace() {
        #expect(render("\u{0301}a") == [" \u{0301}", "a"])
    }

    @Test func joinersAndVariationSelectorsAttach() {
        let family = "👨\u{200D}👩"
        #expect(render(family) == ["👨\u{200D}", "👩"])
        #expect(render("❤\u{FE0F}") == ["❤\u{FE0F}"])
    }

    @Test func wideGlyphsKeepWidthTwo() {
        #expect(Sanitizer.glyphs("中😀？").map(\.width) == [2, 2, 2])
    }
}
