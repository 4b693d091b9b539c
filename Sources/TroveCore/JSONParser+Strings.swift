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
        let quote = SIMD16<UInt8>(repeating: UInt8(ascii: "\""))
        let backslash = SIMD16<UInt8>(repeating: UInt8(ascii: "\\"))
        let space = SIMD16<UInt8>(repeating: 0x20)
        var index = offset
        var seen = SIMD16<UInt8>()
        while index + 16 <= count {
            let bytes = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD16<UInt8>.self)
            let special = bytes .== quote .| bytes .== backslash .| bytes .< space
            // Each lane of the mask is 0x00 or 0xFF, so as two little-endian words its lowest set bit is the
            // first special byte (and testing the words is cheaper than the generic `any`).
            let lanes = unsafeBitCast(special, to: SIMD2<UInt64>.self)
            if lanes[0] | lanes[1] != 0 {
                let words = unsafeBitCast(bytes, to: SIMD2<UInt64>.self)
                let seenWords = unsafeBitCast(seen, to: SIMD2<UInt64>.self)
                var high = seenWords[0] | seenWords[1]
                let stop: Int
                if lanes[0] != 0 {
                    high |= words[0] & ~lanes[0] & (lanes[0] &- 1)
                    stop = index + lanes[0].trailingZeroBitCount >> 3
                } else {
                    high |= words[0] | words[1] & ~lanes[1] & (lanes[1] &- 1)
                    stop = index + 8 + lanes[1].trailingZeroBitCount >> 3
                }
                return (stop, high & 0x8080_8080_8080_8080 == 0)
            }
            seen |= bytes
            index += 16
        }
        let seenWords = unsafeBitCast(seen, to: SIMD2<UInt64>.self)
        var high = UInt8(truncatingIfNeeded: (seenWords[0] | seenWords[1]) & 0x8080_8080_8080_8080 != 0 ? 0x80 : 0)
        while index < count {
            let byte = base[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            high |= byte
            index += 1
        }
        return (index, high < 0x80)
    }

    /// Finishes a string whose first special byte, at `stop`, is not its closing quote: decodes it into
    /// ``decoded`` run by run, escape by escape. `isASCII` tells whether the bytes before `stop` are ASCII.
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
        var length = 0
        var runStart = start
        var (stop, isASCII) = (stop, isASCII)
        while true {
            let run = stop - runStart
            (output + length).initialize(from: base + runStart, count: run)
            length += run
            position = stop
            guard stop < count else { throw error("unterminated string") }
            let byte = base[stop]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return UTF8Validation.makeString(output, count: length, isASCII: isASCII)
            }
            if byte < 0x20 { throw error("unescaped control character \(hex(byte)) in a string") }
            position += 1
            let written = try parseEscape(into: output + length)
            // An escape writes one scalar, so its first byte tells whether it is ASCII.
            let escapeIsASCII = output[length] < 0x80
            length += written
            runStart = position
            let next = scanString(from: position)
            stop = next.stop
            isASCII = isASCII && escapeIsASCII && next.isASCII
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
