import Foundation
import TroveCore

/// Parses one JSON value from a column a chunk at a time, cutting every string to a budget of UTF-8
/// bytes and recording the full size of each string it cut, so that a value of any size is read in
/// constant memory (a steps column holding a 300 MB observation arrives as its first 64 KB).
///
/// The whole value is scanned: finding where a string ends takes reading it. What is kept is bounded.
struct CuttingJSONReader {
    /// The value is not JSON (a damaged row).
    struct Malformed: Error {}

    /// Where a string sits in the value: the index of each enclosing array element or object member.
    typealias Path = [Int]

    private let column: ColumnReader
    private let budget: Int
    private var chunk: [UInt8] = []
    private var position = 0
    private var chunkStart = 0
    private var path: Path = []
    /// The index in `chunk` of the first quote at or after `position` (`chunk.count` when none), or -1
    /// when not yet looked for: kept across the escapes of a long string, so that each byte is searched
    /// once.
    private var quote = -1
    /// The full size in UTF-8 bytes of each string that was cut, by its path.
    private(set) var cuts: [Path: Int] = [:]

    /// Bytes read per chunk.
    static let chunkSize = 1 << 18
    /// Nesting deeper than this is damage: trove writes four levels.
    static let maximumDepth = 64

    init(_ column: ColumnReader, budget: Int) {
        self.column = column
        self.budget = max(0, budget)
    }

    /// The column's value, the whole of it.
    mutating func value() throws -> JSONValue {
        let value = try element(depth: 0)
        try skipSpace()
        guard try peek() == nil else { throw Malformed() }
        return value
    }

    // MARK: - Values

    private mutating func element(depth: Int) throws -> JSONValue {
        guard depth < Self.maximumDepth else { throw Malformed() }
        try skipSpace()
        guard let byte = try peek() else { throw Malformed() }
        switch byte {
        case UInt8(ascii: "["):
            position += 1
            return .array(try elements(depth: depth))
        case UInt8(ascii: "{"):
            position += 1
            return .object(try members(depth: depth))
        case UInt8(ascii: "\""):
            position += 1
            return .string(try string())
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        default:
            return .number(try number())
        }
    }

