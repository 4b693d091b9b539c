import Testing
import TroveTestSupport
import TroveUI

@Suite struct CanvasTests {
    init() { TestLocale.prepare() }

    private func canvas(_ width: Int, _ height: Int = 1) -> Canvas {
        Canvas(size: Size(width: width, height: height))
    }

    @Test func putReturnsColumnsAndSetsRoles() {
        var canvas = canvas(10)
        #expect(canvas.put("ab中", at: .zero, role: .title) == 4)
        #expect(canvas.lines == ["ab中      "])
        #expect(canvas.roleLines == ["TTTT......"])
        #expect(canvas[Point(x: 3, y: 0)]?.isContinuation == true)
    }

    @Test func wideGlyphAtRightEdgeBecomesSpace() {
        var canvas = canvas(5)
        #expect(canvas.put("abcd中", at: .zero, role: .text) == 5)
        #expect(canvas.lines == ["abcd "])
        #expect(canvas.cells.allSatisfy { !$0.isContinuation })
    }

    @Test func wideGlyphAtMaxColumnsBecomesSpace() {
        var canvas = canvas(8)
        #expect(canvas.put("a中中", at: Point(x: 1, y: 0), role: .text, maxColumns: 4) == 4)
        #expect(canvas.lines == [" a中    "])
    }

    @Test func clipsAtEdgeAndIgnoresOutside() {
        var canvas = canvas(4, 2)
        #expect(canvas.put("abcdef", at: Point(x: 2, y: 1), role: .text) == 2)
        #expect(canvas.put("x", at: Point(x: 4, y: 0), role: .text) == 0)
        #expect(canvas.put("x", at: Point(x: 0, y: 2), role: .text) == 0)
        #expect(canvas.put("x", at: Point(x: -1, y: 0), role: .text) == 0)
        #expect(canvas.lines == ["    ", "  ab"])
    }

    @Test func escapesGetEscapedRole() {
        var canvas = canvas(8)
        canvas.put("a\u{1b}[Kb\u{07}", at: .zero, role: .observation)
        #expect(canvas.lines == ["a␛[Kb␇  "])
        #expect(canvas.roleLines == ["oeoooe.."])
    }

    /// A zero-width joiner from data never lands in a cell: one at a line's end would join the next
    /// row's first glyph (tmux joins across a cursor move), and one between emoji would make the
    /// terminal draw one glyph where the canvas counts two.
    @Test func noCellHoldsAZeroWidthJoiner() {
        var canvas = canvas(6, 2)
        canvas.put("ab\u{200D}", at: .zero, role: .text)
        canvas.put("👩\u{200D}💻", at: Point(x: 0, y: 1), role: .text)
        #expect(canvas.lines == ["ab¤   ", "👩💻  "])
        #expect(canvas.roleLines[0] == "..e...")
        #expect(!canvas.cells.contains { $0.text.unicodeScalars.contains("\u{200D}") })
    }

    @Test func tabsExpandFromPutOrigin() {
        var canvas = canvas(12)
        #expect(canvas.put("ab\tc", at: Point(x: 2, y: 0), role: .text) == 9)
        #expect(canvas.lines == ["  ab      c "])
    }

    @Test func overwritingHalfAWideGlyphBlanksTheOtherHalf() {
        var canvas = canvas(6)
        canvas.put("中文", at: Point(x: 1, y: 0), role: .text)
        canvas.put("x", at: Point(x: 2, y: 0), role: .dim)  // right half of 中
        canvas.put("y", at: Point(x: 3, y: 0), role: .dim)  // left half of 文
        #expect(canvas.lines == ["  xy  "])
        #expect(canvas.cells.allSatisfy { !$0.isContinuation })
    }

    @Test func wideGlyphOverNarrowOnes() {
        var canvas = canvas(4)
        canvas.put("abcd", at: .zero, role: .text)
        canvas.put("中", at: Point(x: 1, y: 0), role: .text)
        #expect(canvas.lines == ["a中d"])
    }

    @Test func fillAndPaint() {
        var canvas = canvas(4, 3)
        canvas.fill(Rect(x: 1, y: 1, width: 10, height: 1), role: .barFill, with: "#")
        canvas.put("ok", at: Point(x: 0, y: 2), role: .text)
        canvas.paint(Rect(x: 0, y: 2, width: 4, height: 1), role: .selection)
        #expect(canvas.lines == ["    ", " ###", "ok  "])
        #expect(canvas.roleLines == ["....", ".###", "ssss"])
    }

    @Test func resetChangesSizeAndBlanks() {
        var canvas = canvas(3)
        canvas.put("abc", at: .zero, role: .title)
        canvas.reset(to: Size(width: 2, height: 2))
        #expect(canvas.lines == ["  ", "  "])
        #expect(canvas.roleLines == ["..", ".."])
    }

    @Test func newlineShowsAsReturnSymbol() {
        var canvas = canvas(5)
        canvas.put("a\nb", at: .zero, role: .text)
        #expect(canvas.lines == ["a↵b  "])
    }

    @Test func linesHaveCanvasWidth() {
        var canvas = canvas(7, 2)
        canvas.put("中😀e\u{0301}\u{202E}x", at: .zero, role: .text)
        for line in canvas.lines { #expect(TextWidth.width(of: line) == 7) }
    }
}
