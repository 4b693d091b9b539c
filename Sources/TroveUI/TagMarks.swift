import TroveCore

/// What the tag menu marks on the trajectory a tag prompt labels. A number toggles a tag on the
/// reviewer's own label only, so the menu's `✓` marks their own tags (a number takes it off), and a
/// tag only other reviewers gave gets a mark of its own (a number adds it to the reviewer's label;
/// the others keep theirs either way).
public struct TagMarks: Hashable, Sendable {
    /// The tags of the reviewer's own label.
    public var own: Set<String>
    /// The tags other reviewers gave that the reviewer's own label lacks.
    public var others: Set<String>

    /// The mark of a tag the reviewer's own label holds.
    static let ownMark = "✓"
    /// The mark of a tag only other reviewers gave.
    static let othersMark = "◦"
    /// What the marks mean, shown above the menu while an `othersMark` is on it.
    static let legend =
        "\(ownMark) yours: a number takes it off · \(othersMark) another reviewer's: a number adds it to yours"

    public init(own: Set<String> = [], others: Set<String> = []) {
        self.own = own
        self.others = others.subtracting(own)
    }

    /// The marks of `labels`, every reviewer's label on one trajectory, for `reviewer`; other
    /// reviewers' tags only when `showsOthers` (blind review hides them until the reviewer decides).
    public init(_ labels: [ReviewerLabel], reviewer: String, showsOthers: Bool) {
        let own = labels.first { $0.reviewer == reviewer }.map { Set($0.label.tags) } ?? []
        let others = showsOthers ? Set(labels.filter { $0.reviewer != reviewer }.flatMap(\.label.tags)) : []
        self.init(own: own, others: others)
    }

    /// The mark before `tag` in the menu: empty for a tag no reviewer gave.
    func mark(of tag: String) -> String {
        own.contains(tag) ? Self.ownMark : others.contains(tag) ? Self.othersMark : ""
    }
}
