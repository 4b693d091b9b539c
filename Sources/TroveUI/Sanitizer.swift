/// Turns arbitrary text into glyphs that are safe to hand to a terminal and whose widths are known.
///
/// Data bytes never reach the terminal raw (trajectories contain ESC/OSC sequences, BEL, `\r`, bidi
/// overrides). The rules, applied per Unicode scalar before any width is measured:
/// - C0 controls and DEL become Control Pictures (ESC → `␛`, BEL → `␇`, `\r` → `␍`, DEL → `␡`);
///   `\n` becomes `↵` (callers split lines themselves); all are ``Glyph/Kind/escaped``.
/// - Tab becomes spaces up to the next multiple of ``tabStop`` columns, counted from the start of the text.
/// - C1 controls (U+0080–U+009F), format characters (general category Cf, which includes the bidi
///   controls U+200E/F, U+202A–E, U+2066–9, U+061C, U+200B, U+2060, U+FEFF and the tag characters
///   U+E0000–E007F), line/paragraph separators and scalars the C library cannot print become
///   ``formatReplacement`` `¤` (escaped): a character that is there but not shown.
/// - U+FFFD itself stays ``replacement`` `�` (escaped): the importer puts it where bytes were not
///   UTF-8, so `�` on screen means bad encoding and nothing else.
/// - The zero-width joiner (U+200D) never reaches the terminal: a terminal joins it with whatever it
///   draws next (tmux even after a cursor move, so one at a line's end merged the next row's first glyph
///   into its cell), while the width here counts each joined character. Between two emoji it is
///   dropped, so the sequence shows as its parts (👩‍💻 as 👩💻, the fallback Unicode gives such
///   sequences); after any other glyph it becomes `¤` like U+200B. ZWNJ (U+200C) stays, as a mark on the
///   glyph before: it joins nothing, and Persian and Indic text need it.
/// - The emoji and text presentation selectors (U+FE0F, U+FE0E) are dropped: a terminal that honours
///   U+FE0F draws `❤️` two columns wide where the C library counts one. Other variation selectors
///   (ideographic and mathematical variants) change no width and stay as marks.
/// - Zero-width scalars (combining marks, other variation selectors, ZWNJ) attach to the previous glyph,
///   up to ``maxScalarsPerCell`` scalars per cell as in ncurses (`CCHARW_MAX`); further ones are dropped.
///   With nothing to attach to, they sit on a space. A joiner or presentation selector at the start of
///   the text (a page that starts inside a character) is dropped, its scalar counted in the next glyph's
///   ``Glyph/source``; one with nothing at all after it is `¤`.
public enum Sanitizer {
    /// Tab stops every this many columns.
    public static let tabStop = 8
    /// Scalars one cell holds, like ncurses' `CCHARW_MAX`.
    public static let maxScalarsPerCell = 5
    /// What stands for bytes that were not UTF-8 (U+FFFD in the text): bad encoding.
    public static let replacement = "\u{FFFD}"
    /// What stands in for a character that is there but not shown: a C1 control, a format character
    /// (bidi controls, zero-width space), a stray joiner, a scalar the terminal cannot print. One column
    /// wide, and unlike ``replacement``, so bad encoding is told from hidden characters.
    public static let formatReplacement = "\u{00A4}"

    /// The columns a tab takes when it starts at `column` (0-based, relative to the text's start).
    public static func tabWidth(atColumn column: Int) -> Int {
        tabStop - column % tabStop
    }

    /// The glyphs of `text`, in order. Their ``Glyph/source`` ranges tile the input's scalars.
    public static func glyphs(_ text: some StringProtocol) -> GlyphSequence {
        GlyphSequence(scalars: String(text).unicodeScalars)
    }

    /// What one scalar becomes on its own.
    enum Mapping: Equatable {
        case tab
        case zeroWidth
        /// U+200D: dropped between two emoji, else ``formatReplacement``.
        case joiner
        /// U+FE0E and U+FE0F: dropped.
        case presentationSelector
        case glyph(String, width: Int, escaped: Bool)
    }

    /// Whether a zero-width joiner between `before` (the first scalar of the glyph it follows) and
    /// `after` joins two emoji, and may be dropped.
    static func joinsEmoji(_ before: Unicode.Scalar, _ after: Unicode.Scalar) -> Bool {
        // `isEmoji` holds for the ASCII digits, `#` and `*` too (keycap bases).
        func isEmoji(_ scalar: Unicode.Scalar) -> Bool { !scalar.isASCII && scalar.properties.isEmoji }
        return isEmoji(before) && isEmoji(after)
    }

