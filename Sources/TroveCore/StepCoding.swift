import CLibc
import Glibc

/// How a trajectory's steps are stored in `trajectory.steps`, which the `step`
/// view reads (docs/store.md).
///
/// The column holds a JSON array with one array per step: `[message_idx,
/// observation_idx, thought, action_kind, action_argument, observation,
/// final_answer, parsed_by, segments]`. `segments` is an array of `[kind,
/// length]` pairs, lengths in Unicode scalars (Python characters), that cut the
/// agent message's text in order; storing lengths rather than texts keeps the
/// message's text out of it. A text (`thought`, `action_argument`,
/// `observation`, `final_answer`) is a JSON string, or the span
/// `[start, length]` of UTF-8 bytes in the text of the message it was cut from:
/// the agent message (`message_idx`) for the thought, argument and answer, the
/// answering message (`observation_idx`) for the observation.
public enum StepCoding {
    /// The `trajectory.steps` value for `steps`, each text written out.
    public static func json(_ steps: [Step]) -> String {
        json(steps, spansIn: [])
    }

    /// The `trajectory.steps` value for `steps` parsed from `messages`: a text of at least
    /// ``shortestSpan`` bytes that its message holds is written as the span of its bytes there, any other
    /// text written out.
    ///
    /// Implementation note: written straight into bytes rather than through a `JSONValue` tree (the
    /// same text): building the tree for every record was a quarter of an import's reading thread. Spans
    /// keep a step's texts, a sixth of a store, from being stored twice; any place the message holds the
    /// bytes will do, so a search finds them (a thought is a segment, an alfworld argument two).
    public static func json(_ steps: [Step], spansIn messages: [Message]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64 * steps.count + 2)
        out.append(UInt8(ascii: "["))
        for (index, step) in steps.enumerated() {
            if index > 0 { separate(&out) }
            let agent = messages.indices.contains(step.messageIndex) ? messages[step.messageIndex].text : nil
            let answering = step.observationIndex.flatMap { messages.indices.contains($0) ? messages[$0].text : nil }
            out.append(UInt8(ascii: "["))
            write(step.messageIndex, into: &out)
            separate(&out)
            write(step.observationIndex, into: &out)
            // Each part written in turn: an array of the five would be allocated for every step.
            separate(&out)
            write(step.thought, spanIn: agent, segments: step.segments, into: &out)
            separate(&out)
            write(step.action?.kind, into: &out)
            separate(&out)
            write(step.action?.argument, spanIn: agent, segments: step.segments, into: &out)
            separate(&out)
            write(step.observation, spanIn: answering, into: &out)
            separate(&out)
            write(step.finalAnswer, spanIn: agent, segments: step.segments, into: &out)
            separate(&out)
            JSONWriter.writeString(step.parsedBy.rawValue, into: &out)
            separate(&out)
            out.append(UInt8(ascii: "["))
            for (position, segment) in step.segments.enumerated() {
                if position > 0 { separate(&out) }
                out.append(UInt8(ascii: "["))
                append(quotedName(segment.kind), to: &out)
                separate(&out)
                write(scalarCount(segment.text), into: &out)
                out.append(UInt8(ascii: "]"))
            }
            out.append(contentsOf: "]]".utf8)
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of its message's text that a stored step text `value` spans: `[start, length]` read as
    /// `start..<start + length`; `nil` for a text written out, `null`, or anything else.
    public static func span(_ value: JSONValue) -> Range<Int>? {
        guard case .array(let pair) = value, pair.count == 2, case .number(let first) = pair[0],
            case .number(let second) = pair[1], let start = Int(first), let length = Int(second), start >= 0,
            length >= 0, start <= Int.max - length
        else { return nil }
        return start..<(start + length)
    }

    /// The length below which a text is written out rather than as a span: `[1234, 5]` takes 9 bytes.
    public static let shortestSpan = 8

    /// Writes `text` as the span of its bytes in `message` when it is long enough and `message` holds
    /// them, else written out. `segments` (the agent message's, for its texts) name the likely starts.
    private static func write(
        _ text: String?, spanIn message: String?, segments: [Segment] = [], into out: inout [UInt8]
    ) {
        guard let text, var message, text.utf8.count >= shortestSpan else { return write(text, into: &out) }
        var needle = text
        let start = message.withUTF8 { haystack in
            needle.withUTF8 { needle in offset(of: needle, in: haystack, segments: segments) }
        }
        guard let start else { return write(text, into: &out) }
        out.append(UInt8(ascii: "["))
        write(start, into: &out)
        separate(&out)
        write(text.utf8.count, into: &out)
        out.append(UInt8(ascii: "]"))
    }

    /// Where `haystack` holds `needle` (not empty): first tried where a segment starts and at the end.
    ///
    /// Implementation note: a thought or an argument starts a segment of its turn, and an observation
    /// ends its message after a prefix, so a comparison or two finds most; searching every text took 98 M
    /// of the reading thread's 1,490 M instructions on 10 MB of synth.
    private static func offset(
        of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, segments: [Segment]
    ) -> Int? {
        guard needle.count <= haystack.count, let base = haystack.baseAddress, let bytes = needle.baseAddress
        else { return nil }
        let last = haystack.count - needle.count
        var offset = 0
        for segment in segments {
            guard offset <= last else { break }
            if memcmp(base + offset, bytes, needle.count) == 0 { return offset }
            offset += segment.text.utf8.count
        }
        if memcmp(base + last, bytes, needle.count) == 0 { return last }
        guard let found = memmem(base, haystack.count, bytes, needle.count) else { return nil }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
    }

    /// Appends `, `.
    ///
    /// Implementation note: two bytes appended, not an array's contents: 190,000 appends of a shared
    /// array on 10 MB of synth were 1.3% of the reading thread's instructions.
    private static func separate(_ out: inout [UInt8]) {
        out.append(UInt8(ascii: ","))
        out.append(UInt8(ascii: " "))
    }

    /// `kind`'s name as a JSON string: a constant, which needs no escaping.
    private static func quotedName(_ kind: Segment.Kind) -> StaticString {
        switch kind {
        case .syntax: #""syntax""#
        case .thought: #""thought""#
        case .actionKind: #""actionKind""#
        case .actionArgument: #""actionArgument""#
        case .finalAnswer: #""finalAnswer""#
        case .other: #""other""#
        }
    }

    private static func append(_ text: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private static func write(_ number: Int?, into out: inout [UInt8]) {
        guard let number else { return out.append(contentsOf: "null".utf8) }
        // Most numbers are a message index or a segment's length: one or two digits, appended as they are.
        if number >= 0 && number < 100 {
            if number >= 10 { out.append(UInt8(ascii: "0") + UInt8(number / 10)) }
            return out.append(UInt8(ascii: "0") + UInt8(number % 10))
        }
        // Digits written on the stack, last first: `String(number)` allocated a string for each of the
        // step's numbers.
        if number < 0 { out.append(UInt8(ascii: "-")) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            var rest = number.magnitude
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// The number of Unicode scalars in `text`: its UTF-8 bytes that do not continue a scalar.
    ///
    /// Implementation note: counted on the bytes, eight at a time; `unicodeScalars.count` decoded every
    /// scalar and was a sixth of writing the steps.
    static func scalarCount(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            // A continuation byte (0b10xxxxxx) has its top bit set and the next one clear.
            var continuations = 0
            var index = 0
            while index + 8 <= bytes.count {
                let word = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
                continuations += (word & ~(word << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
                index += 8
            }
            for byte in bytes[index...] where UTF8.isContinuation(byte) { continuations += 1 }
            return bytes.count - continuations
        }
    }

    private static func write(_ text: String?, into out: inout [UInt8]) {
        guard let text else { return out.append(contentsOf: "null".utf8) }
        JSONWriter.writeString(text, into: &out)
    }

    /// Cuts `text` back into segments as `step.segments` (JSON text) describes them; `nil` when the stored
    /// value does not fit the text.
    public static func segments(_ json: String, text: String) -> [Segment]? {
        guard case .array(let pairs)? = try? JSONParser.parse(Array(json.utf8)) else { return nil }
        var segments: [Segment] = []
        var scalars = text.unicodeScalars[...]
        for pair in pairs {
            guard case .array(let parts) = pair, parts.count == 2, let kindName = parts[0].stringValue,
                let kind = Segment.Kind(rawValue: kindName), let length = parts[1].doubleValue.map(Int.init),
                length <= scalars.count
            else { return nil }
            let piece = scalars.prefix(length)
            segments.append(Segment(kind, String(String.UnicodeScalarView(piece))))
            scalars = scalars.dropFirst(length)
        }
        return scalars.isEmpty ? segments : nil
    }
}
