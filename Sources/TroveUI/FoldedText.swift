/// A text lowercased for a search that ignores case, with the way back from its scalars to the text's
/// (lowercasing can change a scalar count: `İ` becomes two).
struct FoldedText {
    let lowered: String
    /// For each scalar of ``lowered``, the scalars of the text's character it came from.
    private let sources: [Range<Int>]?

    /// `text` with `lowered`, its `lowercased()`.
    init(_ text: String, lowered: String) {
        guard lowered.unicodeScalars.count != text.unicodeScalars.count else {
            self.lowered = lowered
            self.sources = nil
            return
        }
        var folded = ""
        var sources: [Range<Int>] = []
        var offset = 0
        for character in text {
            let count = character.unicodeScalars.count
            let lower = String(character).lowercased()
            folded += lower
            sources += Array(repeating: offset..<(offset + count), count: lower.unicodeScalars.count)
            offset += count
        }
        self.lowered = folded
        self.sources = sources
    }

    /// The scalar ranges of the text that hold `needle` (lowercase), without overlaps.
    func occurrences(of needle: String) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var searchFrom = lowered.startIndex
        var index = lowered.startIndex
        var offset = 0
        while let found = lowered[searchFrom...].firstRange(of: needle) {
            offset += lowered.unicodeScalars.distance(from: index, to: found.lowerBound)
            let start = offset
            offset += lowered.unicodeScalars.distance(from: found.lowerBound, to: found.upperBound)
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
