/// A key press, decoded by the terminal backend. Mouse wheel turns arrive as keys so they bind like any
/// other key.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    /// A printable character, including `" "`.
    case char(Character)
    /// A control chord, stored as the lowercase letter (or symbol): `ctrl("r")` is Ctrl-R.
    case ctrl(Character)
    case up
    case down
    case left
    case right
    case pageUp
    case pageDown
    case home
    case end
    case enter
    case escape
    case backspace
    case delete
    case insert
    case tab
    case backTab
    /// Function key `F<n>`, n ≥ 1.
    case f(Int)
    case wheelUp
    case wheelDown

    /// How help and hints name the key: `"a"`, `"A"`, `"Space"`, `"Ctrl-r"`, `"PgDn"`, `"↑"`, `"F5"`.
    public var description: String {
        switch self {
        case .char(" "): "Space"
        case .char(let character): String(character)
        case .ctrl(let character): "Ctrl-\(character)"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .insert: "Ins"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .f(let number): "F\(number)"
        case .wheelUp: "Wheel↑"
        case .wheelDown: "Wheel↓"
        }
    }
}
