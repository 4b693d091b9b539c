/// What a run of bytes is as UTF-8: all ASCII, valid with some multi-byte scalars, or invalid.
///
/// The JSON parser knows from its string scan whether a string is ASCII; for the others, classifying here
/// (ASCII skipped eight bytes at a time) lets ``makeString(_:count:isASCII:)`` build the `String` without
/// the standard library validating the bytes again.
enum UTF8Validation: Equatable {
    case ascii
    case valid
    case invalid

    /// Classifies the `count` bytes at `start` by the rules of Unicode's table 3-7 (well-formed UTF-8): no
    /// overlong forms, no surrogates, nothing above U+10FFFF, no truncated sequence.
    static func classify(_ start: UnsafePointer<UInt8>, count: Int) -> UTF8Validation {
        let highBits: UInt64 = 0x8080_8080_8080_8080
        var index = 0
        var isASCII = true
        while index < count {
            if index + 8 <= count {
                let high = UnsafeRawPointer(start + index).loadUnaligned(as: UInt64.self) & highBits
                if high == 0 {
                    index += 8
                    continue
                }
                // Little-endian: the lowest marked byte is the first non-ASCII one.
                index += high.trailingZeroBitCount >> 3
            }
            let lead = start[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            isASCII = false
            let length: Int
            // The range of the second byte; the others are plain continuation bytes.
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                high = 0x9F
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                high = 0x8F
            default: return .invalid
            }
            guard index + length <= count else { return .invalid }
            let second = start[index + 1]
            guard second >= low, second <= high else { return .invalid }
            for offset in 2..<length where start[index + offset] & 0xC0 != 0x80 { return .invalid }
            index += length
        }
        return isASCII ? .ascii : .valid
    }

    /// The `count` bytes at `start` as a `String`, invalid UTF-8 replaced by U+FFFD as
    /// `String(decoding:as:)` does. `isASCII` must be true only if every byte is below 0x80.
    @inline(__always)
    static func makeString(_ start: UnsafePointer<UInt8>, count: Int, isASCII: Bool) -> String {
        let buffer = UnsafeBufferPointer(start: start, count: count)
        if #available(macOS 26, iOS 26, watchOS 26, tvOS 26, visionOS 26, *),
            isASCII || classify(start, count: count) == .valid
        {
            // Already validated here, so the copy into the String is all that is left to do.
            return String(copying: unsafe UTF8Span(unchecked: buffer.span, isKnownASCII: isASCII))
        }
        return String(decoding: buffer, as: UTF8.self)
    }
}
