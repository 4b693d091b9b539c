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
        ("\u{9b}", "¤"), ("\u{202E}", "¤"), ("\u{200E}", "¤"), ("\u{2066}", "¤"), ("\u{061C}", "¤"),
        ("\u{200B}", "¤"), ("\u{FEFF}", "¤"), ("\u{2028}", "¤"), ("\u{FFFD}", "\u{FFFD}"), ("\u{200D}", "¤"),
        ("\u{2060}", "¤"), ("\u{00AD}", "¤"), ("\u{E0041}", "¤"), ("\u{FE0F}", "¤"), ("\u{FE0E}", "¤"),
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
        #expect(render("abc\u{202E}def") == ["a", "b", "c", "¤", "d", "e", "f"])
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

    /// A zero-width joiner never reaches the terminal, which would join it with the next glyph it draws
    /// (after a cursor move too) while the widths count each part: between two emoji it is dropped, the
    /// sequence showing as its parts, and after any other glyph it shows as `¤`.
    @Test func joinersNeverReachTheTerminal() {
        let family = "👨\u{200D}👩\u{200D}👧"
        let glyphs = Array(Sanitizer.glyphs(family))
        #expect(glyphs.map(\.text) == ["👨", "👩", "👧"])
        #expect(glyphs.map(\.width) == [2, 2, 2])
        #expect(glyphs.map(\.source) == [0..<2, 2..<4, 4..<5])
        #expect(render("👩🏽\u{200D}💻") == ["👩", "🏽", "💻"])
        #expect(render("🏳\u{FE0F}\u{200D}🌈") == ["🏳", "🌈"])
        #expect(render("end👍\u{200D}") == ["e", "n", "d", "👍", "¤"])
        #expect(render("a\u{200D}b") == ["a", "¤", "b"])
        #expect(render("क्\u{200D}ष").contains("¤"))
        #expect(kinds("a\u{200D}b") == [.plain, .escaped, .plain])
        // ZWNJ joins nothing: it stays as a mark on the glyph before it.
        #expect(render("می\u{200C}خواهم").first { $0.unicodeScalars.contains("\u{200C}") } == "ی\u{200C}")
    }

    /// The emoji and text presentation selectors are dropped (a terminal draws `❤️` two columns wide, the
    /// C library counts one); other variation selectors stay on their glyph, changing no width.
    @Test func presentationSelectorsAreDroppedOtherVariationSelectorsAttach() {
        let heart = Array(Sanitizer.glyphs("❤\u{FE0F}!"))
        #expect(heart.map(\.text) == ["❤", "!"])
        #expect(heart.map(\.source) == [0..<2, 2..<3])
        #expect(render("😀\u{FE0E}") == ["😀"])
        #expect(render("葛\u{E0100}") == ["葛\u{E0100}"])
        #expect(render("≩\u{FE00}") == ["≩\u{FE00}"])
    }

    /// Every format character (general category Cf) is drawn as `¤`, but ZWNJ, which stays as a mark,
    /// and a ZWJ between emoji, which is dropped: none reaches the terminal on its own.
    @Test func everyFormatCharacterIsShownOrAttached() {
        var formats = 0
        for value in 0...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), scalar.properties.generalCategory == .format else { continue }
            formats += 1
            let glyphs = Array(Sanitizer.glyphs("a" + String(scalar) + "b"))
            if value == 0x200C {
                #expect(glyphs.map(\.text) == ["a\u{200C}", "b"])
            } else {
                #expect(glyphs.map(\.text) == ["a", "¤", "b"], "U+\(String(value, radix: 16, uppercase: true))")
            }
        }
        #expect(formats > 150)
    }

    /// QA: a page that starts inside a character (the joiner or selector of an emoji sequence begun on
    /// the page before) and a text beginning with a joiner showed `�`, as did C1 and bidi controls: the
    /// sign of bad encoding stood for three other things. A lone combining mark sits on a space.
    @Test func badEncodingAloneShowsTheReplacementCharacter() {
        let page = Array(Sanitizer.glyphs("\u{200D}💻 ok"))
        #expect(page.map(\.text) == ["💻", " ", "o", "k"])
        #expect(page.map(\.source) == [0..<2, 2..<3, 3..<4, 4..<5])
        #expect(render("\u{FE0F}\u{200D}a") == ["a"])
        #expect(render("\u{0301}a") == [" \u{0301}", "a"])
        #expect(render("\u{200D}") == ["¤"])
        for hidden in ["\u{85}", "\u{9b}31m", "\u{202E}", "\u{2066}", "a\u{200D}b", "\u{200D}", "\u{FE0F}"] {
            #expect(!render(hidden).joined().contains(Sanitizer.replacement), "\(hidden.unicodeScalars.map(\.value))")
        }
        #expect(render("a\u{FFFD}b") == ["a", Sanitizer.replacement, "b"])
        #expect(TextWidth.width(of: Sanitizer.formatReplacement) == 1)
        var canvas = Canvas(size: Size(width: 4, height: 1))
        canvas.put("\u{200D}💻", at: .zero, role: .text)
        #expect(canvas.lines == ["💻  "])
    }

    @Test func wideGlyphsKeepWidthTwo() {
        #expect(Sanitizer.glyphs("中😀？").map(\.width) == [2, 2, 2])
    }
}
