import CLibc

/// Display widths in terminal columns, measured the way ncurses measures them: glibc `wcwidth` per
/// Unicode scalar under a UTF-8 locale. `String.count` (grapheme clusters) is never a width.
///
/// Widths of strings are those of their ``Sanitizer`` glyphs, so they match what ``Canvas/put(_:at:role:maxColumns:)``
/// draws: `width(of: s)` columns from column 0, with tabs expanded from the start of `s`.
public enum TextWidth {
    /// Puts the process in a UTF-8 locale once: the user's (`setlocale(LC_ALL, "")`) when its codeset is
    /// UTF-8, otherwise `C.UTF-8`. A locale that is already UTF-8 (say, set by a test harness) is kept.
    /// In the `C` locale `wcwidth` returns -1 for é, 中 and 😀, so every width function calls this first.
    ///
    /// - returns: whether the process now runs under a UTF-8 codeset.
    @discardableResult
    public static func prepareLocale() -> Bool {
        localeIsUTF8
    }

    // A static let runs once, thread-safely, on first use.
    private static let localeIsUTF8: Bool = {
        if codesetIsUTF8() { return true }
        if setlocale(LC_ALL, "") != nil, codesetIsUTF8() { return true }
        return setlocale(LC_ALL, "C.UTF-8") != nil && codesetIsUTF8()
    }()

    private static func codesetIsUTF8() -> Bool {
        guard let codeset = trove_locale_codeset() else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    /// The raw `wcwidth` of one scalar: 0 (combining, zero-width), 1, 2 (East Asian wide, emoji), or -1
    /// when the C library deems it unprintable (controls).
    public static func width(of scalar: Unicode.Scalar) -> Int {
        prepareLocale()
        return Int(wcwidth(wchar_t(bitPattern: scalar.value)))
    }

    /// The columns `text` takes when drawn from column 0 (after sanitizing).
    public static func width(of text: some StringProtocol) -> Int {
        var columns = 0
        for glyph in Sanitizer.glyphs(text) {
            columns += glyph.kind == .tab ? Sanitizer.tabWidth(atColumn: columns) : glyph.width
        }
        return columns
    }

    /// `text` cut to at most `columns` display columns. Text that fits is returned unchanged; otherwise
    /// whole glyphs are kept and `ellipsis` is appended, all within `columns` (a wide glyph that would
    /// straddle the limit is dropped). With fewer columns than the ellipsis needs, no ellipsis is added.
    public static func truncate(_ text: some StringProtocol, to columns: Int, ellipsis: String = "…") -> String {
        let whole = String(text)
        guard columns > 0 else { return "" }
        guard width(of: whole) > columns else { return whole }
        let ellipsisWidth = width(of: ellipsis)
        let budget = ellipsisWidth <= columns ? columns - ellipsisWidth : columns
        var used = 0
        var end = 0
        for glyph in Sanitizer.glyphs(whole) {
            let glyphWidth = glyph.kind == .tab ? Sanitizer.tabWidth(atColumn: used) : glyph.width
            guard used + glyphWidth <= budget else { break }
            used += glyphWidth
            end = glyph.source.upperBound
        }
        let kept = String(String.UnicodeScalarView(whole.unicodeScalars.prefix(end)))
        return ellipsisWidth <= columns ? kept + ellipsis : kept
    }

    /// `text` cut to at most `columns` display columns in the middle, keeping its start and its end
    /// (`fireact-o…s.jsonl:144`), so texts that differ only at their ends stay distinct. The end gets
    /// the larger half. Text that fits is returned unchanged; below 3 columns this is ``truncate(_:to:ellipsis:)``.
    public static func truncateMiddle(_ text: some StringProtocol, to columns: Int) -> String {
        let whole = String(text)
        guard width(of: whole) > columns else { return whole }
        guard columns >= 3 else { return truncate(whole, to: columns) }
        let tailBudget = columns / 2
        var tailWidth = 0
        var tailStart = whole.unicodeScalars.count
        for glyph in Sanitizer.glyphs(whole).reversed() {
            guard glyph.kind != .tab, tailWidth + glyph.width <= tailBudget else { break }
            tailWidth += glyph.width
            tailStart = glyph.source.lowerBound
        }
        let tail = String(String.UnicodeScalarView(Array(whole.unicodeScalars)[tailStart...]))
        let head = truncate(whole, to: columns - tailWidth - 1, ellipsis: "")
        return head + "…" + tail
    }
}