    private mutating func elements(depth: Int) throws -> [JSONValue] {
        var elements: [JSONValue] = []
        try skipSpace()
        if try peek() == UInt8(ascii: "]") {
            position += 1
            return elements
        }
        while true {
            path.append(elements.count)
            elements.append(try element(depth: depth + 1))
            path.removeLast()
            try skipSpace()
            switch try next() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "]"): return elements
            default: throw Malformed()
            }
        }
    }

    private mutating func members(depth: Int) throws -> JSONObject {
        var object = JSONObject()
        try skipSpace()
        if try peek() == UInt8(ascii: "}") {
            position += 1
            return object
        }
        while true {
            try skipSpace()
            guard try next() == UInt8(ascii: "\"") else { throw Malformed() }
            path.append(object.members.count)
            let key = try string()
            try skipSpace()
            guard try next() == UInt8(ascii: ":") else { throw Malformed() }
            object.members.append(JSONObject.Member(key: key, value: try element(depth: depth + 1)))
            path.removeLast()
            try skipSpace()
            switch try next() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "}"): return object
            default: throw Malformed()
            }
        }
    }

    private mutating func literal(_ word: String) throws {
        for expected in word.utf8 where try next() != expected { throw Malformed() }
    }

    private mutating func number() throws -> String {
        var lexeme: [UInt8] = []
        while let byte = try peek(), Self.isNumberByte(byte), lexeme.count < 64 {
            lexeme.append(byte)
            position += 1
        }
        guard !lexeme.isEmpty else { throw Malformed() }
        return String(decoding: lexeme, as: UTF8.self)
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
            UInt8(ascii: "e"), UInt8(ascii: "E"):
            true
        default: false
        }
    }

    /// The string whose opening quote was just read, cut to the budget.
    private mutating func string() throws -> String {
        var kept: [UInt8] = []
        var size = 0
        if try stringBytes(size: &size, kept: 0, withinChunk: true, keep: { kept += $0 }) {
            if size > kept.count {
                cuts[path] = size
                kept.removeLast(UTF8.unfinishedTail(of: kept))
            }
            return String(decoding: kept, as: UTF8.self)
        }
        // The string goes on past its chunk: the rest is read into the string's own storage, sized for what
        // it may still keep, so that a 300 MB string is held once (an array, then a String made from it, held
        // it twice). Pages of that capacity it does not fill are never touched.
        let capacity = min(budget, kept.count + column.size - chunkStart - chunk.count)
        let string = try String(unsafeUninitializedCapacity: capacity) { buffer in
            var count = UnsafeMutableBufferPointer(rebasing: buffer[..<kept.count]).initialize(fromContentsOf: kept)
            _ = try stringBytes(size: &size, kept: count, withinChunk: false) { bytes in
                count += UnsafeMutableBufferPointer(rebasing: buffer[count..<count + bytes.count])
                    .initialize(fromContentsOf: bytes)
            }
            if size > count {
                cuts[path] = size
                count -= UTF8.unfinishedTail(of: buffer[..<count])
            }
            return count
        }
        // A string much shorter than its capacity is copied to its size, so that what it left unused does
        // not stay reserved while the value is held.
        guard string.utf8.count < capacity / 2 else { return string }
        return String(unsafeUninitializedCapacity: string.utf8.count) { buffer in
            buffer.initialize(fromContentsOf: string.utf8)
        }
    }

    /// Reads the string on from `position` to its closing quote (true), or with `withinChunk` to the end
    /// of the chunk (false), handing `keep` its bytes while `kept` of them are under the budget and adding
    /// its size in UTF-8 bytes to `size`.
    private mutating func stringBytes(
        size: inout Int, kept: Int, withinChunk: Bool, keep: (UnsafeBufferPointer<UInt8>) -> Void
    ) throws -> Bool {
        var kept = kept
        func keepUnderBudget(_ bytes: UnsafeBufferPointer<UInt8>) {
            let taken = UnsafeBufferPointer(rebasing: bytes.prefix(max(0, budget - kept)))
            guard !taken.isEmpty else { return }
            keep(taken)
            kept += taken.count
        }
        while true {
            if position == chunk.count {
                if withinChunk { return false }
                try refill()
                guard !chunk.isEmpty else { throw Malformed() }
            }
            // The run of plain bytes up to the next quote or escape, found with memchr: a 300 MB string
            // is scanned at memory speed.
            let start = position
            if quote < start { quote = Self.find(UInt8(ascii: "\""), in: chunk, from: start, to: chunk.count) }
            let end = Self.find(UInt8(ascii: "\\"), in: chunk, from: start, to: quote)
            position = end
            size += end - start
            chunk.withUnsafeBufferPointer { keepUnderBudget(UnsafeBufferPointer(rebasing: $0[start..<end])) }
            guard position < chunk.count else { continue }
            position += 1
            if chunk[position - 1] == UInt8(ascii: "\"") { return true }
            var scalar = String(try escaped())
            size += scalar.utf8.count
            scalar.withUTF8 { keepUnderBudget($0) }
        }
    }

    /// The scalar of the escape whose backslash was just read.
    private mutating func escaped() throws -> Unicode.Scalar {
        switch try next() {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{8}"
        case UInt8(ascii: "f"): return "\u{c}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let unit = try hexUnit()
            guard (0xD800..<0xDC00).contains(unit) else { return Unicode.Scalar(unit) ?? "\u{FFFD}" }
            guard try next() == UInt8(ascii: "\\"), try next() == UInt8(ascii: "u") else { throw Malformed() }
            let low = try hexUnit()
            guard (0xDC00..<0xE000).contains(low) else { throw Malformed() }
            return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)) ?? "\u{FFFD}"
        default:
            throw Malformed()
        }
    }

    private mutating func hexUnit() throws -> UInt32 {
        var unit: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = try next(), let digit = Self.hexDigit(byte) else { throw Malformed() }
            unit = unit << 4 | digit
        }
        return unit
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    // MARK: - Bytes

    private mutating func skipSpace() throws {
        while let byte = try peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }

    private mutating func peek() throws -> UInt8? {
        if position == chunk.count { try refill() }
        return position < chunk.count ? chunk[position] : nil
    }

    private mutating func next() throws -> UInt8? {
        let byte = try peek()
        if byte != nil { position += 1 }
        return byte
    }

    private mutating func refill() throws {
        chunkStart += chunk.count
        chunk = try column.read(chunkStart..<chunkStart + Self.chunkSize)
        position = 0
        quote = -1
    }

    /// The index of the first `byte` in `bytes[start..<end]`, or `end`.
    private static func find(_ byte: UInt8, in bytes: [UInt8], from start: Int, to end: Int) -> Int {
        guard start < end else { return end }
        return bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress, let found = memchr(base + start, Int32(byte), end - start) else {
                return end
            }
            return base.distance(to: UnsafeRawPointer(found))
        }
    }
}
