#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One record's bytes as they stand in the input, and where they start.
public struct RawRecord: Sendable, Hashable {
    /// The record's exact bytes: a JSONL line without its line break (and
    /// without a `\r` before it), or an array element from its first to its
    /// last byte.
    public var bytes: [UInt8]
    /// The 1-based line of the record's first byte.
    public var line: Int
    /// The byte offset of the record's first byte in the input, so a file's
    /// records can be read again later by position (``RecordIndex``).
    public var offset: Int

    public init(bytes: [UInt8], line: Int, offset: Int = 0) {
        self.bytes = bytes
        self.line = line
        self.offset = offset
    }
}

/// How the records of a file are laid out, sniffed from its content.
public enum RecordContainer: String, Sendable, Hashable {
    /// One JSON value per line (JSONL / NDJSON).
    case jsonLines = "jsonl"
    /// One JSON array of records, on one line or pretty-printed.
    case jsonArray = "json-array"
    /// JSON values one after another, each over several lines (pretty-printed objects).
    case jsonValues = "json-values"
    /// The whole input is one record (an OpenHands event list, a bare message
    /// list): chosen by the caller with ``RecordReader/Layout/document``.
    case jsonDocument = "json-document"
}

/// Reads the records of a JSONL file, a JSON array or a stream of JSON values
/// one at a time, in bounded memory. A gzip or zstd input (recognized by its
/// magic bytes, whatever its name) is decompressed as it is read.
///
/// The reader only finds record boundaries (bracket depth outside strings); it
/// does not validate JSON, so a malformed record still comes out as one
/// ``RawRecord`` for the codec to reject with its line number, and the records
/// after it are read as usual. Memory holds one read chunk plus the record
/// being assembled, however large the file.
///
/// ```swift
/// let reader = try RecordReader(path: "db.jsonl")
/// while let record = try reader.next() { … }
/// ```
public final class RecordReader {
    /// How the input is cut into records.
    public enum Layout: Sendable {
        /// Sniffed from the content: JSONL, a JSON array of records, or concatenated values.
        case records
        /// The whole input is one record, from its first to its last byte
        /// that is not white space (after a byte-order mark).
        case document
    }

    /// The path given (`-` for standard input).
    public let path: String
    /// How the input is cut into records.
    public let layout: Layout
    /// The layout found at the start of the input; `nil` until the first record
    /// is read, and for an input with no records.
    public private(set) var container: RecordContainer?
    /// Bytes consumed so far (decompressed), for progress reporting.
    public private(set) var bytesRead = 0
    /// Whether the input is compressed (known after the first read): its
    /// ``bytesRead`` then do not compare with its size on disk.
    public var isCompressed: Bool { content.isCompressed }

    /// The input's bytes, decompressed.
    private let content: DecompressingReader
    private var buffer: [UInt8] = []
    /// What the content is read into; reused so each chunk costs one copy into `buffer`.
    private var chunk = [UInt8](repeating: 0, count: RecordReader.chunkSize)
    /// Bytes dropped from the front of `buffer` so far: `base + i` is the file offset of `buffer[i]`.
    private var base = 0
    private var start = 0
    private var atEnd = false
    private var line = 1
    private var arrayClosed = false
    private static let chunkSize = 1 << 20

    /// Opens `path` for reading; `-` reads standard input, and a pipe or FIFO is read as it is (one
    /// descriptor for the process, whoever opens it: ``isStream(_:)``).
    ///
    /// - parameter keepingBytes: when the input is a stream, keep every byte read so that ``rewind()``
    ///   can hand them back (memory grows with what is read until ``stopKeepingBytes()``); a file is
    ///   simply opened again, and keeps nothing.
    /// - throws: ``RecordReadError/cannotOpen(path:reason:)``.
    public init(path: String, layout: Layout = .records, keepingBytes: Bool = false) throws(RecordReadError) {
        self.path = path
        self.layout = layout
        content = try DecompressingReader(path: path)
        if keepingBytes, content.isStream { content.peeked = [] }
    }

    /// Whether `path` is standard input (`-`) or a pipe, FIFO, socket or terminal (`<(…)`, `/dev/stdin`,
    /// a named FIFO): its bytes can be read once, so a second reader gets only what the first handed
    /// back (``rewind()``).
    public static func isStream(_ path: String) -> Bool { StreamInput.isStream(path) }

