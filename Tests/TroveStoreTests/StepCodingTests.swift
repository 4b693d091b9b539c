import Testing

@testable import TroveCore
@testable import TroveStore

@Suite struct StepCodingTests {
    /// The steps column written straight into bytes is the text a `JSONValue` tree of the same steps
    /// writes (the encoding before it), for parsed synthetic records of every task and hand-made steps
    /// whose texts need escapes.
    @Test func writesWhatTheValueTreeWrites() throws {
        var records = SyntheticTrajectories(seed: 5)
        var stepLists: [[Step]] = []
        for line in 1...60 {
            let trajectory = try TrajectoryCodec().decode(
                RawRecord(bytes: records.next(), line: line, offset: 0), file: "s")
            stepLists.append(StepParser.parse(trajectory).steps)
        }
        var hostile = Step(messageIndex: 3, parsedBy: .raw, segments: [Segment(.other, "é\"\\\n\u{1}😀")])
        hostile.thought = "quote \" back\\slash\ttab \u{1b}[31m"
        hostile.observation = ""
        stepLists.append([hostile, hostile])
        // Numbers of every width and sign, and segments of one- to four-byte scalars.
        let wide = Step(
            messageIndex: 1_000_000_007, observationIndex: 0, parsedBy: .os,
            segments: [Segment(.thought, "a"), Segment(.syntax, "ß€𝄞x"), Segment(.other, "")])
        stepLists.append([wide, Step(messageIndex: Int.min, observationIndex: Int.max, parsedBy: .raw, segments: [])])
        stepLists.append([])
        #expect(stepLists.contains { $0.count > 2 })
        for steps in stepLists {
            #expect(StepCoding.json(steps) == Self.treeJSON(steps))
        }
    }

    /// Scalars counted on the bytes, eight at a time, are the string's scalars, with scalars of one to four
    /// bytes at every offset of a word and in the bytes after the last whole word.
    @Test func countsScalarsOnTheBytes() {
        for length in 0..<20 {
            for scalar in ["é", "€", "😀", "\u{7f}", "x"] {
                for position in 0...length {
                    var text = String(repeating: "a", count: length)
                    text.insert(contentsOf: scalar, at: text.index(text.startIndex, offsetBy: position))
                    #expect(StepCoding.scalarCount(text) == text.unicodeScalars.count, "\(text.debugDescription)")
                }
            }
        }
        #expect(StepCoding.scalarCount(String(repeating: "ß😀e\u{301}", count: 50)) == 200)
    }

    private static func treeJSON(_ steps: [Step]) -> String {
        JSONWriter.string(
            .array(
                steps.map { step in
                    .array([
                        .integer(step.messageIndex), .integer(step.observationIndex), .optional(step.thought),
                        .optional(step.action?.kind), .optional(step.action?.argument), .optional(step.observation),
                        .optional(step.finalAnswer), .string(step.parsedBy.rawValue),
                        .array(
                            step.segments.map {
                                .array([.string($0.kind.rawValue), .integer($0.text.unicodeScalars.count)])
                            }),
                    ])
                }))
    }
}
