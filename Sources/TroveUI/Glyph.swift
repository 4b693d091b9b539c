/// One drawable unit of text after sanitizing: a spacing scalar (or its stand-in) plus the zero-width
/// scalars attached to it, or a tab.
public struct Glyph: Hashable, Sendable {
    /// How a glyph came to be.
    public enum Kind: Hashable, Sendable {
        /// Text from the input, drawn as is.
        case plain
        /// A stand-in for a control, format or invalid scalar; drawn with ``Role/escaped``.
        case escaped
        /// A tab; its width depends on the column it lands on (``Sanitizer/tabWidth(atColumn:)``).
        case tab
    }

    /// What one cell shows: at most ``Sanitizer/maxScalarsPerCell`` scalars. A single space for a tab.
    public var text: String
    /// Display columns: 1 or 2, or 0 for a tab (resolved by the consumer from its column).
    public var width: Int
    public var kind: Kind
    /// The input scalars this glyph stands for, as offsets into the input's `unicodeScalars`. Scalars dropped
    /// past the per-cell limit are still covered, so consecutive ranges tile the input.
    public var source: Range<Int>

    public init(text: String, width: Int, kind: Kind, source: Range<Int>) {
        self.text = text
        self.width = width
        self.kind = kind
        self.source = source
    }

    /// Whether line wrapping may break at this glyph.
    public var isWhitespace: Bool { kind == .tab || (kind == .plain && text == " ") }
}
