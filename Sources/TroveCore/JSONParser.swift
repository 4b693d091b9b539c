/// A strict JSON parser (RFC 8259) over UTF-8 bytes that builds ``JSONValue``s.
///
/// It keeps object members in order, numbers as their lexeme, and decodes
/// strings with invalid UTF-8 replaced by U+FFFD (the record's exact bytes are
/// kept elsewhere, so nothing is lost). Nesting deeper than ``maximumDepth``
/// is an error rather than a stack overflow, so hostile input cannot crash an
/// import.
///
/// ```swift
/// let value = try JSONParser.parse(Array(#"{"id": "db_1"}"#.utf8))
/// value.objectValue?["id"]?.stringValue  // "db_1"
/// ```
///
/// Import parses every record, so the parser is built for throughput: it reads the bytes through a
/// pointer, scans strings sixteen bytes at a time for their end and for non-ASCII bytes, builds a string
/// without escapes straight from the input (checking UTF-8 itself, and only when a byte is not ASCII), and
/// gathers the elements of open containers on shared stacks so that each finished array or object is
/// allocated once at its exact size.
public struct JSONParser: ~Copyable {
    /// How deep arrays and objects may nest before parsing fails.
    public static let maximumDepth = 512

    /// Parses one JSON value that must fill `bytes` (white space around it allowed).
    ///
    /// - throws: ``JSONSyntaxError`` naming the byte offset and what was expected.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONSyntaxError) -> JSONValue in
            try parse(buffer)
        }
    }

    /// Parses one JSON value that must fill `buffer` (white space around it allowed).
    ///
    /// - throws: ``JSONSyntaxError`` naming the byte offset and what was expected.
    public static func parse(_ buffer: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> JSONValue {
        guard let base = buffer.baseAddress, !buffer.isEmpty else {
            throw JSONSyntaxError(offset: 0, reason: "unexpected end of input, expected a value")
        }
        var parser = JSONParser(base: base, count: buffer.count)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.position < parser.count {
            throw parser.error("unexpected \(parser.describeByte()) after the end of the value")
        }
        return value
    }

    /// The input's first byte.
    let base: UnsafePointer<UInt8>
    /// The input's length in bytes.
    let count: Int
    /// The offset of the next byte to read, and of the offending byte when parsing fails.
    var position = 0
    /// Elements of the arrays being parsed, innermost last.
    private var elements = ScratchStack<JSONValue>()
    /// Members of the objects being parsed, innermost last.
    private var members = ScratchStack<JSONObject.Member>()
    /// Where strings with escapes are decoded; allocated by the first such string (see `JSONParser+Strings`).
    var decoded: UnsafeMutablePointer<UInt8>?

    private init(base: UnsafePointer<UInt8>, count: Int) {
        self.base = base
        self.count = count
    }

    deinit {
        elements.deallocate()
        members.deallocate()
        decoded?.deallocate()
    }

    // MARK: - Values

    private mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard position < count else { throw error("unexpected end of input, expected a value") }
        switch base[position] {
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
        case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
        case UInt8(ascii: "n"): return try parseLiteral("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("unexpected \(describeByte()), expected a value")
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        if depth > Self.maximumDepth { throw error("nesting deeper than \(Self.maximumDepth) levels") }
        position += 1
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return .object(JSONObject()) }
        let start = members.count
        while true {
            skipWhitespace()
            guard position < count, base[position] == UInt8(ascii: "\"") else {
                throw error("expected a member name in quotes, found \(describeByte())")
            }
            let key = try parseString()
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else {
                throw error("expected ':' after member name, found \(describeByte())")
            }
            skipWhitespace()
            let value = try parseValue(depth: depth)
            members.push(JSONObject.Member(key: key, value: value))
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            if consume(UInt8(ascii: "}")) { return .object(JSONObject(members.popArray(from: start))) }
            throw error("expected ',' or '}' in object, found \(describeByte())")
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        if depth > Self.maximumDepth { throw error("nesting deeper than \(Self.maximumDepth) levels") }
        position += 1
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return .array([]) }
        let start = elements.count
        while true {
            skipWhitespace()
            let element = try parseValue(depth: depth)
            elements.push(element)
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            if consume(UInt8(ascii: "]")) { return .array(elements.popArray(from: start)) }
            throw error("expected ',' or ']' in array, found \(describeByte())")
        }
    }

    /// Parses `word` (`true`, `false` or `null`), whose first letter `parseValue` has already matched.
    private mutating func parseLiteral(_ word: StaticString, _ value: JSONValue) throws(JSONSyntaxError) -> JSONValue {
        let length = word.utf8CodeUnitCount
        guard position + length <= count else { throw error("unexpected end of input in a literal") }
        // Every literal is four or five letters, so its last four, compared as one word, settle the rest.
        let expected = UnsafeRawPointer(word.utf8Start + length - 4).loadUnaligned(as: UInt32.self)
        guard UnsafeRawPointer(base + position + length - 4).loadUnaligned(as: UInt32.self) == expected else {
            throw error("invalid literal, expected '\(word)'")
        }
        position += length
        return value
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = position
        _ = consume(UInt8(ascii: "-"))
        guard position < count, isDigit(base[position]) else { throw error("expected a digit in a number") }
        if base[position] == UInt8(ascii: "0") {
            position += 1
        } else {
            skipDigits()
        }
        if consume(UInt8(ascii: ".")) {
            guard position < count, isDigit(base[position]) else {
                throw error("expected a digit after the decimal point")
            }
            skipDigits()
        }
        if position < count, base[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if !consume(UInt8(ascii: "+")) { _ = consume(UInt8(ascii: "-")) }
            guard position < count, isDigit(base[position]) else {
                throw error("expected a digit in an exponent")
            }
            skipDigits()
        }
        return String(decoding: UnsafeBufferPointer(start: base + start, count: position - start), as: UTF8.self)
    }

    // MARK: - Helpers

    @inline(__always)
    private mutating func skipWhitespace() {
        // Most values follow a single space or none, so test for "not white space" first.
        while position < count {
            let byte = base[position]
            guard byte <= 0x20, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            position += 1
        }
    }

    private mutating func skipDigits() {
        while position < count, isDigit(base[position]) { position += 1 }
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    @inline(__always)
    private mutating func consume(_ byte: UInt8) -> Bool {
        if position < count, base[position] == byte {
            position += 1
            return true
        }
        return false
    }

    func describeByte() -> String {
        guard position < count else { return "end of input" }
        let byte = base[position]
        if byte >= 0x21, byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return hex(byte)
    }

    func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "byte 0x\(digits[Int(byte >> 4)])\(digits[Int(byte & 0xF)])"
    }

    func error(_ reason: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: position, reason: reason)
    }
}

/// Why a JSON text did not parse, and the byte offset where it went wrong.
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Offset of the offending byte from the start of the value's text.
    public var offset: Int
    /// What was wrong, in words.
    public var reason: String

    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "invalid JSON at byte \(offset + 1): \(reason)" }
}
