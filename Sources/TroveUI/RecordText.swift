/// A stored record (JSON bytes) re-indented for reading: one member or element per line, two spaces per
/// level, keys and strings told apart, each token exactly as the record wrote it (escapes included).
///
/// It re-indents the bytes rather than parsing them, so it stops after any number of output bytes: the
/// `R` view lays out only the first ``TrajectoryLayout/textBudget`` of a 30 MB record, and `v` pages the
/// whole of it. Bytes that are not JSON come out as they are, on the line they fall on.
enum RecordText {
    /// What a token is, for its role on screen.
    enum Kind: Hashable {
        case key
        case string
        /// Numbers, `true`, `false`, `null`, and anything that is not JSON.
        case literal
        /// `{`, `}`, `[`, `]`, `,` and `: `.
        case punctuation
    }

    /// The record's lines, each a list of tokens after its indent, up to about `budget` output bytes;
    /// and how many bytes of the record were left out (0 when all of it is in).
    static func lines(_ record: [UInt8], budget: Int = .max) -> (lines: [Line], omitted: Int) {
        var writer = Writer(budget: budget)
        var index = 0
        let count = record.count
        func skipSpace(_ from: Int) -> Int {
            var at = from
            while at < count, [0x20, 0x09, 0x0A, 0x0D].contains(record[at]) { at += 1 }
            return at
        }
        while index < count, !writer.isFull {
            let start = index
            index = skipSpace(index)
            guard index < count else { break }
            let spaced = index > start
            let byte = record[index]
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let close = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                let next = skipSpace(index + 1)
                if next < count, record[next] == close {
                    writer.append(byte == UInt8(ascii: "{") ? "{}" : "[]", .punctuation)
                    index = next + 1
                } else {
                    writer.append(String(UnicodeScalar(byte)), .punctuation)
                    writer.newline(indentBy: 1)
                    index += 1
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                writer.newline(indentBy: -1)
                writer.append(String(UnicodeScalar(byte)), .punctuation)
                index += 1
            case UInt8(ascii: ","):
                writer.append(",", .punctuation)
                writer.newline(indentBy: 0)
                index += 1
            case UInt8(ascii: ":"):
                writer.append(": ", .punctuation)
                index += 1
            case UInt8(ascii: "\""):
                var end = index + 1
                while end < count, record[end] != UInt8(ascii: "\"") {
                    end += record[end] == UInt8(ascii: "\\") ? 2 : 1
                }
                end = min(end + 1, count)
                let after = skipSpace(end)
                let isKey = after < count && record[after] == UInt8(ascii: ":")
                writer.append(record[index..<end], isKey ? .key : .string)
                index = end
            default:
                // Text that is not JSON keeps its spaces between words.
                if spaced, writer.lines.last?.tokens.last?.kind == .literal { writer.append(" ", .literal) }
                var end = index
                while end < count, !",:{}[]\" \t\r\n".utf8.contains(record[end]) { end += 1 }
                writer.append(record[index..<max(end, index + 1)], .literal)
                index = max(end, index + 1)
            }
        }
        return (writer.finish(), writer.isFull ? count - min(count, writer.consumed(index)) : 0)
    }

    /// One token of a line.
    struct Token: Hashable {
        var text: String
        var kind: Kind
    }

    /// One line: its depth and tokens.
    struct Line: Hashable {
        var depth: Int
        var tokens: [Token]

        /// The line as text, indented two spaces per level.
        var text: String { String(repeating: "  ", count: depth) + tokens.map(\.text).joined() }
    }

    /// The whole record re-indented, as text for a pager.
    static func text(_ record: [UInt8]) -> String {
        lines(record).lines.map(\.text).joined(separator: "\n") + "\n"
    }

    /// Collects lines, counting output bytes against the budget.
    private struct Writer {
        let budget: Int
        var lines: [Line] = [Line(depth: 0, tokens: [])]
        var depth = 0
        var written = 0
        /// Bytes of the last token left out for the budget.
        var cut = 0

        var isFull: Bool { written >= budget }

        mutating func append(_ text: String, _ kind: Kind) {
            guard !isFull else { return }
            lines[lines.count - 1].tokens.append(Token(text: text, kind: kind))
            written += text.utf8.count
        }

        mutating func append(_ bytes: ArraySlice<UInt8>, _ kind: Kind) {
            guard !isFull else { return }
            var kept = bytes.prefix(budget - written)
            if kept.count < bytes.count {
                // A cut inside a scalar (a continuation byte follows it) moves back to the scalar's start.
                var end = kept.endIndex
                while end > kept.startIndex, bytes[end] & 0xC0 == 0x80 { end -= 1 }
                kept = bytes[bytes.startIndex..<end]
                cut = bytes.count - kept.count
                written = budget
            } else {
                written += kept.count
            }
            lines[lines.count - 1].tokens.append(Token(text: String(decoding: kept, as: UTF8.self), kind: kind))
        }

        mutating func newline(indentBy change: Int) {
            guard !isFull else { return }
            depth = max(0, depth + change)
            lines.append(Line(depth: depth, tokens: []))
        }

        /// Record bytes read so far when the reader stopped at `index`: the cut token's rest is unread.
        func consumed(_ index: Int) -> Int { index - cut }

        func finish() -> [Line] { lines.filter { !$0.tokens.isEmpty } }
    }
}
