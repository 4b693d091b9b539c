import CNCurses
import Foundation
import Testing
import TroveTestSupport
import TroveUI

@testable import TroveTerminal

/// Blits into a curses screen on /dev/null (tig's `TIG_NO_DISPLAY` trick) and reads the cells back with
/// `mvwin_wchnstr`: no TTY or stdin needed. Serialized: curses has one current screen per process.
@Suite(.serialized) struct CursesTerminalTests {
    private func withTerminal(theme: Theme, _ body: (CursesTerminal) throws -> Void) throws {
        TestLocale.prepare()
        let output = try #require(fopen("/dev/null", "w"))
        let input = try #require(fopen("/dev/null", "r"))
        defer {
            fclose(output)
            fclose(input)
        }
        let terminal = CursesTerminal(input: input, output: output, terminalType: "xterm-256color", theme: theme)
        try terminal.start()
        defer { terminal.stop() }
        try body(terminal)
    }

    /// The text curses holds on row `y`, one entry per glyph (wide glyphs' second cells are skipped by curses).
    private func row(_ y: Int, width: Int) -> String {
        var cells = [cchar_t](repeating: cchar_t(), count: width + 1)
        let count = mvwin_wchnstr(trove_stdscr(), Int32(y), 0, &cells, Int32(width))
        guard count != ERR else { return "<ERR>" }
        var text = ""
        for var cell in cells.prefix(while: { $0.chars.0 != 0 }) {
            var characters = [wchar_t](repeating: 0, count: Int(CCHARW_MAX) + 1)
            var attributes: attr_t = 0
            var pair: Int16 = 0
            getcchar(&cell, &characters, &attributes, &pair, nil)
            for code in characters.prefix(while: { $0 != 0 }) {
                text.unicodeScalars.append(Unicode.Scalar(UInt32(bitPattern: code))!)
            }
        }
        return text
    }

    @Test func blitsWideGlyphsAndSanitizedEscapes() throws {
        try withTerminal(theme: .color) { terminal in
            let screen = terminal.size
            #expect(screen.width >= 20 && screen.height >= 3)
            let width = min(screen.width, 40)
            var canvas = Canvas(size: Size(width: width, height: 3))
            canvas.put("中文 ok 😀 e\u{0301}", at: .zero, role: .title)
            canvas.put("\u{1b}]0;root@708762f582f8: /\u{07}# \u{1b}[K\r", at: Point(x: 0, y: 1), role: .observation)
            canvas.put(String(repeating: "x", count: width - 1) + "中", at: Point(x: 0, y: 2), role: .text)
            terminal.present(canvas)

            #expect(row(0, width: width) == canvas.lines[0])
            #expect(row(1, width: width).hasPrefix("␛]0;root@708762f582f8: /␇# ␛[K␍"))
            #expect(row(2, width: width) == String(repeating: "x", count: width - 1) + " ")
            #expect(canvas.lines.allSatisfy { !$0.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 } })
        }
    }

    @Test func monochromeThemeStartsAndStopIsIdempotent() throws {
        try withTerminal(theme: .monochrome) { terminal throws in
            var canvas = Canvas(size: terminal.size)
            canvas.put("monochrome", at: .zero, role: .selection)
            terminal.present(canvas)
            #expect(row(0, width: 10) == "monochrome")
            #expect(try terminal.nextEvent(timeout: .milliseconds(1)) == nil)
            terminal.stop()
            terminal.stop()
            #expect(terminal.size == .zero)
        }
    }

    @Test func unknownTerminalTypeThrows() throws {
        let output = try #require(fopen("/dev/null", "w"))
        let input = try #require(fopen("/dev/null", "r"))
        defer {
            fclose(output)
            fclose(input)
        }
        let terminal = CursesTerminal(input: input, output: output, terminalType: "no-such-terminal-trove")
        #expect(throws: TerminalError.cannotInitialize(terminalType: "no-such-terminal-trove")) {
            try terminal.start()
        }
        terminal.stop()
    }

    /// The address of the handler `number` runs now (0 for the default action, 1 when ignored).
    private func handler(of number: Int32) -> Int {
        var current = sigaction()
        sigaction(number, nil, &current)
        return unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self)
    }

    /// A crash (a runtime trap, a failed allocation) restores the terminal: the fatal signals get the
    /// restoring handler while the screen is up, and their earlier action back when it stops.
    @Test func fatalSignalsRestoreTheTerminal() throws {
        for number in [SIGABRT, SIGILL, SIGTRAP, SIGSEGV] {
            #expect(CursesTerminal.restoringSignals.contains(number))
        }
        let before = CursesTerminal.restoringSignals.map(handler(of:))
        try withTerminal(theme: .monochrome) { _ in
            for (number, earlier) in zip(CursesTerminal.restoringSignals, before) {
                #expect(handler(of: number) != earlier, "signal \(number)")
                #expect(handler(of: number) > 1, "signal \(number)")
            }
        }
        #expect(CursesTerminal.restoringSignals.map(handler(of:)) == before)
    }
}