    static func mapping(of scalar: Unicode.Scalar) -> Mapping {
        let value = scalar.value
        switch value {
        case 0x09:
            return .tab
        case 0x0A:
            return .glyph("\u{21B5}", width: 1, escaped: true)
        case 0x00...0x1F:
            return .glyph(String(Unicode.Scalar(0x2400 + value)!), width: 1, escaped: true)
        case 0x7F:
            return .glyph("\u{2421}", width: 1, escaped: true)
        case 0x80...0x9F:
            return .glyph(formatReplacement, width: 1, escaped: true)
        case 0xFFFD:
            return .glyph(replacement, width: 1, escaped: true)
        case 0x200C:
            return .zeroWidth
        case 0x200D:
            return .joiner
        case 0xFE0E, 0xFE0F:
            return .presentationSelector
        default:
            break
        }
        switch scalar.properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator, .control, .surrogate:
            return .glyph(formatReplacement, width: 1, escaped: true)
        default:
            break
        }
        switch TextWidth.width(of: scalar) {
        case 0: return .zeroWidth
        case 1: return .glyph(String(scalar), width: 1, escaped: false)
        case 2: return .glyph(String(scalar), width: 2, escaped: false)
        default: return .glyph(formatReplacement, width: 1, escaped: true)
        }
    }
}

/// The lazily computed glyphs of a text; see ``Sanitizer/glyphs(_:)``.
public struct GlyphSequence: Sequence, Sendable {
    let scalars: String.UnicodeScalarView

    public func makeIterator() -> Iterator {
        Iterator(scalars: scalars, index: scalars.startIndex, offset: 0)
    }

    public struct Iterator: IteratorProtocol, Sendable {
        let scalars: String.UnicodeScalarView
        var index: String.UnicodeScalarView.Index
        var offset: Int

        public mutating func next() -> Glyph? {
            guard index < scalars.endIndex else { return nil }
            let start = offset
            if start == 0 { skipLeadingJoiners() }
            guard index < scalars.endIndex else {
                // Only joiners and selectors: shown, as other invisible format characters are.
                return Glyph(text: Sanitizer.formatReplacement, width: 1, kind: .escaped, source: start..<offset)
            }
            let scalar = advance()
            var glyph: Glyph
            switch Sanitizer.mapping(of: scalar) {
            case .tab:
                return Glyph(text: " ", width: 0, kind: .tab, source: start..<offset)
            case .zeroWidth:
                glyph = Glyph(text: " " + String(scalar), width: 1, kind: .plain, source: start..<offset)
            case .joiner, .presentationSelector:
                // Nothing before it to join or to present: shown, as other invisible format characters are.
                glyph = Glyph(text: Sanitizer.formatReplacement, width: 1, kind: .escaped, source: start..<offset)
            case .glyph(let text, let width, let escaped):
                glyph = Glyph(text: text, width: width, kind: escaped ? .escaped : .plain, source: start..<offset)
            }
            var count = glyph.text.unicodeScalars.count
            marks: while index < scalars.endIndex {
                switch Sanitizer.mapping(of: scalars[index]) {
                case .zeroWidth:
                    let mark = advance()
                    if count < Sanitizer.maxScalarsPerCell {
                        glyph.text.unicodeScalars.append(mark)
                        count += 1
                    }
                case .presentationSelector:
                    advance()
                case .joiner:
                    let after = scalars.index(after: index)
                    guard after < scalars.endIndex, Sanitizer.joinsEmoji(scalar, scalars[after]) else { break marks }
                    advance()
                default:
                    break marks
                }
            }
            glyph.source = start..<offset
            return glyph
        }

        /// Passes the joiners and presentation selectors a text starts with: the rest of a character
        /// that began before the text (a page of a longer one), with nothing to join or present.
        private mutating func skipLeadingJoiners() {
            while index < scalars.endIndex {
                switch Sanitizer.mapping(of: scalars[index]) {
                case .joiner, .presentationSelector: advance()
                default: return
                }
            }
        }

        @discardableResult
        private mutating func advance() -> Unicode.Scalar {
            let scalar = scalars[index]
            scalars.formIndex(after: &index)
            offset += 1
            return scalar
        }
    }
}
