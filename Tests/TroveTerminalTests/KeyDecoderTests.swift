import CNCurses
import Testing
import TroveUI

@testable import TroveTerminal

@Suite struct KeyDecoderTests {
    @Test(arguments: [
        (UInt32(97), Key.char("a")), (32, .char(" ")), (0x4E2D, .char("中")), (127, .backspace), (8, .backspace),
        (9, .tab), (10, .enter), (13, .enter), (27, .escape), (18, .ctrl("r")), (12, .ctrl("l")), (3, .ctrl("c")),
        (0, .ctrl(" ")),
    ])
    func characters(code: UInt32, key: Key) {
        #expect(KeyDecoder.key(forCharacter: code) == key)
    }

    @Test(arguments: [
        (KEY_UP, Key.up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right), (KEY_PPAGE, .pageUp),
        (KEY_NPAGE, .pageDown), (KEY_HOME, .home), (KEY_END, .end), (KEY_BACKSPACE, .backspace), (KEY_DC, .delete),
        (KEY_BTAB, .backTab), (KEY_ENTER, .enter), (KEY_F0 + 1, .f(1)), (KEY_F0 + 12, .f(12)),
    ])
    func functionKeys(code: Int32, key: Key) {
        #expect(KeyDecoder.key(forKeyCode: code) == key)
    }

    @Test func unknownFunctionKeyIsIgnored() {
        #expect(KeyDecoder.key(forKeyCode: KEY_F0) == nil)
        #expect(KeyDecoder.key(forKeyCode: KEY_CLEAR) == nil)
    }
}
