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

    /// QA: code points typed one at a time stayed one character each, so Left and Backspace split a
    /// family emoji (its zero-width joiners) and saved a broken sequence.
    @Test func codePointsTypedOneAtATimeJoinIntoWholeCharacters() {
        var editor = LineEditor()
        for scalar in "日本語ABC👨‍👩‍👧e".unicodeScalars { editor.handle(.char(Character(scalar))) }
        #expect(editor.text == "日本語ABC👨‍👩‍👧e")
        #expect(editor.characters.count == 8)
        editor.handle(.left)
        editor.handle(.left)
        editor.handle(.backspace)
        #expect(editor.text == "日本語AB👨‍👩‍👧e")
        #expect(editor.cursor == 5)
        // A flag's two halves join, and a combining mark joins the character before the cursor.
        var flag = LineEditor("x")
        for scalar in "🇯🇵".unicodeScalars { flag.handle(.char(Character(scalar))) }
        flag.handle(.backspace)
        #expect(flag.text == "x")
        var accent = LineEditor("ey")
        accent.handle(.left)
        accent.handle(.char("\u{301}"))
        #expect(accent.characters == ["e\u{301}", "y"])
        #expect(accent.cursor == 1)
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
