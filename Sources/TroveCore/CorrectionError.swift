/// A corrected turn text the store cannot keep as it is.
public enum CorrectionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text holds U+0000 (NUL) on line `line` (1-based). SQLite's and libpq's text interfaces end a
    /// text at NUL, so storing it would silently drop everything after it.
    case holdsNUL(line: Int)

    /// Throws when `text` cannot be stored as a correction. Both backends' `setText` ask this first, so a
    /// correction is kept whole or not at all; `trove edit` and `e` in review say what the store refused.
    public static func check(_ text: String) throws(CorrectionError) {
        var line = 1
        for byte in text.utf8 {
            if byte == 0 { throw .holdsNUL(line: line) }
            if byte == UInt8(ascii: "\n") { line += 1 }
        }
    }

    public var description: String {
        switch self {
        case .holdsNUL(let line):
            "line \(line) holds a NUL character (U+0000), which the store cannot keep: the text after it would "
                + "be lost; remove it"
        }
    }
}
