import TroveUI

/// Just enough of an xterm to know what a full-screen program has drawn: cursor movement, erasing,
/// scrolling, repeats and UTF-8 text of the sequences ncurses and VisiData emit. Attributes, modes and
/// title strings are read and dropped.
///
/// ```swift
/// var screen = TerminalScreen(columns: 80, rows: 24)
/// screen.feed(Array("\u{1b}[24;1Hq quit".utf8))
/// screen.line(23)  // "q quit"
/// ```
struct TerminalScreen {
    let columns: Int
    let rows: Int
    private var cells: [[String]]
    private var x = 0
    private var y = 0
    private var wrapPending = false
    private var saved = (x: 0, y: 0)
    private var scrollTop = 0
    private var scrollBottom: Int
    private var lastPrinted = " "
    private var parser = Parser.ground
    private var parameters: [UInt8] = []
    private var pendingUTF8: [UInt8] = []

    private enum Parser {
        case ground
        case escape
        case controlSequence
        /// OSC and DCS strings, up to BEL or ESC \.
        case string
        case stringEscape
        /// The one byte after ESC ( and its kin.
        case charset
    }

    init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
        self.scrollBottom = rows - 1
        self.cells = Array(repeating: Array(repeating: " ", count: columns), count: rows)
    }

    /// Row `y` of the screen as text, without trailing blanks.
    func line(_ y: Int) -> String {
        guard cells.indices.contains(y) else { return "" }
        var text = cells[y].joined()
        while text.last == " " { text.removeLast() }
        return text
    }

    /// The whole screen, one line per row.
    var text: String { (0..<rows).map(line).joined(separator: "\n") }

    /// Interprets output bytes in order; a sequence may be split across calls.
    mutating func feed(_ bytes: some Sequence<UInt8>) {
        for byte in bytes { consume(byte) }
    }

    private mutating func consume(_ byte: UInt8) {
        switch parser {
        case .ground: ground(byte)
        case .escape: escape(byte)
        case .controlSequence:
            if byte >= 0x40, byte <= 0x7e {
                parser = .ground
                controlSequence(final: byte)
            } else {
                parameters.append(byte)
            }
        case .string: if byte == 0x07 { parser = .ground } else if byte == 0x1b { parser = .stringEscape }
        case .stringEscape: parser = byte == UInt8(ascii: "\\") ? .ground : .string
        case .charset: parser = .ground
        }
    }

    private mutating func ground(_ byte: UInt8) {
        if !pendingUTF8.isEmpty || byte >= 0x80 {
            utf8(byte)
            return
        }
        switch byte {
        case 0x1b: parser = .escape
        case 0x0d: moveTo(x: 0, y: y)
        case 0x0a, 0x0b, 0x0c: lineFeed()
        case 0x08: moveTo(x: x - 1, y: y)
        case 0x09: moveTo(x: (x / 8 + 1) * 8, y: y)
        case 0x20...0x7e: print(String(UnicodeScalar(byte)), width: 1)
        default: break
        }
    }

    private mutating func utf8(_ byte: UInt8) {
        pendingUTF8.append(byte)
        let lead = pendingUTF8[0]
        let length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1
        guard pendingUTF8.count >= length else { return }
        let text = String(decoding: pendingUTF8, as: UTF8.self)
        pendingUTF8 = []
        for scalar in text.unicodeScalars {
            print(String(scalar), width: TextWidth.width(of: scalar))
        }
    }

    private mutating func escape(_ byte: UInt8) {
        parser = .ground
        switch byte {
        case UInt8(ascii: "["):
            parameters = []
            parser = .controlSequence
        case UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "_"), UInt8(ascii: "^"): parser = .string
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "#"):
            parser = .charset
        case UInt8(ascii: "7"): saved = (x, y)
        case UInt8(ascii: "8"): moveTo(x: saved.x, y: saved.y)
        case UInt8(ascii: "D"): lineFeed()
        case UInt8(ascii: "E"):
            moveTo(x: 0, y: y)
            lineFeed()
        case UInt8(ascii: "M"): if y == scrollTop { scroll(by: -1) } else { moveTo(x: x, y: y - 1) }
        default: break
        }
    }

    private mutating func controlSequence(final: UInt8) {
        let isPrivate = parameters.first.map { $0 < 0x30 || $0 > 0x3b } ?? false
        let numbers = String(decoding: parameters, as: UTF8.self).split(
            separator: ";", omittingEmptySubsequences: false
        )
        .map { Int($0) }
        func number(_ index: Int, default value: Int = 1) -> Int {
            guard index < numbers.count, let number = numbers[index], number > 0 else { return value }
            return number
        }
        guard !isPrivate else { return }
        switch UnicodeScalar(final) {
        case "H", "f": moveTo(x: number(1) - 1, y: number(0) - 1)
        case "d": moveTo(x: x, y: number(0) - 1)
        case "G", "`": moveTo(x: number(0) - 1, y: y)
        case "A": moveTo(x: x, y: y - number(0))
        case "B", "e": moveTo(x: x, y: y + number(0))
        case "C", "a": moveTo(x: x + number(0), y: y)
        case "D": moveTo(x: x - number(0), y: y)
        case "E": moveTo(x: 0, y: y + number(0))
        case "F": moveTo(x: 0, y: y - number(0))
        case "K": eraseInLine(number(0, default: 0))
        case "J": eraseInDisplay(number(0, default: 0))
        case "X": blank(row: y, from: x, to: min(columns, x + number(0)))
        case "@":
            let count = min(number(0), columns - x)
            cells[y].insert(contentsOf: Array(repeating: " ", count: count), at: x)
            cells[y].removeLast(count)
        case "P":
            let count = min(number(0), columns - x)
            cells[y].removeSubrange(x..<x + count)
            cells[y].append(contentsOf: Array(repeating: " ", count: count))
        case "L": if (scrollTop...scrollBottom).contains(y) { shiftLines(from: y, by: number(0)) }
        case "M": if (scrollTop...scrollBottom).contains(y) { shiftLines(from: y, by: -number(0)) }
        case "S": scroll(by: number(0))
        case "T": scroll(by: -number(0))
        case "b": for _ in 0..<min(number(0), columns * rows) { print(lastPrinted, width: 1) }
        case "r":
            scrollTop = number(0) - 1
            scrollBottom = min(rows, number(1, default: rows)) - 1
            moveTo(x: 0, y: 0)
        default: break
        }
    }

    // MARK: - Screen operations

    private mutating func moveTo(x newX: Int, y newY: Int) {
        x = max(0, min(columns - 1, newX))
        y = max(0, min(rows - 1, newY))
        wrapPending = false
    }

    private mutating func print(_ text: String, width: Int) {
        if width <= 0 {
            if x > 0 { cells[y][x - 1] += text }
            return
        }
        if wrapPending || x + width > columns {
            moveTo(x: 0, y: y)
            lineFeed()
        }
        cells[y][x] = text
        if width == 2, x + 1 < columns { cells[y][x + 1] = "" }
        lastPrinted = text
        if x + width >= columns {
            x = columns - 1
            wrapPending = true
        } else {
            x += width
        }
    }

    private mutating func lineFeed() {
        wrapPending = false
        if y == scrollBottom { scroll(by: 1) } else { y = min(rows - 1, y + 1) }
    }

    /// Scrolls the scroll region up by `count` lines (down when negative).
    private mutating func scroll(by count: Int) {
        shiftLines(from: scrollTop, by: -count)
    }

    /// Inserts `count` blank lines at `row` within the scroll region (deletes when negative).
    private mutating func shiftLines(from row: Int, by count: Int) {
        let blankLine = Array(repeating: " ", count: columns)
        var region = Array(cells[row...scrollBottom])
        let amount = min(abs(count), region.count)
        if count > 0 {
            region.insert(contentsOf: Array(repeating: blankLine, count: amount), at: 0)
            region.removeLast(amount)
        } else {
            region.removeFirst(amount)
            region.append(contentsOf: Array(repeating: blankLine, count: amount))
        }
        cells.replaceSubrange(row...scrollBottom, with: region)
    }

    private mutating func blank(row: Int, from start: Int, to end: Int) {
        guard start < end else { return }
        for column in start..<end { cells[row][column] = " " }
    }

    private mutating func eraseInLine(_ mode: Int) {
        switch mode {
        case 0: blank(row: y, from: x, to: columns)
        case 1: blank(row: y, from: 0, to: x + 1)
        default: blank(row: y, from: 0, to: columns)
        }
    }

    private mutating func eraseInDisplay(_ mode: Int) {
        switch mode {
        case 0:
            eraseInLine(0)
            for row in y + 1..<rows { blank(row: row, from: 0, to: columns) }
        case 1:
            for row in 0..<y { blank(row: row, from: 0, to: columns) }
            eraseInLine(1)
        default:
            for row in 0..<rows { blank(row: row, from: 0, to: columns) }
        }
    }
}
