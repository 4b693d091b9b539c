import Testing
import TroveTestSupport
import TroveUI

@Suite struct LineEditorTests {
    @Test func selectedTextIsReplacedByTheFirstCharacterOrClearedOrKept() {
        var typed = LineEditor("old search", selected: true)
        typed.handle(.char("n"))
        #expect(typed.text == "n")
        #expect(!typed.isSelected)
        var deleted = LineEditor("old", selected: true)
        deleted.handle(.backspace)
        #expect(deleted.text == "")
        var kept = LineEditor("old", selected: true)
        kept.handle(.left)
        kept.handle(.char("x"))
        #expect(kept.text == "olxd")
        #expect(!LineEditor("", selected: true).isSelected)
    }

    @Test func editsAtTheCursor() {
        var editor = LineEditor("ac")
        editor.handle(.left)
        editor.handle(.char("b"))
        #expect(editor.text == "abc")
        editor.handle(.home)
        editor.handle(.delete)
        #expect(editor.text == "bc")
        editor.handle(.ctrl("e"))
        editor.handle(.backspace)
        #expect(editor.text == "b")
        #expect(editor.cursor == 1)
    }

    @Test func cursorColumnCountsDisplayWidth() {
        TestLocale.prepare()
        var editor = LineEditor("中文e\u{301}x")
        #expect(editor.cursorColumn == 6)
        editor.handle(.left)
        #expect(editor.cursorColumn == 5)
        editor.handle(.left)
        #expect(editor.cursorColumn == 4)
        editor.handle(.ctrl("a"))
        #expect(editor.cursorColumn == 0)
        let used = editor.handle(.f(1))
        #expect(!used)
    }

    @Test func killsToEitherEnd() {
        var editor = LineEditor("hello world")
        for _ in 0..<5 { editor.handle(.left) }
        editor.handle(.ctrl("k"))
        #expect(editor.text == "hello ")
        editor.handle(.ctrl("u"))
        #expect(editor.text.isEmpty)
    }
}
