import Testing
import TroveCore

/// ShareGPT `function_call` values as LLaMA-Factory's `FunctionFormatter` reads them: the first span
/// from `<think>\n` to the next `\n</think>\n\n` is the thought, every copy of that span is cut out,
/// and what is left must be the calls' JSON (or the whole dataset fails).
@Suite struct ShareGPTThoughtTests {
    private let calls = #"{"name": "ls", "arguments": {}}"#

    /// What LLaMA-Factory reads from `value`: the thought span (nil when none) and the rest it parses
    /// as the calls.
    private func read(_ value: String) -> (thought: String?, rest: String) {
        guard let open = value.firstRange(of: "<think>\n"),
            let close = value[open.upperBound...].firstRange(of: "\n</think>\n\n")
        else { return (nil, value) }
        let span = String(value[open.lowerBound..<close.upperBound])
        return (span, value.replacing(span, with: ""))
    }

    @Test(arguments: ["I will list.", "a <think>\nb c", "  two\n\nparagraphs  ", "Plan: <thinking> tags"])
    func aTextWithoutAThoughtBlockIsFramedWhole(text: String) {
        let value = ShareGPTThought.value(text: text, calls: calls)
        #expect(value == "<think>\n" + text + "\n</think>\n\n" + calls)
        #expect(read(value) == ("<think>\n" + text + "\n</think>\n\n", calls))
        #expect(!ShareGPTThought.leavesOut(text))
    }

    /// A reasoning model's own block, however its tags sit, is the one thought, in LLaMA-Factory's
    /// layout; a block cut off before `</think>` too.
    @Test(arguments: [
        "<think>\nI reason.\n</think>", "<think>\nI reason.\n</think>\n\n", "<think>I reason.</think>",
        "\n<think> I reason. </think>  \n", "<think>\nI reason.",
    ])
    func aReasoningModelsOwnBlockIsTheThought(text: String) {
        let value = ShareGPTThought.value(text: text, calls: calls)
        #expect(value == "<think>\nI reason.\n</think>\n\n" + calls)
        #expect(read(value) == ("<think>\nI reason.\n</think>\n\n", calls))
        #expect(!ShareGPTThought.leavesOut(text))
    }

    /// An empty block (a model asked not to think) is no thought: the text after it is framed.
    @Test func anEmptyBlockGivesWayToTheTextAfterIt() {
        let text = "<think>\n\n</think>\n\nI will list."
        #expect(ShareGPTThought.value(text: text, calls: calls) == "<think>\nI will list.\n</think>\n\n" + calls)
        #expect(!ShareGPTThought.leavesOut(text))
        #expect(ShareGPTThought.value(text: "<think></think>", calls: calls) == calls)
    }

    /// The text after a non-empty block has no place: the block stays, the rest is left out and said.
    @Test func theTextAfterAReasoningBlockIsLeftOutAndTheBlockKept() {
        let text = "<think>\nI should count files.\n</think>\n\nLet me count."
        let value = ShareGPTThought.value(text: text, calls: calls)
        #expect(value == "<think>\nI should count files.\n</think>\n\n" + calls)
        #expect(read(value).rest == calls)
        #expect(ShareGPTThought.leavesOut(text))
    }

    @Test(arguments: ["Done\n</think>\n\nmore", "Plan\n</think>", "a </think> b"])
    func aClosingTagOutsideABlockIsLeftOutSoTheValueStillParses(text: String) {
        #expect(ShareGPTThought.value(text: text, calls: calls) == calls)
        #expect(ShareGPTThought.leavesOut(text))
    }

    @Test(arguments: ["", " \n\t "]) func aBlankTextIsNoThoughtAndNotLeftOut(text: String) {
        #expect(ShareGPTThought.value(text: text, calls: calls) == calls)
        #expect(!ShareGPTThought.leavesOut(text))
    }
}
