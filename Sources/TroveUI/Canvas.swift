/// A grid of cells that screens render into and a terminal backend blits: the UI's only drawing target,
/// so screens are tested as text without a terminal (ratatui's `Buffer`).
///
/// All text goes through ``Sanitizer`` inside ``put(_:at:role:maxColumns:)``: controls never reach the
/// terminal and widths follow `wcwidth`. Wide glyphs take two cells, the second holding `""`; overwriting
/// either half of a wide glyph blanks the other half, so the grid never holds half a glyph.
///
/// ```swift
/// var canvas = Canvas(size: Size(width: 80, height: 24))
/// canvas.fill(Rect(x: 0, y: 23, width: 80, height: 1), role: .statusBar)
/// let used = canvas.put("trove · 中文", at: Point(x: 1, y: 23), role: .statusBar)
/// ```
public struct Canvas: Hashable, Sendable {
    public private(set) var size: Size
    /// Row-major cells, `size.area` of them.
    public private(set) var cells: [Cell]

    /// A canvas of blank cells.
    public init(size: Size) {
        self.size = size
        self.cells = Array(repeating: .blank, count: size.area)
    }

    /// Blanks every cell and takes on `size`; call before rendering a frame.
    public mutating func reset(to size: Size) {
        self.size = size
        cells = Array(repeating: .blank, count: size.area)
    }

    /// The whole canvas as a rectangle at the origin.
    public var bounds: Rect { Rect(origin: .zero, size: size) }

    /// The cell at `point`, or `nil` outside the canvas.
    public subscript(point: Point) -> Cell? {
        bounds.contains(point) ? cells[point.y * size.width + point.x] : nil
    }

    // MARK: - Drawing

    /// Draws `text` on one row starting at `point`, sanitized, and returns the columns used.
    ///
    /// Drawing stops at the right edge, after `maxColumns` columns, or at the end of the text; it never
    /// wraps. A wide glyph with one column left becomes a space. Escaped glyphs (see ``Sanitizer``) take
    /// ``Role/escaped``; everything else takes `role`. Tabs expand from `point.x`. Nothing is drawn when
    /// `point` lies outside the canvas.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, at point: Point, role: Role, maxColumns: Int? = nil) -> Int {
        guard bounds.contains(point) else { return 0 }
        let limit = min(size.width - point.x, maxColumns ?? .max)
        var used = 0
        for glyph in Sanitizer.glyphs(text) {
            guard used < limit else { break }
            let x = point.x + used
            switch glyph.kind {
            case .tab:
                let columns = min(Sanitizer.tabWidth(atColumn: used), limit - used)
                for offset in 0..<columns { place(" ", width: 1, role: role, x: x + offset, y: point.y) }
                used += columns
            case .plain, .escaped:
                let glyphRole = glyph.kind == .escaped ? Role.escaped : role
                if glyph.width > limit - used {
                    place(" ", width: 1, role: role, x: x, y: point.y)
                    return used + 1
                }
                place(glyph.text, width: glyph.width, role: glyphRole, x: x, y: point.y)
                used += glyph.width
            }
        }
        return used
    }

    /// Fills the part of `rect` inside the canvas with `character` (a single-width, printable character)
    /// in `role`.
    public mutating func fill(_ rect: Rect, role: Role, with character: Character = " ") {
        let area = rect.intersection(bounds)
        for y in area.minY..<area.maxY {
            for x in area.minX..<area.maxX { place(String(character), width: 1, role: role, x: x, y: y) }
        }
    }

    /// Gives every cell of `rect` (inside the canvas) the role `role`, keeping its text: for selection
    /// bars and search-hit highlights drawn over rendered text.
    public mutating func paint(_ rect: Rect, role: Role) {
        let area = rect.intersection(bounds)
        for y in area.minY..<area.maxY {
            for x in area.minX..<area.maxX { cells[y * size.width + x].role = role }
        }
    }

    /// Copies the cells of `other` (a whole canvas, wide glyphs whole) with its origin at `point`, the
    /// part that fits.
    public mutating func draw(_ other: Canvas, at point: Point) {
        for y in 0..<other.size.height where point.y + y < size.height {
            for x in 0..<other.size.width where point.x + x < size.width {
                let cell = other.cells[y * other.size.width + x]
                // A wide glyph whose right half would fall off the edge becomes a space.
                let cut =
                    point.x + x + 1 == size.width && x + 1 < other.size.width
                    && other.cells[y * other.size.width + x + 1].isContinuation
                cells[(point.y + y) * size.width + point.x + x] = cut ? Cell(text: " ", role: cell.role) : cell
            }
        }
    }

    private mutating func place(_ text: String, width: Int, role: Role, x: Int, y: Int) {
        let row = y * size.width
        // A wide glyph starting left of x loses its right half, one whose right half is past the new
        // glyph loses its left half: blank the leftovers.
        if cells[row + x].isContinuation, x > 0 { cells[row + x - 1].text = " " }
        let after = x + width
        if after < size.width, cells[row + after].isContinuation { cells[row + after].text = " " }
        cells[row + x] = Cell(text: text, role: role)
        if width == 2 { cells[row + x + 1] = Cell(text: "", role: role) }
    }

    // MARK: - Snapshots

    /// Each row's text, continuation cells contributing nothing: a row's display width is `size.width`.
    public var lines: [String] {
        (0..<size.height).map { y in
            cells[y * size.width..<(y + 1) * size.width].reduce(into: "") { $0 += $1.text }
        }
    }

    /// Each row as one ``Role/letter`` per cell (continuation cells included), for style snapshots.
    public var roleLines: [String] {
        (0..<size.height).map { y in
            String(cells[y * size.width..<(y + 1) * size.width].map(\.role.letter))
        }
    }
}
