import TroveCore

/// The parts every screen shares: the title bar, the status bar, and the bottom line that shows the
/// prompt, a message, or key hints generated from the keymap.
enum Chrome {
    /// The title bar on row 0: `title` on the left, the reviewer (and `blind`) on the right.
    static func title(_ title: String, state: AppState, into canvas: inout Canvas) {
        let width = canvas.size.width
        canvas.fill(Rect(x: 0, y: 0, width: width, height: 1), role: .title)
        let right = rightOfTitle(state)
        let rightWidth = TextWidth.width(of: right)
        canvas.put(
            TextWidth.truncate(title, to: titleRoom(width: width, state: state)), at: Point(x: 1, y: 0), role: .title)
        if rightWidth < width / 2 { canvas.put(right, at: Point(x: width - rightWidth, y: 0), role: .title) }
    }

    /// The title bar of a screen about trajectory `id`: `before`, the id, then `after` (its fields:
    /// `· os · 12 steps · pending`). An id too long for the bar is shortened in the middle (as the
    /// list's id column does: runs of one source differ at their ends) to leave the fields their room,
    /// down to ``titleIDColumns``; only past that are the fields cut, at their end.
    static func title(_ before: String = "", id: String, _ after: String, state: AppState, into canvas: inout Canvas) {
        let room = titleRoom(width: canvas.size.width, state: state)
        let rest = TextWidth.width(of: before) + TextWidth.width(of: after)
        let idRoom = max(min(TextWidth.width(of: id), titleIDColumns), room - rest)
        title(before + Format.id(id, to: idRoom) + after, state: state, into: &canvas)
    }

    /// The fewest columns the title bar shortens an id to before it cuts the fields after it.
    static let titleIDColumns = 24

    /// The reviewer (and `blind`, `read-only`) on the title bar's right.
    private static func rightOfTitle(_ state: AppState) -> String {
        " \(state.readOnly ? "read-only · " : "")\(state.reviewer)\(state.blind ? " · blind" : "") "
    }

    /// The columns left of the reviewer's name: the whole bar when the name takes half of it or more.
    private static func titleRoom(width: Int, state: AppState) -> Int {
        let rightWidth = TextWidth.width(of: rightOfTitle(state))
        return width - 1 - (rightWidth < width / 2 ? rightWidth : 0)
    }

    /// The status bar on the second-to-last row: spans from the left, cut at the edge with `…` in the
    /// last column, so that a cut bar says more was there.
    static func status(_ spans: [Span], into canvas: inout Canvas) {
        let y = canvas.size.height - 2
        let width = canvas.size.width
        canvas.fill(Rect(x: 0, y: y, width: width, height: 1), role: .statusBar)
        canvas.put(spans, at: Point(x: 1, y: y)) { $0 == .text ? .statusBar : $0 }
    }

    /// The last row: the open prompt, else the message, else hints for the screen.
    static func bottom(_ state: AppState, keymap: Keymap, into canvas: inout Canvas) {
        let y = canvas.size.height - 1
        if let prompt = state.prompt {
            renderPrompt(prompt, state: state, y: y, into: &canvas)
        } else if let message = state.message {
            canvas.put(
                TextWidth.truncate(message.text, to: canvas.size.width), at: Point(x: 0, y: y),
                role: message.isError ? .error : .text)
        } else {
            let mode = Mode(state.screen)
            // `Q` is offered to a reviewer who has a queue to switch to (or is in it).
            let hasQueue = state.showsQueue || state.progress?.hasAssignments == true
            let rows = CommandTable.footer(in: mode).filter { $0.command != .toggleQueue || hasQueue }
            hints(rows, mode: mode, keymap: keymap, y: y, into: &canvas)
        }
    }

