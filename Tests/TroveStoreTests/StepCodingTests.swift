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

    /// A text of at least ``StepCoding/shortestSpan`` bytes that its message holds is written as the span
    /// of its bytes there (the agent message for a thought, argument or answer, the answering one for an
    /// observation), whatever its scalars' widths; a shorter text, one the message lacks, and any text
    /// without messages are written out.
    @Test func writesTextsTheirMessagesHoldAsSpans() throws {
        let agent = "Think: Les fichiers « accentués » — 先列出 😀.\n\nAct: bash\n\n```bash\nls /srv/données\n```"
        let messages = [
            Message(role: .instruction, originalRole: "human", text: "Count them."),
            Message(role: .agent, originalRole: "gpt", text: agent),
            Message(role: .environment, originalRole: "human", text: "The output of the OS:\nrésumé.txt 🚀"),
        ]
        let step = Step(
            messageIndex: 1, observationIndex: 2, thought: "Les fichiers « accentués » — 先列出 😀.",
            action: StepAction(kind: "bash", argument: "ls /srv/données"), observation: "résumé.txt 🚀",
            finalAnswer: "not in the message", parsedBy: .os, segments: [Segment(.other, agent)])
        var short = step
        short.thought = "ls /srv"
        short.observationIndex = 7
        let value = try JSONParser.parse(Array(StepCoding.json([step, short], spansIn: messages).utf8))
        let fields = try #require(value.arrayValue?.first?.arrayValue)
        for (position, message, text) in [(2, 1, step.thought), (4, 1, "ls /srv/données"), (5, 2, step.observation)] {
            let span = try #require(StepCoding.span(fields[position]), "field \(position)")
            #expect(Array(messages[message].text.utf8)[span].elementsEqual(try #require(text).utf8))
        }
        #expect(fields[6].stringValue == "not in the message")
        let second = try #require(value.arrayValue?.last?.arrayValue)
        #expect(second[2].stringValue == "ls /srv" && second[5].stringValue == "résumé.txt 🚀")
        #expect(StepCoding.json([step], spansIn: []) == StepCoding.json([step]))
        #expect(!StepCoding.json([step]).contains("[7, "))
    }

    /// Only a pair of whole numbers, the second not past the largest offset, reads as a span.
    @Test func readsOnlyPairsOfWholeNumbersAsSpans() throws {
        let span = { (json: String) in StepCoding.span(try JSONParser.parse(Array(json.utf8))) }
        #expect(try span("[3, 4]") == 3..<7)
        #expect(try span("[0, 0]") == 0..<0)
        for other in [
            #""text""#, "null", "[3]", "[3, 4, 5]", "[-1, 2]", "[1, -2]", "[1.5, 2]", "[1e3, 2]",
            #"["1", 2]"#, "[\(Int.max), 1]", "{}",
        ] {
            #expect(try span(other) == nil, "\(other)")
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
