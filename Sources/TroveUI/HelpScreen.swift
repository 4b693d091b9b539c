import TroveCore

/// The key help, generated from the keymap: the bindings of the screen help was opened from and of the
/// prompt, each section once, in two columns when the terminal is wide enough. Every column starts with
/// a heading (the section's, marked "continued" when the column starts inside it), a heading never ends
/// a column, and help texts wrap at words instead of being cut.
enum HelpScreen {
    /// One line of the help before it is placed in columns.
    struct Line: Hashable {
        enum Kind: Hashable {
            case heading
            case entry(keys: String)
            case continuation
            case blank
        }

        var kind: Kind
        var text: String
        /// The title of the section the line belongs to.
        var section: String
    }

    /// Columns of the keys, and where the help text starts.
    static let keysWidth = 14
    static let textX = 16

    static func render(_ state: AppState, keymap: Keymap, into canvas: inout Canvas) {
        Chrome.title("keys · \(underlyingScreen(state).rawValue) screen", state: state, into: &canvas)
        let columnCount = canvas.size.width >= 100 ? 2 : 1
        let columnWidth = canvas.size.width / columnCount
        let lines = lines(state, keymap: keymap, columnWidth: columnWidth)
        var next = min(state.pageScroll, lines.count)
        for column in 0..<columnCount {
            let (rows, end) = Self.column(of: lines, from: next, height: state.pageHeight)
            next = end
            let x = column * columnWidth + 1
            for (offset, line) in rows.enumerated() {
                draw(line, at: Point(x: x, y: 1 + offset), width: columnWidth - 1, into: &canvas)
            }
        }
        Chrome.status([Span("? or q closes help", .text)], into: &canvas)
    }

    /// The furthest the help scrolls at the size of `state`: the first line from which its columns show
    /// the last line. Not the line count less a page: a column started inside a section spends a row on
    /// its "continued" heading and ends before a heading or blank line with too little room after it, so
    /// a page holds fewer lines than it has rows.
    static func scrollLimit(state: AppState) -> Int {
        let columnCount = state.size.width >= 100 ? 2 : 1
        let lines = lines(state, keymap: .standard, columnWidth: state.size.width / columnCount)
        // The columns' end moves on with their start, so the first start that reaches the end is the limit.
        return (0..<lines.count).first { start in
            var next = start
            for _ in 0..<columnCount { next = column(of: lines, from: next, height: state.pageHeight).next }
            return next >= lines.count
        } ?? 0
    }

    /// The screen help describes: the one under the help screen.
    static func underlyingScreen(_ state: AppState) -> Screen {
        state.screens.last { $0 != .help } ?? .list
    }

    /// The rows of one column starting at line `start`, and the line the next column starts at: a
    /// heading first (repeated as "continued" inside a section), no blank line on top, no heading last.
    static func column(of lines: [Line], from start: Int, height: Int) -> (rows: [Line], next: Int) {
        var index = start
        while index < lines.count, lines[index].kind == .blank { index += 1 }
        guard index < lines.count, height > 0 else { return ([], lines.count) }
        var rows: [Line] = []
        if lines[index].kind != .heading {
            let section = lines[index].section
            rows.append(Line(kind: .heading, text: "\(section) (continued)", section: section))
        }
        while index < lines.count, rows.count < height {
            let line = lines[index]
            let room = height - rows.count
            if line.kind == .heading, room < 2, !rows.isEmpty { break }
            if line.kind == .blank, room < 3 { break }
            rows.append(line)
            index += 1
        }
        return (rows, index)
    }

    private static func draw(_ line: Line, at point: Point, width: Int, into canvas: inout Canvas) {
        switch line.kind {
        case .heading:
            canvas.put(line.text, at: point, role: .header, maxColumns: width)
        case .entry(let keys):
            canvas.put(TextWidth.truncate(keys, to: keysWidth), at: Point(x: point.x + 1, y: point.y), role: .key)
            canvas.put(line.text, at: Point(x: point.x + textX, y: point.y), role: .text, maxColumns: width - textX)
        case .continuation:
            canvas.put(line.text, at: Point(x: point.x + textX, y: point.y), role: .text, maxColumns: width - textX)
        case .blank:
            break
        }
    }

    /// The help as lines: the underlying screen's bindings and the prompt's, merged by section, each
    /// command once, texts wrapped to the column.
    private static func lines(_ state: AppState, keymap: Keymap, columnWidth: Int) -> [Line] {
        let shown = keymap.helpSections(in: Mode(underlyingScreen(state))) + keymap.helpSections(in: .prompt)
        let textWidth = max(1, columnWidth - 1 - textX)
        var lines: [Line] = []
        for section in CommandSection.allCases {
            var seen = Set<HelpSection.Entry>()
            let entries = shown.filter { $0.section == section }.flatMap(\.entries).filter { seen.insert($0).inserted }
            guard !entries.isEmpty else { continue }
            if !lines.isEmpty { lines.append(Line(kind: .blank, text: "", section: section.title)) }
            lines.append(Line(kind: .heading, text: section.title, section: section.title))
            for entry in entries {
                for (index, piece) in TextWidth.wrap(entry.help, width: textWidth).enumerated() {
                    let kind: Line.Kind = index == 0 ? .entry(keys: entry.keys) : .continuation
                    lines.append(Line(kind: kind, text: piece, section: section.title))
                }
            }
        }
        let marks = marks(on: underlyingScreen(state))
        guard !marks.isEmpty else { return lines }
        lines.append(Line(kind: .blank, text: "", section: "Marks"))
        lines.append(Line(kind: .heading, text: "Marks", section: "Marks"))
        for (mark, meaning) in marks {
            for (index, piece) in TextWidth.wrap(meaning, width: textWidth).enumerated() {
                lines.append(Line(kind: index == 0 ? .entry(keys: mark) : .continuation, text: piece, section: "Marks"))
            }
        }
        return lines
    }

    /// What the marks of `screen` mean, in words: the mark, then its meaning; on the list, the FLAGS
    /// column's codes from ``QualityFlag/legend``.
    static func marks(on screen: Screen) -> [(String, String)] {
        switch screen {
        case .trajectory:
            [
                ("·", "a turn the exports do not train on: loss false, or no loss flag on a turn not the agent's"),
                ("trained", "a turn the exports train on; without a loss flag, sharegpt and openai train agent turns"),
                ("view TOMp", "the parts shown: T thoughts, O observations, M metadata, p context turns; - hidden"),
                ("Record", "R: the record as imported, re-indented as JSON (keys and strings coloured); v pages it"),
                ("Step k/N", "the selected step (] [), highlighted; the status bar counts it"),
                ("␛ ␍ ␇", "a control character in the text (ESC, CR, BEL, …), drawn as its picture"),
                ("¤", "a character there but not shown: a C1 or bidi control, a zero-width or other format character"),
                ("\u{FFFD}", "bytes that were not UTF-8 (bad encoding; the BE flag)"),
            ]
        case .diff:
            [
                ("=", "both runs took the same action here (kind and argument, spacing and case of the kind aside)"),
                ("≠", "the runs took different actions at this point of their alignment"),
                ("<", "a step only run A (the trajectory you came from) took"),
                (">", "a step only run B (the run you chose) took"),
                ("→", "the start of the step's observation"),
            ]
        case .list:
            [
                ("#", "the trajectory has tags (t)"),
                ("✎", "the trajectory has a note (c)"),
            ] + QualityFlag.legend.map { ("\($0.code) (flag)", $0.meaning) }
        case .stats, .help, .history, .runs: []
        }
    }
}
