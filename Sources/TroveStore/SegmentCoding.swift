import TroveCore

/// How a step's segments are stored in `step.segments`: a JSON array of
/// `[kind, length]` pairs, lengths in Unicode scalars (Python characters), that
/// cut the agent message's text in order. Storing lengths rather than texts
/// keeps each message's text in the store once.
enum SegmentCoding {
    static func encode(_ segments: [Segment]) -> String {
        JSONWriter.string(
            .array(segments.map { .array([.string($0.kind.rawValue), .integer($0.text.unicodeScalars.count)]) }))
    }

    /// Cuts `text` back into segments; `nil` when the stored value does not fit the text.
    static func decode(_ json: String, text: String) -> [Segment]? {
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
