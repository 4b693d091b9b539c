/// How a trajectory's steps are stored in `trajectory.steps`, which the `step`
/// view reads (docs/store.md).
///
/// The column holds a JSON array with one array per step: `[message_idx,
/// observation_idx, thought, action_kind, action_argument, observation,
/// final_answer, parsed_by, segments]`. `segments` is an array of `[kind,
/// length]` pairs, lengths in Unicode scalars (Python characters), that cut the
/// agent message's text in order; storing lengths rather than texts keeps the
/// message's text out of it.
public enum StepCoding {
    /// The `trajectory.steps` value for `steps`.
    ///
    /// Implementation note: written straight into bytes rather than through a `JSONValue` tree (the
    /// same text): building the tree for every record was a quarter of an import's reading thread.
    public static func json(_ steps: [Step]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64 * steps.count + 2)
        out.append(UInt8(ascii: "["))
        for (index, step) in steps.enumerated() {
            if index > 0 { out.append(contentsOf: separator) }
            out.append(UInt8(ascii: "["))
            write(step.messageIndex, into: &out)
            out.append(contentsOf: separator)
            write(step.observationIndex, into: &out)
            // Each part written in turn: an array of the five would be allocated for every step.
            out.append(contentsOf: separator)
            write(step.thought, into: &out)
            out.append(contentsOf: separator)
            write(step.action?.kind, into: &out)
            out.append(contentsOf: separator)
            write(step.action?.argument, into: &out)
            out.append(contentsOf: separator)
            write(step.observation, into: &out)
            out.append(contentsOf: separator)
            write(step.finalAnswer, into: &out)
            out.append(contentsOf: separator)
            JSONWriter.writeString(step.parsedBy.rawValue, into: &out)
            out.append(contentsOf: separator)
            out.append(UInt8(ascii: "["))
            for (position, segment) in step.segments.enumerated() {
                if position > 0 { out.append(contentsOf: separator) }
                out.append(UInt8(ascii: "["))
                JSONWriter.writeString(segment.kind.rawValue, into: &out)
                out.append(contentsOf: separator)
                write(scalarCount(segment.text), into: &out)
                out.append(UInt8(ascii: "]"))
            }
            out.append(contentsOf: "]]".utf8)
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    private static let separator = Array(", ".utf8)

    private static func write(_ number: Int?, into out: inout [UInt8]) {
        guard let number else { return out.append(contentsOf: "null".utf8) }
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
