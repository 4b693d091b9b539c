/// The key help, generated from the keymap: the bindings of the screen help was opened from, by section,
/// in two columns when the terminal is wide enough.
enum HelpScreen {
    static func render(_ state: AppState, keymap: Keymap, into canvas: inout Canvas) {
        Chrome.title("keys · \(underlyingScreen(state).rawValue) screen", state: state, into: &canvas)
        let lines = lines(state, keymap: keymap)
        let columns = canvas.size.width >= 100 ? 2 : 1
        let columnWidth = canvas.size.width / columns
        let height = state.pageHeight
        for offset in 0..<(height * columns) {
            let index = state.pageScroll + offset
            guard index < lines.count else { break }
            let x = (offset / height) * columnWidth + 1
            let y = 1 + offset % height
            let line = lines[index]
            if line.keys.isEmpty {
                canvas.put(line.help, at: Point(x: x, y: y), role: .header, maxColumns: columnWidth - 1)
            } else {
                canvas.put(TextWidth.truncate(line.keys, to: 14), at: Point(x: x + 1, y: y), role: .key)
                canvas.put(line.help, at: Point(x: x + 16, y: y), role: .text, maxColumns: max(0, columnWidth - 17))
            }
        }
        Chrome.status([Span("? or q closes help", .text)], into: &canvas)
    }

    static func lineCount(state: AppState) -> Int { lines(state, keymap: .standard).count }

    /// The screen help describes: the one under the help screen.
    static func underlyingScreen(_ state: AppState) -> Screen {
        state.screens.last { $0 != .help } ?? .list
    }

    private static func lines(_ state: AppState, keymap: Keymap) -> [(keys: String, help: String)] {
        var lines: [(keys: String, help: String)] = []
        for section in keymap.helpSections(in: Mode(underlyingScreen(state))) + keymap.helpSections(in: .prompt) {
            if !lines.isEmpty { lines.append(("", "")) }
            lines.append(("", section.title))
            lines += section.entries.map { ($0.keys, $0.help) }
        }
        return lines
    }
}
