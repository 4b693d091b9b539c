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

    @Test(arguments: [
        "I will list.", "Plan\n</think>", "<think>\n</think>", "a <think>\nb\n</think>\n c", "  two\n\nparagraphs  ",
    ])
    func aTextWithoutTheClosingWordsIsFramedWhole(text: String) {
        let value = ShareGPTThought.value(text: text, calls: calls)
        #expect(value == "<think>\n" + text + "\n</think>\n\n" + calls)
        #expect(read(value) == ("<think>\n" + text + "\n</think>\n\n", calls))
        #expect(!ShareGPTThought.isLeftOut(text))
    }

    @Test(arguments: ["<think>\nI reason.\n</think>", "<think>\nI reason.\n</think>\n\n", "<think>\nx\n</think> \n"])
    func aReasoningModelsOwnThoughtBlockIsWrittenAsThatBlock(text: String) {
        let value = ShareGPTThought.value(text: text, calls: calls)
        let block = text.hasPrefix("<think>\nx") ? "<think>\nx\n</think>\n\n" : "<think>\nI reason.\n</think>\n\n"
        #expect(value == block + calls)
        #expect(read(value) == (block, calls))
        #expect(!ShareGPTThought.isLeftOut(text))
    }

    @Test(arguments: [
        "<think>\nI reason.\n</think>\n\nThen I list.", "Done\n</think>\n\nmore",
        "<think>\na\n</think>\n\n<think>\nb\n</think>",
    ])
    func aTextHoldingTheClosingWordsOtherwiseIsLeftOutSoTheValueStillParses(text: String) {
        #expect(ShareGPTThought.value(text: text, calls: calls) == calls)
        #expect(ShareGPTThought.isLeftOut(text))
    }

    @Test(arguments: ["", " \n\t "]) func aBlankTextIsNoThoughtAndNotLeftOut(text: String) {
        #expect(ShareGPTThought.value(text: text, calls: calls) == calls)
        #expect(!ShareGPTThought.isLeftOut(text))
    }
}