    /// Hands every byte this reader read back to its input, so the next reader of the same path starts
    /// from the beginning; this reader is not read again. Nothing to do for a file, which is opened again.
    ///
    /// - throws: ``RecordReadError/readFailed(path:reason:)`` for a stream whose bytes were not kept
    ///   (``init(path:layout:keepingBytes:)``, ``stopKeepingBytes()``).
    public func rewind() throws(RecordReadError) {
        guard content.isStream else { return }
        guard let kept = content.peeked else {
            throw .readFailed(path: path, reason: "a pipe cannot be read twice")
        }
        content.peeked = nil
        StreamInput.pushBack(kept, to: content.descriptor)
    }

    /// Stops keeping the bytes read for ``rewind()``, and frees those kept.
    public func stopKeepingBytes() { content.peeked = nil }

    /// The whole content of `path` (`-` standard input, a pipe as well), decompressed when it is gzip or
    /// zstd data (which is never UTF-8 text).
    ///
    /// - throws: ``RecordReadError`` when it cannot be opened or read, or is compressed and cut short.
    public static func contents(of path: String) throws(RecordReadError) -> [UInt8] {
        let content = try DecompressingReader(path: path)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var bytes: [UInt8] = []
        while true {
            let count = try content.read(into: &chunk) { .truncated(path: path, line: 1, offset: bytes.count) }
            if count == 0 { return bytes }
            bytes += chunk[0..<count]
        }
    }

    /// The next record, or `nil` at the end of the input.
    ///
    /// - throws: ``RecordReadError/readFailed(path:reason:)`` when the file cannot be read;
    ///   ``RecordReadError/truncated(path:line:offset:)`` when compressed input ends before its stream
    ///   does (the records returned before are whole; the one cut off is not returned).
    public func next() throws(RecordReadError) -> RawRecord? {
        if layout == .document { return try nextDocument() }
        if container == nil {
            guard try sniff() else { return nil }
        }
        switch container {
        case .jsonLines: return try nextLine()
        case .jsonArray: return try nextArrayElement()
        case .jsonValues, .jsonDocument, nil: return try nextValue()
        }
    }

    // MARK: - Sniffing

    /// Skips a byte-order mark and leading white space, then decides the layout.
    /// Returns false for an input with nothing but white space.
    ///
    /// - throws: ``RecordReadError/notTrajectoryData(path:reason:)`` for an SQLite database,
    ///   ``RecordReadError/notJSONText(path:reason:)`` for binary data or UTF-16/32 text (told from the
    ///   first ``sniffedBytes``, or as many as the first read gave: a pipe is not waited on for more),
    ///   before any record is read.
    private func sniff() throws(RecordReadError) -> Bool {
        try ensure(SQLiteHeader.bytes.count)
        // Read after decompression, so a compressed or piped database is told from data too.
        if buffer[start...].starts(with: SQLiteHeader.bytes) {
            throw .notTrajectoryData(path: path, reason: "is an SQLite database (a trove store?), not trajectory data")
        }
        if let reason = Self.notJSONText(buffer[start..<min(buffer.count, start + Self.sniffedBytes)]) {
            throw .notJSONText(path: path, reason: reason)
        }
        if buffer.count - start >= 3, buffer[start] == 0xEF, buffer[start + 1] == 0xBB, buffer[start + 2] == 0xBF {
            start += 3
        }
        guard try skipWhitespace() else { return false }
        switch buffer[start] {
        case UInt8(ascii: "["):
            if try arrayLineStartsJSONLines() {
                container = .jsonLines
            } else {
                container = .jsonArray
                start += 1
            }
        case UInt8(ascii: "{"):
            let isJSONLines = Self.isNamedJSONLines(path) ? true : try firstLinesHoldWholeValues()
            container = isJSONLines ? .jsonLines : .jsonValues
        default:
            container = .jsonLines
        }
        return true
    }

    /// How much of the input's start is read to tell its layout, and whether it is JSON text at all.
    static let sniffedBytes = 4096