    private static func renderPrompt(_ prompt: Prompt, state: AppState, y: Int, into canvas: inout Canvas) {
        let width = canvas.size.width
        if let error = prompt.error {
            // Filled first: the status bar's text must not show through after a short error.
            canvas.fill(Rect(x: 0, y: y - 1, width: width, height: 1), role: .error)
            canvas.put(TextWidth.truncate(error, to: width), at: Point(x: 0, y: y - 1), role: .error)
        } else if prompt.kind == .tags {
            tagMenu(state, above: y, into: &canvas)
        }
        let labelWidth = canvas.put(prompt.label, at: Point(x: 0, y: y), role: .prompt)
        let room = max(1, width - labelWidth - 1)
        let text = prompt.editor.text
        // Scroll the text left so the cursor stays on screen.
        let cursorColumn = prompt.editor.cursorColumn
        var skipped = 0
        var characters = Array(text)
        while cursorColumn - skipped >= room, !characters.isEmpty {
            skipped += TextWidth.width(of: String(characters.removeFirst()))
        }
        let shown = String(characters)
        let drawn = canvas.put(shown, at: Point(x: labelWidth, y: y), role: .prompt, maxColumns: room)
        if prompt.editor.isSelected {
            canvas.paint(Rect(x: labelWidth, y: y, width: drawn, height: 1), role: .selection)
        }
        if let range = prompt.errorRange, skipped == 0 {
            let start = TextWidth.width(of: String(text.prefix(range.lowerBound)))
            let end = TextWidth.width(of: String(text.prefix(range.upperBound)))
            canvas.paint(Rect(x: labelWidth + start, y: y, width: max(1, end - start), height: 1), role: .error)
        }
        let cursorX = labelWidth + cursorColumn - skipped
        let under =
            prompt.editor.cursor < prompt.editor.characters.count ? prompt.editor.characters[prompt.editor.cursor] : " "
        let cell = canvas[Point(x: cursorX, y: y)]
        if cell?.text.isEmpty == false {
            canvas.paint(
                Rect(x: cursorX, y: y, width: TextWidth.width(of: String(under)) == 2 ? 2 : 1, height: 1), role: .cursor
            )
        } else {
            canvas.put(" ", at: Point(x: cursorX, y: y), role: .cursor)
        }
    }

    /// The tag prompt's numbered menu on the rows above `y`, marked by ``TagMarks``: `✓` the reviewer's
    /// own tags, which a number takes off, and `◦` tags only other reviewers gave, with a row above
    /// saying so while one shows. Wrapped over as many rows as it needs, up to a third of the screen,
    /// the last row cut at the edge. When more tags than that hold, the last row ends by saying how
    /// many are not shown (a name typed still toggles them).
    private static func tagMenu(_ state: AppState, above y: Int, into canvas: inout Canvas) {
        let width = canvas.size.width
        let marks = state.prompt?.tagMarks ?? TagMarks()
        let choices = state.tagSet.enumerated().map { "\($0.offset + 1) \(marks.mark(of: $0.element))\($0.element)" }
        func joined(_ row: [String]) -> String { row.joined(separator: "  ") }
        var rows: [[String]] = []
        for choice in choices {
            if let last = rows.last, TextWidth.width(of: joined(last)) + 2 + TextWidth.width(of: choice) <= width {
                rows[rows.count - 1].append(choice)
            } else {
                rows.append([choice])
            }
        }
        let limit = max(1, canvas.size.height / 3)
        var shown = Array(rows.prefix(limit))
        var hidden = rows.dropFirst(limit).reduce(0) { $0 + $1.count }
        var more: String { "  +\(hidden) more (type a name)" }
        // The last row gives up whole choices until the count of those left out fits after it.
        while hidden > 0, shown[shown.count - 1].count > 1,
            TextWidth.width(of: joined(shown[shown.count - 1]) + more) > width
        {
            shown[shown.count - 1].removeLast()
            hidden += 1
        }
        var lines = shown.map(joined).enumerated().map { index, row in
            index == shown.count - 1 && hidden > 0 ? row + more : row
        }
        if state.tagSet.contains(where: marks.others.contains) {
            lines.insert(TextWidth.truncate(TagMarks.legend, to: width), at: 0)
        }
        for (index, row) in lines.enumerated() {
            let rowY = y - lines.count + index
            canvas.fill(Rect(x: 0, y: rowY, width: width, height: 1), role: .hint)
            canvas.put(row, at: Point(x: 0, y: rowY), role: .hint)
        }
    }

    /// Key hints: `a accept  x reject …`, keys from the keymap. The pinned ones (help, back or quit)
    /// always show; the others fill the room left, in order, the last dropping first.
    static func hints(_ commands: [CommandDescription], mode: Mode, keymap: Keymap, y: Int, into canvas: inout Canvas) {
        let hints = commands.compactMap { command -> (key: String, name: String, pinned: Bool)? in
            guard let key = keymap.keys(for: command.command, in: mode).first else { return nil }
            return (key.description, command.hint(in: mode), command.pinnedFooterPlace != nil)
        }
        func width(_ hint: (key: String, name: String, pinned: Bool)) -> Int {
            TextWidth.width(of: hint.key) + 1 + TextWidth.width(of: hint.name) + 2
        }
        var room = canvas.size.width + 2 - hints.filter(\.pinned).reduce(0) { $0 + width($1) }
        var shown: [(key: String, name: String, pinned: Bool)] = []
        var isFull = false
        for hint in hints {
            if !hint.pinned {
                isFull = isFull || width(hint) > room
                if isFull { continue }
                room -= width(hint)
            }
            shown.append(hint)
        }
        var x = 0
        for hint in shown where x < canvas.size.width {
            x += canvas.put(hint.key, at: Point(x: x, y: y), role: .key)
            x += canvas.put(" " + hint.name, at: Point(x: x, y: y), role: .hint) + 2
        }
    }
}
