import CNCurses
import TroveUI

/// Turns what `wget_wch` returns into ``TroveUI/Key``s. Pure, so it is tested without a terminal;
/// `KEY_RESIZE` and `KEY_MOUSE` need curses calls and are handled by ``CursesTerminal``.
enum KeyDecoder {
    /// The key for a character read with status `OK`: controls become named keys or Ctrl chords.
    static func key(forCharacter code: UInt32) -> Key? {
        switch code {
        case 8, 127: return .backspace
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 0: return .ctrl(" ")
        case 1...26: return .ctrl(Character(Unicode.Scalar(code + 0x60)!))
        case 28...31: return .ctrl(Character(Unicode.Scalar(code + 0x40)!))
        default: return Unicode.Scalar(code).map { .char(Character($0)) }
        }
    }

    /// The key for a function-key code read with status `KEY_CODE_YES`, or `nil` for codes trove ignores.
    static func key(forKeyCode code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_BTAB: return .backTab
        case (KEY_F0 + 1)...(KEY_F0 + 63): return .f(Int(code - KEY_F0))
        default: return nil
        }
    }
}
