import Foundation

/// A text folded for the search inside a trajectory as the list's search (the store's word index) folds
/// words: case, and the diacritics of Latin letters (`Café` finds `cafe` and `café`; `й` stays itself, as
/// in the index), keeping where each folded scalar came from so that a hit is marked on the text shown.
struct FoldedText {
    let folded: String
    /// For each scalar of ``folded``, the scalars of the text's character it came from; nil when each
    /// scalar folded to one scalar in place (ASCII text).
    private let sources: [Range<Int>]?

    init(_ text: String) {
        guard text.utf8.contains(where: { $0 >= 0x80 }) else {
            folded = text.lowercased()
            sources = nil
            return
        }
        var folded = ""
        var sources: [Range<Int>] = []
        var offset = 0
        for character in text {
            let count = character.unicodeScalars.count
            let piece = Self.fold(character)
            folded += piece
            sources += Array(repeating: offset..<(offset + count), count: piece.unicodeScalars.count)
            offset += count
        }
        self.folded = folded
        self.sources = sources
    }

    /// `text` folded as a searched text is (for the needle).
    static func fold(_ text: String) -> String {
        text.utf8.contains(where: { $0 >= 0x80 }) ? text.map(fold).joined() : text.lowercased()
    }

    /// One character lowercased, then, when it is a Latin letter, without its combining marks (U+0300 to
    /// U+036F after canonical decomposition), as SQLite's `remove_diacritics 2` folds them.
    private static func fold(_ character: Character) -> String {
        let lower = String(character).lowercased()
        guard lower.unicodeScalars.contains(where: { !$0.isASCII }) else { return lower }
        let scalars = lower.decomposedStringWithCanonicalMapping.unicodeScalars
        guard let base = scalars.first, isLatin(base) else { return lower }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars.filter { !(0x300...0x36F).contains($0.value) })
        return String(out)
    }

    private static func isLatin(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII
            ? scalar.properties.isAlphabetic
            : (0xC0...0x24F).contains(scalar.value)
                || (0x1E00...0x1EFF).contains(scalar.value)
    }

    /// The scalar ranges of the text that hold `needle` (folded by ``fold(_:)``), without overlaps.
    func occurrences(of needle: String) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var searchFrom = folded.startIndex
        var index = folded.startIndex
        var offset = 0
        while let found = folded[searchFrom...].firstRange(of: needle) {
            offset += folded.unicodeScalars.distance(from: index, to: found.lowerBound)
            let start = offset
            offset += folded.unicodeScalars.distance(from: found.lowerBound, to: found.upperBound)
            index = found.upperBound
            searchFrom = found.upperBound
            guard let sources else {
                ranges.append(start..<offset)
                continue
            }
            ranges.append(sources[start].lowerBound..<sources[offset - 1].upperBound)
        }
        return ranges
    }
}
