/// A reasoning model's thought block at the start of an agent turn: `<think>` … `</think>`.
///
/// Formats that keep a turn's reasoning apart from its text (ATIF's `reasoning_content`, the
/// `reasoning_content` OpenAI-compatible servers add to a message) are imported with the reasoning in
/// the text as such a block, ``text(reasoning:message:)``: the layout of Qwen-style chat templates and
/// of LLaMA-Factory's `thought_words`, which the exports already read as the turn's reasoning
/// (``ShareGPTThought``) and which a trainer's chat template splits off again. The step parser reads a
/// leading block as the step's thought in every dialect (``leading(in:)``), so the reasoning shows and
/// is searched as the thought, and the dialect's grammar reads the text after it.
struct ReasoningBlock {
    static let open = "<think>\n"
    static let close = "\n</think>\n\n"

    /// The block's segments: the tags and the white space around the reasoning as syntax, the reasoning
    /// as thought. They reassemble `text[0..<end]` exactly.
    var segments: [Segment]
    /// The reasoning without the tags and surrounding white space; nil when the block is empty (a model
    /// asked not to think writes `<think>\n\n</think>`).
    var reasoning: String?
    /// The offset after the block and the white space after it: where the turn's own text starts.
    var end: Int

    /// The text of a message whose reasoning a format keeps apart: `<think>\n` + reasoning +
    /// `\n</think>\n\n` + message. The message alone when the reasoning is blank or repeats it (some
    /// mappers copy one into the other), so nothing is shown twice.
    static func text(reasoning: String?, message: String) -> String {
        guard let reasoning, reasoning.contains(where: { !$0.isWhitespace }), !sameText(reasoning, message) else {
            return message
        }
        return open + reasoning + close + message
    }

    /// The block `text` opens with (after white space), closed by `</think>`; nil when the turn does
    /// not open with one, or never closes it (a cut-off block is left to the dialect, as before).
    static func leading(in text: TurnText) -> ReasoningBlock? {
        let start = text.skippingWhitespace(from: 0)
        guard text.hasPrefix("<think>", at: start),
            let closing = text.firstOffset(of: "</think>", from: start + "<think>".utf8.count)
        else { return nil }
        let end = text.skippingWhitespace(from: closing + "</think>".utf8.count)
        var builder = SegmentBuilder(text)
        builder.append(.syntax, upTo: start + "<think>".utf8.count)
        let reasoning = builder.appendTrimmed(.thought, upTo: closing)
        builder.append(.syntax, upTo: end)
        return ReasoningBlock(segments: builder.segments, reasoning: reasoning, end: end)
    }

    /// `reading` of the text after the block, with the block's segments before its own and the
    /// reasoning before its thought (a blank line between them).
    func joined(with reading: TurnReading) -> TurnReading {
        var joined = reading
        joined.segments = segments
        for segment in reading.segments {
            // Merged as SegmentBuilder merges: the block's closing syntax and the text's leading syntax are one piece.
            if let last = joined.segments.last, last.kind == segment.kind {
                joined.segments[joined.segments.count - 1].text += segment.text
            } else {
                joined.segments.append(segment)
            }
        }
        joined.thought = [reasoning, reading.thought].compactMap { $0 }.joined(separator: "\n\n")
        if joined.thought?.isEmpty == true { joined.thought = nil }
        return joined
    }

    private static func sameText(_ reasoning: String, _ message: String) -> Bool {
        func trimmed(_ text: String) -> Substring {
            var text = text.drop { $0.isWhitespace }
            while text.last?.isWhitespace == true { text = text.dropLast() }
            return text
        }
        return trimmed(reasoning) == trimmed(message)
    }
}