    /// What a file starts with when it is binary data of a kind worth naming.
    private static let binaryMagic: [(bytes: [UInt8], reason: String)] = [
        (Array("PAR1".utf8), "not JSON: binary data (parquet?)"),
        ([0x50, 0x4B, 0x03, 0x04], "not JSON: a zip archive that is no Inspect .eval log (it has no header.json)"),
        ([0x7F, 0x45, 0x4C, 0x46], "not JSON: binary data (an executable?)"),
    ]

    /// Why input starting with `block` is no JSON text, or nil when it may be: a known binary format,
    /// UTF-16 or UTF-32 text (a byte-order mark, or ASCII interleaved with NUL bytes), bytes that are
    /// mostly not UTF-8, or NUL bytes or bytes that are not UTF-8 where the first character is not one a
    /// JSON value starts with. (A JSON file with a stray Latin-1 or NUL byte is read, its record rejected
    /// or reading U+FFFD; a whole file is refused only when it plainly holds no JSON.)
    static func notJSONText(_ block: ArraySlice<UInt8>) -> String? {
        let bytes = Array(block)
        let utf16 = "UTF-16 text; convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)"
        let utf32 = "UTF-32 text; convert it to UTF-8 (iconv -f UTF-32 -t UTF-8)"
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) {
            return utf32
        }
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) { return utf16 }
        // The first characters' lanes: which bytes of each 2 or 4 are NUL, as ASCII in UTF-16/32 has them.
        let sample = bytes.prefix(64).count & ~3
        func nulLanes(_ width: Int, _ lanes: Set<Int>) -> Bool {
            sample >= 4 && (0..<sample).allSatisfy { lanes.contains($0 % width) == (bytes[$0] == 0) }
        }
        if nulLanes(4, [1, 2, 3]) || nulLanes(4, [0, 1, 2]) { return utf32 }
        if nulLanes(2, [1]) || nulLanes(2, [0]) { return utf16 }
        if let magic = binaryMagic.first(where: { bytes.starts(with: $0.bytes) }) { return magic.reason }
        let text = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        let first = text.first { !isWhitespace($0) }
        let startsLikeJSON = first.map { Array("{[\"-0123456789tfn".utf8).contains($0) } ?? true
        // Bytes that are no UTF-8 (the last one may be a character the block cut): a few in a JSON file are a
        // stray Latin-1 byte; one in ten is binary data.
        var invalid = 0
        var iterator = text.makeIterator()
        var decoder = Unicode.UTF8()
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: break decoding
            case .error: invalid += 1
            }
        }
        if (invalid > 3 && invalid * 10 > text.count) || (!startsLikeJSON && invalid > 1) {
            return "not JSON: binary data (it is not UTF-8 text)"
        }
        if !startsLikeJSON, bytes.contains(0) { return "not JSON: binary data (it holds NUL bytes)" }
        return nil
    }

    /// Whether the array at `start` is one line of JSON lines: it closes on its first line and another value
    /// follows on a later one (an OpenHands event list exported one per line). Else the input is one array
    /// of records, on one line or pretty-printed. A first line longer than ``arrayLineLimit`` is taken for
    /// a one-line array without reading on, so a large one is still read element by element.
    private func arrayLineStartsJSONLines() throws(RecordReadError) -> Bool {
        var scanner = StructureScanner()
        var offset = 0
        scanning: while true {
            while start + offset < buffer.count {
                let byte = buffer[start + offset]
                if byte == 0x0A { return false }
                scanner.feed(byte)
                offset += 1
                if scanner.isComplete { break scanning }
            }
            guard offset < Self.arrayLineLimit, try fill() else { return false }
        }
        var lineEnded = false
        while true {
            while start + offset < buffer.count {
                let byte = buffer[start + offset]
                if !Self.isWhitespace(byte) { return lineEnded }
                if byte == 0x0A { lineEnded = true }
                offset += 1
            }
            guard try fill() else { return false }
        }
    }

    /// The longest first line read to tell JSON lines that start with an array from one JSON array.
    static let arrayLineLimit = 64 << 20

    /// Whether the regular file or stream (``isStream(_:)``) at `path` starts, decompressed, with SQLite's
    /// header: a database (a store, compressed or not) and no trajectory data. False for anything else.
    /// A stream's bytes read to tell are handed back to the reader that comes next (``rewind()``).
    ///
    /// - throws: ``RecordReadError`` when the file cannot be opened or read.
    public static func startsWithDatabase(_ path: String) throws(RecordReadError) -> Bool {
        var info = stat()
        guard isStream(path) || (stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG) else { return false }
        let reader = try RecordReader(path: path, keepingBytes: true)
        defer { try? reader.rewind() }
        do {
            try reader.ensure(SQLiteHeader.bytes.count)
        } catch .truncated {
            // Cut off before a header's worth: no database; the import names the cut.
        }
        return reader.buffer[reader.start...].starts(with: SQLiteHeader.bytes)
    }

    /// Whether `path` names a JSONL file (`.jsonl`, `.ndjson`, also compressed): read line by line
    /// whatever its first line holds, so a cut-off first record is one bad line, not the whole file.
    static func isNamedJSONLines(_ path: String) -> Bool {
        var name = Substring(path.lowercased())
        for compressed in [".gz", ".zst", ".zstd"] where name.hasSuffix(compressed) {
            name = name.dropLast(compressed.count)
        }
        return name.hasSuffix(".jsonl") || name.hasSuffix(".ndjson")
    }

    /// Whether the input is JSON lines: the value at `start` closes on its own line, or, when it does
    /// not, the next line that is not blank holds a whole object of its own from its first column (the
    /// first record was cut off; pretty-printed values go on over the next lines, indented).
    private func firstLinesHoldWholeValues() throws(RecordReadError) -> Bool {
        guard let firstEnd = try lineBreak(after: 0) else { return true }
        if closes(0..<firstEnd) { return true }
        // Blank lines are skipped whole: a line's indentation is what tells the inside of a value.
        var next = firstEnd + 1
        while true {
            while start + next < buffer.count, buffer[start + next] == 0x0A || buffer[start + next] == 0x0D {
                next += 1
            }
            if start + next < buffer.count { break }
            guard try fill() else { return false }
        }
        guard buffer[start + next] == UInt8(ascii: "{") else { return false }
        return closes(next..<(try lineBreak(after: next) ?? buffer.count - start))
    }

    /// The offset from `start` of the first line break at or after offset `offset`, reading on as
    /// needed; nil when the input ends first.
    private func lineBreak(after offset: Int) throws(RecordReadError) -> Int? {
        var scanned = offset
        while true {
            if let found = firstIndex(of: 0x0A, from: start + scanned) { return found - start }
            scanned = max(scanned, buffer.count - start)
            guard try fill() else { return nil }
        }
    }

    /// Whether a JSON value starting at offset `range.lowerBound` from `start` ends within `range`.
    private func closes(_ range: Range<Int>) -> Bool {
        var scanner = StructureScanner()
        for offset in range {
            scanner.feed(buffer[start + offset])
            if scanner.isComplete { return true }
        }
        return false
    }

    // MARK: - Whole document

    private func nextDocument() throws(RecordReadError) -> RawRecord? {
        guard container == nil else { return nil }
        container = .jsonDocument
        while try fill() {}
        if buffer.count - start >= 3, buffer[start] == 0xEF, buffer[start + 1] == 0xBB, buffer[start + 2] == 0xBF {
            advance(to: start + 3)
        }
        guard try skipWhitespace() else { return nil }
        let recordLine = line
        let recordOffset = base + start
        let bytes = Array(buffer[start..<trimmedEnd(buffer.count)])
        advance(to: buffer.count)
        return RawRecord(bytes: bytes, line: recordLine, offset: recordOffset)
    }

    // MARK: - JSONL

    private func nextLine() throws(RecordReadError) -> RawRecord? {
        while true {
            var scanned = start
            var newline: Int?
            while true {
                newline = firstIndex(of: 0x0A, from: scanned)
                if newline != nil { break }
                let scannedOffset = buffer.count - start
                guard try fill() else { break }
                scanned = start + scannedOffset
            }
            let end = newline ?? buffer.count
            if end == start, newline == nil { return nil }
            var contentEnd = end
            if contentEnd > start, buffer[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            let recordLine = line
            let recordOffset = base + start
            let bytes = Array(buffer[start..<contentEnd])
            let next = newline.map { $0 + 1 } ?? end
            bytesRead += next - start
            start = next
            line += 1
            if bytes.allSatisfy(Self.isWhitespace) { continue }
            return RawRecord(bytes: bytes, line: recordLine, offset: recordOffset)
        }
    }

    // MARK: - JSON array

    private func nextArrayElement() throws(RecordReadError) -> RawRecord? {
        guard !arrayClosed else { return try trailingGarbage() }
        guard try skipWhitespace() else { return nil }
        if buffer[start] == UInt8(ascii: "]") {
            advance(to: start + 1)
            arrayClosed = true
            return try trailingGarbage()
        }
        if buffer[start] == UInt8(ascii: ",") {
            // An empty element (`[a,,b]`): report it as a record of its own.
            let record = RawRecord(bytes: [UInt8(ascii: ",")], line: line, offset: base + start)
            advance(to: start + 1)
            return record
        }
        let recordLine = line
        let end = try scanElement()
        let recordOffset = base + start
        let bytes = Array(buffer[start..<end])
        advance(to: end)
        if try skipWhitespace() {
            if buffer[start] == UInt8(ascii: ",") {
                advance(to: start + 1)
            } else if buffer[start] != UInt8(ascii: "]") {
                // Junk between elements joins the element so the whole stretch is rejected together.
                let junkEnd = try scanElement()
                var joined = bytes
                joined.append(contentsOf: buffer[start..<junkEnd])
                advance(to: junkEnd)
                if try skipWhitespace(), buffer[start] == UInt8(ascii: ",") { advance(to: start + 1) }
                return RawRecord(bytes: joined, line: recordLine, offset: recordOffset)
            }
        }
        return RawRecord(bytes: bytes, line: recordLine, offset: recordOffset)
    }

    /// Anything but white space after the closing bracket comes out as one record, to be rejected.
    private func trailingGarbage() throws(RecordReadError) -> RawRecord? {
        guard try skipWhitespace() else { return nil }
        let recordLine = line
        while try fill() {}
        let recordOffset = base + start
        let bytes = Array(buffer[start...])
        advance(to: buffer.count)
        return RawRecord(bytes: bytes, line: recordLine, offset: recordOffset)
    }

    /// Finds the end of the element at `start`: a balanced object or array, or
    /// a scalar running up to the next `,` or `]` outside strings.
    private func scanElement() throws(RecordReadError) -> Int {
        var scanner = StructureScanner()
        var index = start
        let isContainer = buffer[start] == UInt8(ascii: "{") || buffer[start] == UInt8(ascii: "[")
        while true {
            while index < buffer.count {
                let byte = buffer[index]
                if !isContainer, !scanner.inString, scanner.depth == 0,
                    byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]")
                {
                    return trimmedEnd(index)
                }
                scanner.feed(byte)
                index += 1
                if isContainer, scanner.isComplete { return index }
            }
            let consumedBefore = start
            guard try fill() else { return trimmedEnd(buffer.count) }
            index -= consumedBefore - start
        }
    }

    // MARK: - Concatenated values

    /// The next of values one after another. A value that spans indented lines ends, complete or not,
    /// where a line starts with `{` at its first column: pretty-printed values indent everything inside
    /// them, so such a line starts the next value, and a value cut off (a truncated write) costs only
    /// itself instead of swallowing every value after it.
    private func nextValue() throws(RecordReadError) -> RawRecord? {
        guard try skipWhitespace() else { return nil }
        let recordLine = line
        var scanner = StructureScanner()
        var index = start
        var indented = false
        outer: while true {
            while index < buffer.count {
                let byte = buffer[index]
                if index > start, buffer[index - 1] == 0x0A {
                    if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { indented = true }
                    if byte == UInt8(ascii: "{"), indented {
                        let recordOffset = base + start
                        let bytes = Array(buffer[start..<trimmedEnd(index)])
                        advance(to: index)
                        return RawRecord(bytes: bytes, line: recordLine, offset: recordOffset)
                    }
                }
                scanner.feed(byte)
                index += 1
                if scanner.isComplete { break outer }
            }
            let consumedBefore = start
            let filled = try fill()
            index -= consumedBefore - start
            guard filled else { break }
        }
        let recordOffset = base + start
        let bytes = Array(buffer[start..<index])
        advance(to: index)
        return RawRecord(bytes: bytes, line: recordLine, offset: recordOffset)
    }

    // MARK: - Buffer

    /// Reads another chunk, compacting consumed bytes first. Returns false at end of input.
    /// Indexes into `buffer` shift down by the old `start`, also when it returns false (the input
    /// ended only after the compaction); callers adjust.
    private func fill() throws(RecordReadError) -> Bool {
        guard !atEnd else { return false }
        if start > 0 {
            buffer.removeSubrange(0..<start)
            base += start
            start = 0
        }
        let count = try content.read(into: &chunk) { () -> RecordReadError in
            // Where the data stops: the line the last bytes decoded end in.
            let cutLine = line + buffer[start...].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
            return .truncated(path: path, line: cutLine, offset: base + buffer.count)
        }
        buffer.append(contentsOf: chunk[0..<count])
        if count == 0 { atEnd = true }
        return count > 0
    }

    /// Makes sure at least `count` unconsumed bytes are buffered, or the input is exhausted.
    private func ensure(_ count: Int) throws(RecordReadError) {
        while buffer.count - start < count, try fill() {}
    }

    /// Skips white space, counting lines; false at end of input.
    private func skipWhitespace() throws(RecordReadError) -> Bool {
        while true {
            while start < buffer.count, Self.isWhitespace(buffer[start]) {
                if buffer[start] == 0x0A { line += 1 }
                start += 1
                bytesRead += 1
            }
            if start < buffer.count { return true }
            guard try fill() else { return false }
        }
    }

    private func advance(to index: Int) {
        for position in start..<index where buffer[position] == 0x0A { line += 1 }
        bytesRead += index - start
        start = index
    }

    private func trimmedEnd(_ end: Int) -> Int {
        var end = end
        while end > start, Self.isWhitespace(buffer[end - 1]) { end -= 1 }
        return end
    }

    private func firstIndex(of byte: UInt8, from index: Int) -> Int? {
        guard index < buffer.count else { return nil }
        return buffer.withUnsafeBufferPointer { pointer -> Int? in
            guard let found = memchr(pointer.baseAddress! + index, Int32(byte), pointer.count - index) else {
                return nil
            }
            return pointer.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}

/// Tracks bracket depth outside strings, byte by byte, to find where a JSON
/// value ends without parsing it.
struct StructureScanner {
    private(set) var depth = 0
    private(set) var inString = false
    private var escaped = false
    private var started = false

    /// True once a value that opened with a bracket has closed.
    var isComplete: Bool { started && depth == 0 && !inString }

    mutating func feed(_ byte: UInt8) {
        if inString {
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                inString = false
            }
            return
        }
        switch byte {
        case UInt8(ascii: "\""): inString = true
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            depth += 1
            started = true
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            if depth > 0 { depth -= 1 }
        default: break
        }
    }
}

/// Why records could not be read from an input at all.
public enum RecordReadError: Error, Sendable, Hashable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case readFailed(path: String, reason: String)
    /// The input is no trajectory data at all (an SQLite database, compressed or piped as well).
    case notTrajectoryData(path: String, reason: String)
    /// The input is no JSON text (binary data, UTF-16 or UTF-32 text), told from its first bytes: none of
    /// it is read as records. `reason` says what it is instead.
    case notJSONText(path: String, reason: String)
    /// A gzip or zstd input ends before its compressed stream does (a copy cut short): its data stops in
    /// 1-based `line`, `offset` bytes into the decompressed text. The records before that line were read.
    case truncated(path: String, line: Int, offset: Int)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "\(path): cannot open: \(reason)"
        case .readFailed(let path, let reason): "\(path): read failed: \(reason)"
        case .notTrajectoryData(let path, let reason): "\(path) \(reason)"
        case .notJSONText(let path, let reason): "\(path): \(reason)"
        case .truncated(let path, let line, let offset):
            "\(path): truncated: the compressed data ends before its stream does, in line \(line) (byte \(offset) "
                + "of the decompressed text); the rest of the file is missing"
        }
    }
}
