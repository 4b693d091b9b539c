/// Finds where the members of a JSON object, or the elements of a JSON array,
/// lie in its bytes, so a record holding many trajectories (a FireAct dict, an
/// Inspect log's `samples`) can keep each one's exact bytes.
///
/// Like ``RecordReader`` it only tracks structure (bracket depth outside
/// strings); callers use it on bytes ``JSONParser`` has accepted.
enum JSONSlices {
    /// The byte range of each element of the array in `bytes[range]`, in order;
    /// empty when the range does not hold an array.
    static func elements(_ bytes: [UInt8], in range: Range<Int>) -> [Range<Int>] {
        var index = skipWhitespace(bytes, from: range.lowerBound, to: range.upperBound)
        guard index < range.upperBound, bytes[index] == UInt8(ascii: "[") else { return [] }
        index += 1
        var ranges: [Range<Int>] = []
        while true {
            index = skipWhitespace(bytes, from: index, to: range.upperBound)
            guard index < range.upperBound, bytes[index] != UInt8(ascii: "]") else { return ranges }
            let end = valueEnd(bytes, from: index, to: range.upperBound)
            ranges.append(index..<end)
            index = skipWhitespace(bytes, from: end, to: range.upperBound)
            guard index < range.upperBound, bytes[index] == UInt8(ascii: ",") else { return ranges }
            index += 1
        }
    }

    /// The byte range of each member's value in the object in `bytes[range]`,
    /// in written order, with the member's key as its raw JSON string bytes
    /// (quotes included); empty when the range does not hold an object.
    static func members(_ bytes: [UInt8], in range: Range<Int>) -> [(key: [UInt8], value: Range<Int>)] {
        var index = skipWhitespace(bytes, from: range.lowerBound, to: range.upperBound)
        guard index < range.upperBound, bytes[index] == UInt8(ascii: "{") else { return [] }
        index += 1
        var members: [(key: [UInt8], value: Range<Int>)] = []
        while true {
            index = skipWhitespace(bytes, from: index, to: range.upperBound)
            guard index < range.upperBound, bytes[index] == UInt8(ascii: "\"") else { return members }
            let keyEnd = valueEnd(bytes, from: index, to: range.upperBound)
            let key = Array(bytes[index..<keyEnd])
            index = skipWhitespace(bytes, from: keyEnd, to: range.upperBound)
            guard index < range.upperBound, bytes[index] == UInt8(ascii: ":") else { return members }
            index = skipWhitespace(bytes, from: index + 1, to: range.upperBound)
            let end = valueEnd(bytes, from: index, to: range.upperBound)
            members.append((key, index..<end))
            index = skipWhitespace(bytes, from: end, to: range.upperBound)
            guard index < range.upperBound, bytes[index] == UInt8(ascii: ",") else { return members }
            index += 1
        }
    }

    /// The range of the value of the first member named `key` of the object in `bytes[range]`.
    static func member(_ key: String, of bytes: [UInt8], in range: Range<Int>) -> Range<Int>? {
        var quoted: [UInt8] = []
        JSONWriter.writeString(key, into: &quoted)
        return members(bytes, in: range).first { $0.key == quoted }?.value
    }

    /// The end of the value starting at `start`: past its closing bracket or
    /// quote, or, for a scalar, at the next `,`, `]`, `}` or white space.
    private static func valueEnd(_ bytes: [UInt8], from start: Int, to limit: Int) -> Int {
        let first = bytes[start]
        if first == UInt8(ascii: "\"") {
            var index = start + 1
            while index < limit {
                if bytes[index] == UInt8(ascii: "\\") {
                    index += 2
                } else if bytes[index] == UInt8(ascii: "\"") {
                    return index + 1
                } else {
                    index += 1
                }
            }
            return limit
        }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            var scanner = StructureScanner()
            var index = start
            while index < limit {
                scanner.feed(bytes[index])
                index += 1
                if scanner.isComplete { return index }
            }
            return limit
        }
        var index = start
        while index < limit {
            let byte = bytes[index]
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}")
                || isWhitespace(byte)
            {
                return index
            }
            index += 1
        }
        return limit
    }

    private static func skipWhitespace(_ bytes: [UInt8], from start: Int, to limit: Int) -> Int {
        var index = start
        while index < limit, isWhitespace(bytes[index]) { index += 1 }
        return index
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
