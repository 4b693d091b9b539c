import TroveCore

/// Reads the step texts that `trajectory.steps` stores as spans of their messages' texts
/// (``StepCoding``), through blob I/O on `message_text.text`, so that a span of a 300 MB observation
/// costs only the bytes a screen shows.
struct StepSpanReader {
    /// The reader of `message_text.text`, moved from row to row.
    let texts: ColumnReader
    /// The `message_text` row of each message of the trajectory, by index.
    let textIDs: [Int64]

    /// The first `budget` bytes of `span` in the text of message `message`, cut at a scalar boundary;
    /// `nil` when the trajectory has no such message or its text ends before the span does.
    func text(message: Int, span: Range<Int>, budget: Int) throws -> String? {
        guard textIDs.indices.contains(message) else { return nil }
        try texts.open(row: textIDs[message])
        guard span.upperBound <= texts.size else { return nil }
        return try texts.string(span.lowerBound..<(span.lowerBound + min(span.count, budget)), cut: budget < span.count)
    }
}
