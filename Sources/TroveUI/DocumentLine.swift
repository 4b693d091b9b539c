/// One screen line of the trajectory screen, already wrapped: a gutter mark, a label column and text.
public struct DocumentLine: Hashable, Sendable {
    /// `·` for a turn that does not train (loss false or absent), else a space.
    public var gutter: Character
    /// The part's name on its first line (`Thought`, `Action`), empty on continuation lines.
    public var label: String
    public var spans: [Span]
    /// The step this line belongs to, if any.
    public var step: Int?
    /// Whether the line opens a step (the targets of next/previous step).
    public var isStepHeader: Bool
    /// The step whose foldable observation this line shows.
    public var foldStep: Int?
    /// The message whose text this line shows, when that text is longer than one page (`>` pages it).
    public var pagedMessage: Int?
    /// Whether the text starts at the label column (headings and unlabelled text) instead of after it.
    public var isFullWidth: Bool
    /// Whether the line continues the text of the line before it, which a soft wrap broke: search reads
    /// the two as one text, so a word the wrap splits is found.
    public var continues: Bool
    /// Blank columns before the spans (a metadata value's continuation lines, under its first); no part
    /// of the text.
    public var indent: Int

    public init(
        gutter: Character = " ", label: String = "", spans: [Span], step: Int? = nil, isStepHeader: Bool = false,
        foldStep: Int? = nil, pagedMessage: Int? = nil, isFullWidth: Bool = false, continues: Bool = false,
        indent: Int = 0
    ) {
        self.gutter = gutter
        self.label = label
        self.spans = spans
        self.step = step
        self.isStepHeader = isStepHeader
        self.foldStep = foldStep
        self.pagedMessage = pagedMessage
        self.isFullWidth = isFullWidth
        self.continues = continues
        self.indent = indent
    }

    /// The line's text without gutter and label.
    public var text: String { spans.map(\.text).joined() }

    /// The text search looks in: the line's text without trove's own hints (`… 23 more lines (o
    /// unfolds)`), which are whole lines of their own. With the lines it ``continues``, one text (see
    /// ``SearchHit/find(_:in:)``).
    public var searchText: String { spans.lazy.filter { $0.role != .hint }.map(\.text).joined() }
}
