import Testing
import TroveCore

/// The phrases the review screen highlights are the ones that set the label-leak flag.
@Suite struct LabelLeakPhrasesTests {
    @Test(arguments: StepParser.labelLeakPhrases)
    func eachPhraseSetsTheFlag(phrase: String) {
        let messages = [
            Message(originalRole: "human", text: "Which planet has the most moons?"),
            Message(originalRole: "gpt", text: "Final Answer: Saturn, as the \(phrase) says."),
        ]
        #expect(StepParser.parse(messages, task: "db").flags.contains(.labelLeak))
    }

    @Test func thePhrasesAreLowercase() {
        #expect(StepParser.labelLeakPhrases.count == 6)
        #expect(StepParser.labelLeakPhrases.allSatisfy { $0 == $0.lowercased() })
    }
}
