// MARK: - Raw fallback

extension StepParser {
    /// Reads any turn: its whole text is one piece, and its trimmed text the
    /// thought. Never fails.
    ///
    /// - parameter kind: ``Segment/Kind/thought`` for a trajectory whose
    ///   dialect is ``Dialect/raw``; ``Segment/Kind/other`` for a turn that
    ///   broke its trajectory's grammar.
    static func readRawTurn(_ text: TurnText, as kind: Segment.Kind) -> TurnReading {
        var builder = SegmentBuilder(text)
        builder.append(kind, upTo: text.count)
        let trimmed = text.trimmed(0..<text.count)
        return TurnReading(
            segments: builder.finish(), thought: trimmed.isEmpty ? nil : text.string(trimmed),
            actsOnEnvironment: false, endsTask: false)
    }
}
