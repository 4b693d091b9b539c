/// How an agent message's text goes before its calls in a ShareGPT `function_call` turn.
///
/// LLaMA-Factory's `FunctionFormatter` cuts the first span from `<think>\n` to the next
/// `\n</think>\n\n` (its default template's `thought_words`) out of the value and parses the rest as
/// the calls, failing the whole dataset when the rest is not JSON. So a text is framed by those words
/// when it does not hold the closing ones itself; a text that is one thought block of its own (a
/// reasoning model's `<think>\n…\n</think>`, nothing after it but white space) is written as that
/// block; any other text holding the closing words cannot be carried there and is left out of the
/// turn (the `openai` format keeps text and calls apart).
///
/// ```swift
/// ShareGPTThought.value(text: "I list the files.", calls: "{…}")   // "<think>\nI list the files.\n</think>\n\n{…}"
/// ShareGPTThought.value(text: "<think>\nR\n</think>\n", calls: "{…}")   // "<think>\nR\n</think>\n\n{…}"
/// ShareGPTThought.isLeftOut("<think>\nR\n</think>\n\nI list the files.")   // true
/// ```
public enum ShareGPTThought {
    static let open = "<think>\n"
    static let close = "\n</think>\n\n"

    /// The `function_call` value for an agent message with `text` and the calls' JSON `calls`: the
    /// calls alone when the text is blank or ``isLeftOut(_:)``.
    public static func value(text: String, calls: String) -> String {
        guard let thought = framed(text) else { return calls }
        return thought + calls
    }

    /// Whether `text`, not blank, holds LLaMA-Factory's closing thought words in a way no framing
    /// can carry, so the `function_call` turn is written without it.
    public static func isLeftOut(_ text: String) -> Bool {
        text.contains { !$0.isWhitespace } && framed(text) == nil
    }

    /// `text` as the span before the calls: its own block, or framed; nil when blank or when it
    /// cannot be carried.
    private static func framed(_ text: String) -> String? {
        guard text.contains(where: { !$0.isWhitespace }) else { return nil }
        if let block = ownBlock(text) { return block }
        return text.contains(close) ? nil : open + text + close
    }

    /// `text` as one thought block ending in the closing words, when it is `<think>\n…\n</think>`
    /// with the closing words nowhere before its end and only white space after.
    private static func ownBlock(_ text: String) -> String? {
        var trimmed = Substring(text)
        while trimmed.last?.isWhitespace == true { trimmed = trimmed.dropLast() }
        let block = trimmed + "\n\n"
        guard block.hasPrefix(open) else { return nil }
        let inside = block.dropFirst(open.count)
        guard let end = inside.firstRange(of: close), end.upperBound == inside.endIndex else { return nil }
        return String(block)
    }
}
