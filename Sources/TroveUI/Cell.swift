/// One terminal cell of a ``Canvas``.
public struct Cell: Hashable, Sendable {
    /// One spacing glyph plus its zero-width followers, already sanitized. `""` marks the right half of
    /// the wide glyph in the cell to the left.
    public var text: String
    public var role: Role

    public init(text: String, role: Role) {
        self.text = text
        self.role = role
    }

    /// A space in ``Role/text``.
    public static let blank = Cell(text: " ", role: .text)

    /// Whether this cell is covered by the wide glyph to its left.
    public var isContinuation: Bool { text.isEmpty }
}
