/// How an agent message's text goes before its calls in a ShareGPT `function_call` turn.
///
/// LLaMA-Factory's `FunctionFormatter` cuts the first span from `<think>\n` to the next
/// `\n</think>\n\n` (its default template's `thought_words`) out of the value and parses the rest as
/// the calls, failing the whole dataset when the rest is not JSON. So:
/// - a text without `</think>` is framed by those words;
/// - a text that opens with a reasoning model's own thought block (`<think>…</think>`) gives that
///   block, in LLaMA-Factory's layout, as the thought; an empty block (a model asked not to think)
///   gives none, and the text after it is framed instead;
/// - what no framing can carry (a text after a non-empty block, a `</think>` anywhere else) is left
///   out of the turn, and ``leavesOut(_:)`` says so for the exports' warning (the `openai` format
///   keeps text and calls apart).
///
/// ```swift
/// ShareGPTThought.value(text: "I list.", calls: "{…}")                  // "<think>\nI list.\n</think>\n\n{…}"
/// ShareGPTThought.value(text: "<think>R</think>", calls: "{…}")         // "<think>\nR\n</think>\n\n{…}"
/// ShareGPTThought.value(text: "<think>\n\n</think>\n\nI list.", calls: "{…}")   // "<think>\nI list.\n</think>\n\n{…}"
/// ShareGPTThought.value(text: "<think>\nR\n</think>\n\nI list.", calls: "{…}")  // "<think>\nR\n</think>\n\n{…}"
/// ```
public enum ShareGPTThought {
    static let open = "<think>\n"
    static let close = "\n</think>\n\n"

    /// The `function_call` value for an agent message with `text` and the calls' JSON `calls`.
    public static func value(text: String, calls: String) -> String {
        (reading(text).thought ?? "") + calls
    }

    /// The thought and calls of a `function_call` value in LLaMA-Factory's layout, the inverse of
    /// ``value(text:calls:)``: the span the thought words frame (empty when there is none) and the call
    /// objects after it; nil when what follows the thought is not a call object or a list of them.
    ///
    /// ```swift
    /// ShareGPTThought.reading(functionCall: "<think>\nI list.\n</think>\n\n{\"name\": \"ls\"}")
    /// // ("I list.", [{"name": "ls"}])
    /// ```
    public static func reading(functionCall value: String) -> (thought: String, calls: [JSONValue])? {
        var rest = Substring(value)
        var thought = ""
        if rest.hasPrefix(open), let close = rest.firstRange(of: close) {
            thought = String(rest[..<close.lowerBound].dropFirst(open.count))
            rest = rest[close.upperBound...]
        }
        switch try? JSONParser.parse(Array(rest.utf8)) {
        case .object(let call)?: return (thought, [.object(call)])
        case .array(let calls)? where calls.allSatisfy({ $0.objectValue != nil }): return (thought, calls)
        default: return nil
        }
    }

    /// Whether some of `text`, not white space, cannot be carried in the `function_call` turn.
    public static func leavesOut(_ text: String) -> Bool {
        reading(text).leavesOut
    }

    /// The span before the calls (nil for none) and whether some of the text is left out.
    private static func reading(_ text: String) -> (thought: String?, leavesOut: Bool) {
        let body = text.drop { $0.isWhitespace }
        guard body.hasPrefix("<think>") else { return framed(text) }
        // A block cut off before its `</think>` is still the reasoning.
        let inner = body.dropFirst("<think>".count)
        let end = inner.firstRange(of: "</think>")
        let reasoning = trimmed(inner[..<(end?.lowerBound ?? inner.endIndex)])
        let after = end.map { inner[$0.upperBound...] } ?? ""
        guard !reasoning.isEmpty else { return framed(String(after.drop { $0.isWhitespace })) }
        return (open + reasoning + close, after.contains { !$0.isWhitespace })
    }

    /// `text` framed by the thought words; none when it is blank, and left out when it holds `</think>`.
    private static func framed(_ text: String) -> (thought: String?, leavesOut: Bool) {
        guard text.contains(where: { !$0.isWhitespace }) else { return (nil, false) }
        guard !text.contains("</think>") else { return (nil, true) }
        return (open + text + close, false)
    }

    private static func trimmed(_ text: Substring) -> String {
        var text = text.drop { $0.isWhitespace }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return String(text)
    }
}
