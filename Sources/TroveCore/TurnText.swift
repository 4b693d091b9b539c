import Foundation

/// A read-only view of one message's UTF-8 bytes with the scanning primitives
/// the step grammars need.
///
/// Implementation note: the grammars run at import over millions of turns, so
/// they scan bytes with integer offsets instead of `String.Index` or a regex
/// engine. Every cut point they choose sits on an ASCII byte (a label, a line
/// break, a bracket, white space), so each cut slice is valid UTF-8 and
/// ``string(_:)`` reproduces the original characters exactly.
///
/// The view borrows the string's storage: use it only inside
/// ``Swift/String/withTurnText(_:)``.
struct TurnText {
    let bytes: UnsafeBufferPointer<UInt8>

    var count: Int { bytes.count }

    subscript(offset: Int) -> UInt8 { bytes[offset] }

    /// The text of `range` as a string.
    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    // MARK: - Classes of bytes

    /// Space or tab: white space inside a line.
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// ASCII white space, line breaks included. Unicode spaces are content:
    /// they are rare in agent turns and trimming them would need decoding.
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// A byte of a function or tool name (`get_relations`, `search`).
    static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
            || byte == 0x5F
    }

    static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    // MARK: - Moving over white space

    /// The first offset at or after `offset` that is not a space or tab.
    func skippingSpaces(from offset: Int) -> Int {
        var index = offset
        while index < count && Self.isSpace(bytes[index]) { index += 1 }
        return index
    }

    /// The first offset at or after `offset` that is not white space.
    func skippingWhitespace(from offset: Int) -> Int {
        var index = offset
        while index < count && Self.isWhitespace(bytes[index]) { index += 1 }
        return index
    }

    /// `range` without its leading and trailing white space.
    func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper && Self.isWhitespace(bytes[lower]) { lower += 1 }
        while upper > lower && Self.isWhitespace(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    /// Whether `range` holds only white space (or nothing).
    func isBlank(_ range: Range<Int>) -> Bool { trimmed(range).isEmpty }

    /// The offset of the line break ending the line that holds `offset`, or
    /// the end of the text.
    func lineEnd(from offset: Int) -> Int {
        // Found by memchr: a loop over the bytes was two thirds of finding labels at line starts.
        guard offset < count, let base = bytes.baseAddress else { return offset }
        guard let found = memchr(base + offset, 0x0A, count - offset) else { return count }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
    }

    // MARK: - Matching literals

    /// Whether the text at `offset` starts with `literal`.
    func hasPrefix(_ literal: StaticString, at offset: Int) -> Bool {
        literal.withUTF8Buffer { needle in
            guard offset >= 0, offset + needle.count <= count else { return false }
            for index in 0..<needle.count where bytes[offset + index] != needle[index] { return false }
            return true
        }
    }

    /// Whether the text at `offset` starts with `literal`, ignoring ASCII case.
    /// `literal` must be written in lower case.
    func hasPrefixIgnoringCase(_ literal: StaticString, at offset: Int) -> Bool {
        literal.withUTF8Buffer { needle in
            guard offset >= 0, offset + needle.count <= count else { return false }
            for index in 0..<needle.count where Self.asciiLowercased(bytes[offset + index]) != needle[index] {
                return false
            }
            return true
        }
    }

    /// The first offset at or after `offset` where `literal` occurs.
    ///
    /// Implementation note: candidates are found by the C library's `memchr` for the literal's first
    /// byte; comparing at each byte in turn was half of checking observations for errors
    /// (the search for "command not found").
    func firstOffset(of literal: StaticString, from offset: Int = 0) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        return literal.withUTF8Buffer { needle -> Int? in
            let last = count - needle.count
            var index = offset
            while index <= last, let hit = memchr(base + index, Int32(needle[0]), last - index + 1) {
                let candidate = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
                if memcmp(base + candidate, needle.baseAddress!, needle.count) == 0 { return candidate }
                index = candidate + 1
            }
            return nil
        }
    }

    /// Whether `literal` occurs anywhere in the text.
    func contains(_ literal: StaticString) -> Bool { firstOffset(of: literal) != nil }

    /// The first line at or after `offset` that starts with `label`, allowing
    /// spaces and tabs before it (ALFWorld writes `" ACTION:"`).
    ///
    /// - returns: where that line starts and where the label starts.
    func firstLine(startingWith label: StaticString, from offset: Int = 0) -> (line: Int, label: Int)? {
        var lineStart = offset
        while lineStart <= count {
            let labelStart = skippingSpaces(from: lineStart)
            if hasPrefix(label, at: labelStart) { return (lineStart, labelStart) }
            let end = lineEnd(from: labelStart)
            if end >= count { return nil }
            lineStart = end + 1
        }
        return nil
    }

    /// The last offset in `range` holding `byte`.
    func lastOffset(of byte: UInt8, in range: Range<Int>) -> Int? {
        var index = range.upperBound
        while index > range.lowerBound {
            index -= 1
            if bytes[index] == byte { return index }
        }
        return nil
    }
}

extension String {
    /// Calls `body` with a ``TurnText`` over this string's UTF-8 bytes.
    ///
    /// Implementation note: `withUTF8` needs a mutable string; for the native
    /// strings the JSON decoders produce it neither copies nor changes them.
    func withTurnText<Result>(_ body: (TurnText) -> Result) -> Result {
        var text = self
        return text.withUTF8 { body(TurnText(bytes: $0)) }
    }
}
