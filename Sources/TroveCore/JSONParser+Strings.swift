// Strings are most of the bytes of a trajectory record, so this is the parser's hot path.

extension JSONParser {
    /// Parses the string whose opening quote is at `position` and moves past its closing quote.
    ///
    /// Invalid UTF-8 becomes U+FFFD, and so does a `\u` escape of a lone surrogate.
    @inline(__always)
    mutating func parseString() throws(JSONSyntaxError) -> String {
        position += 1
        let start = position
        let (stop, isASCII) = scanString(from: start)
        if stop < count, base[stop] == UInt8(ascii: "\"") {
            position = stop + 1
            return UTF8Validation.makeString(base + start, count: stop - start, isASCII: isASCII)
        }
        return try parseEscapedString(from: start, stop: stop, isASCII: isASCII)
    }

    /// The offset of the first quote, backslash or control byte at or after `offset` (`count` if none), and
    /// whether the bytes before it are all ASCII.
    @inline(__always)
    func scanString(from offset: Int) -> (stop: Int, isASCII: Bool) {
        var index = offset
        var seen = SIMD16<UInt8>()
        while index + 16 <= count {
            let chunk = StringChunk(base + index)
            if let special = chunk.firstSpecial {
                return (index + special, Self.isASCII(seen, chunk.before(special)))
            }
            seen |= chunk.bytes
            index += 16
        }
        var high: UInt8 = Self.isASCII(seen, 0) ? 0 : 0x80
        while index < count {
            let byte = base[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            high |= byte
            index += 1
        }
        return (index, high < 0x80)
    }

    /// Whether no byte of `seen` nor of `word` has its high bit set.
    @inline(__always)
    static func isASCII(_ seen: SIMD16<UInt8>, _ word: UInt64) -> Bool {
        let seenWords = unsafeBitCast(seen, to: SIMD2<UInt64>.self)
        return (seenWords[0] | seenWords[1] | word) & 0x8080_8080_8080_8080 == 0
    }

    /// Finishes a string whose first special byte, at `stop`, is not its closing quote, decoding it into
    /// ``decoded``. `isASCII` tells whether the bytes before `stop` are ASCII.
    ///
    /// Each 16-byte chunk is stored to the output whole before it is searched, so a run between escapes
    /// costs vector stores rather than a copy call. The store never passes the output's end: the output
    /// is as long as the input after the string's start, and never runs ahead of the input.
    @inline(never)
    private mutating func parseEscapedString(from start: Int, stop: Int, isASCII: Bool) throws(JSONSyntaxError)
        -> String
    {
        // A decoded string is never longer than its source, and later strings start later, so room for the
        // rest of the input serves every string of this parse.
        let output: UnsafeMutablePointer<UInt8>
        if let decoded {
            output = decoded
        } else {
            output = .allocate(capacity: count - start)
            decoded = output
        }
        var length = stop - start
        output.initialize(from: base + start, count: length)
        position = stop
        // The high bits of the bytes written so far, as a word and as a vector, to tell ASCII at the end.
        var high: UInt64 = isASCII ? 0 : 0x80
        var seen = SIMD16<UInt8>()
        while true {
            guard position < count else { throw error("unterminated string") }
            let byte = base[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return UTF8Validation.makeString(output, count: length, isASCII: Self.isASCII(seen, high))
            }
            if byte == UInt8(ascii: "\\") {
                position += 1
                let written = try parseEscape(into: output + length)
                // An escape writes one scalar, so its first byte tells whether it is ASCII.
                high |= UInt64(output[length])
                length += written
            } else if byte < 0x20 {
                throw error("unescaped control character \(hex(byte)) in a string")
            } else {
                // Only in the last 15 bytes of the input, where chunks do not fit.
                output[length] = byte
                high |= UInt64(byte)
                length += 1
                position += 1
            }
            while position + 16 <= count {
                let chunk = StringChunk(base + position)
                UnsafeMutableRawPointer(output + length).storeBytes(of: chunk.bytes, as: SIMD16<UInt8>.self)
                if let special = chunk.firstSpecial {
                    high |= chunk.before(special)
                    length += special
                    position += special
                    break
                }
                seen |= chunk.bytes
                length += 16
                position += 16
            }
        }
    }

    /// Decodes the escape after a backslash at `position` into `output`, returning how many bytes it wrote
    /// (at most 4, never more than the escape's own length).
    private mutating func parseEscape(into output: UnsafeMutablePointer<UInt8>) throws(JSONSyntaxError) -> Int {
        guard position < count else { throw error("unterminated escape") }
        let byte = base[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.pointee = byte
        case UInt8(ascii: "b"): output.pointee = 0x08
        case UInt8(ascii: "f"): output.pointee = 0x0C
        case UInt8(ascii: "n"): output.pointee = 0x0A
        case UInt8(ascii: "r"): output.pointee = 0x0D
        case UInt8(ascii: "t"): output.pointee = 0x09
        case UInt8(ascii: "u"): return Self.encodeUTF8(try parseUnicodeEscape(), into: output)
        default:
            position -= 1
            throw error("invalid escape '\\\(describeByte())'")
        }
        return 1
    }

    /// The scalar of a `\u` escape whose four hex digits start at `position`, joining a surrogate pair
    /// written as two escapes; a lone surrogate is U+FFFD.
    private mutating func parseUnicodeEscape() throws(JSONSyntaxError) -> UInt32 {
        let unit = try parseHex4()
        switch unit {
        case 0xD800..<0xDC00:
            guard position + 1 < count, base[position] == UInt8(ascii: "\\"), base[position + 1] == UInt8(ascii: "u")
            else { return 0xFFFD }
            let saved = position
            position += 2
            let low = try parseHex4()
            guard (0xDC00..<0xE000).contains(low) else {
                // Not a pair: the next escape is decoded on its own.
                position = saved
                return 0xFFFD
            }
            return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
        case 0xDC00..<0xE000: return 0xFFFD
        default: return unit
        }
    }

    private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        guard position + 4 <= count else { throw error("unterminated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = base[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("invalid hex digit in \\u escape")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    /// Writes `scalar` (a Unicode scalar value, never a surrogate) as UTF-8 and returns its length.
    private static func encodeUTF8(_ scalar: UInt32, into output: UnsafeMutablePointer<UInt8>) -> Int {
        switch scalar {
        case 0..<0x80:
            output[0] = UInt8(scalar)
            return 1
        case 0x80..<0x800:
            output[0] = UInt8(0xC0 | scalar >> 6)
            output[1] = UInt8(0x80 | scalar & 0x3F)
            return 2
        case 0x800..<0x10000:
            output[0] = UInt8(0xE0 | scalar >> 12)
            output[1] = UInt8(0x80 | scalar >> 6 & 0x3F)
            output[2] = UInt8(0x80 | scalar & 0x3F)
            return 3
        default:
            output[0] = UInt8(0xF0 | scalar >> 18)
            output[1] = UInt8(0x80 | scalar >> 12 & 0x3F)
            output[2] = UInt8(0x80 | scalar >> 6 & 0x3F)
            output[3] = UInt8(0x80 | scalar & 0x3F)
            return 4
        }
    }
}
