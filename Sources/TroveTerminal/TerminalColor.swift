/// The eight ANSI colours, numbered as curses numbers them (`COLOR_BLACK` … `COLOR_WHITE`).
public enum TerminalColor: Int16, CaseIterable, Hashable, Sendable {
    case black = 0
    case red
    case green
    case yellow
    case blue
    case magenta
    case cyan
    case white
}
