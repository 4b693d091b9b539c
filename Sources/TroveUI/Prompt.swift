import TroveCore

/// A typed prompt at the bottom of the screen: what it asks for, the editor, and an inline error.
public struct Prompt: Hashable, Sendable {
    /// What the typed text becomes.
    public enum Kind: Hashable, Sendable {
        case reward
        case note
        /// Tags to toggle, by name or by number in ``AppState/tagSet``.
        case tags
        case filter
        case search
        /// An id, or the start of one, to go to.
        case goTo
        /// `y` applies the change to the `count` trajectories the filter shows; any other key cancels.
        case confirmBatch(LabelChange, count: Int)
    }

    public var kind: Kind
    public var editor: LineEditor
    /// Why the last submission was refused; cleared by the next key.
    public var error: String?
    /// Characters of the text to mark under the error (a filter's bad token).
    public var errorRange: Range<Int>?
    /// The text the prompt opened with: submitting it unchanged changes nothing.
    public var initialText: String
    /// The trajectory whose reviewer's own reward or note is being read to fill the prompt (`r` and `c`
    /// on a trajectory not open); nil once filled, and as soon as a key is typed, which then wins.
    public var fillingFrom: String?
    /// The tag prompt's menu marks; nil while the reviewers' labels are being read.
    public var tagMarks: TagMarks?

    /// A prompt holding `text`, selected when `selected` so the first typed character replaces it.
    public init(_ kind: Kind, text: String = "", selected: Bool = false) {
        self.kind = kind
        self.editor = LineEditor(text, selected: selected)
        self.initialText = text
    }

    /// The label before the text.
    public var label: String {
        switch kind {
        case .reward: "reward (0..1): "
        case .note: "note: "
        case .tags: "toggle tags: "
        case .filter: "filter: "
        case .search: "search: "
        case .goTo: "go to id: "
        case .confirmBatch(let change, let count):
            "\(change.status?.rawValue == "accepted" ? "accept" : "reject") all \(count) trajectories this list shows? "
                + "y confirms, any other key cancels "
        }
    }
}
