import TroveCore

/// How a trajectory's steps are stored in `trajectory.steps`, which the `step`
/// view reads (docs/store.md).
///
/// The column holds a JSON array with one array per step: `[message_idx,
/// observation_idx, thought, action_kind, action_argument, observation,
/// final_answer, parsed_by, segments]`. `segments` is an array of `[kind,
/// length]` pairs, lengths in Unicode scalars (Python characters), that cut the
/// agent message's text in order; storing lengths rather than texts keeps the
/// message's text out of it.
enum StepCoding {
    /// The `trajectory.steps` value for `steps`.
    static func json(_ steps: [Step]) -> String {
        JSONWriter.string(
            .array(
                steps.map { step in
                    .array([
                        .integer(step.messageIndex), .integer(step.observationIndex), .optional(step.thought),
                        .optional(step.action?.kind), .optional(step.action?.argument), .optional(step.observation),
                        .optional(step.finalAnswer), .string(step.parsedBy.rawValue), segments(step.segments),
                    ])
                }))
    }

    private static func segments(_ segments: [Segment]) -> JSONValue {
        .array(segments.map { .array([.string($0.kind.rawValue), .integer($0.text.unicodeScalars.count)]) })
    }

    /// Cuts `text` back into segments as `step.segments` (JSON text) describes them; `nil` when the stored
    /// value does not fit the text.
    static func segments(_ json: String, text: String) -> [Segment]? {
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
