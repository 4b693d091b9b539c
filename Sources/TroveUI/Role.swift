/// What a cell shows, never how it looks: a `Theme` in the terminal backend maps each role to colours and
/// attributes, so screens stay colour-free and a monochrome theme can serve `NO_COLOR` (lnav's `role_t`).
///
/// Each role has a distinct one-character ``letter`` used by ``Canvas/roleLines`` in style snapshots.
public enum Role: String, CaseIterable, Hashable, Sendable {
    // MARK: - Chrome
    /// Ordinary text.
    case text
    /// Secondary text: counts, ids, timestamps.
    case dim
    /// A screen title.
    case title
    /// A table column header.
    case header
    /// The status bar at the bottom.
    case statusBar
    /// The selected row or item.
    case selection
    /// Box and separator lines.
    case border
    /// A key name in help or hints.
    case key
    /// A short usage hint.
    case hint
    /// An error message.
    case error
    /// A warning that does not stop the work.
    case warning
    /// The text of a typed prompt (filter, search, reward, note).
    case prompt
    /// The text cursor inside a prompt.
    case cursor

    // MARK: - Trajectory content
    /// The agent's reasoning.
    case thought
    /// The agent's action text.
    case action
    /// The kind of an action (`bash`, `search`, `click`, a tool name).
    case actionKind
    /// Environment or tool output.
    case observation
    /// The agent's final answer.
    case finalAnswer
    /// Context turns: the instruction prompt, the handshake and one-shot example turns.
    case context
    /// Marker for a turn trained on (`loss: true`).
    case trained
    /// Marker for a turn not trained on (`loss` false or absent).
    case masked
    /// A full-text search hit.
    case searchHit
    /// The search hit `/`, `n` or `N` went to, among the others on screen.
    case currentSearchHit
    /// A glyph standing in for a control, format or invalid scalar (see ``Sanitizer``).
    case escaped
    /// A member's key in a record shown as JSON (`R`).
    case jsonKey
    /// A string value in a record shown as JSON.
    case jsonString

    // MARK: - Labels
    /// An accepted trajectory.
    case accepted
    /// A rejected trajectory.
    case rejected
    /// A trajectory not labelled yet.
    case pending
    /// A trajectory whose reviewers do not agree as the team policy asks.
    case disputed
    /// A reward value.
    case reward
    /// A quality flag raised by the parser or a check.
    case flag
    /// A user tag.
    case tag
    /// A reviewer's note.
    case note

    // MARK: - Charts
    /// The filled part of a bar.
    case barFill
    /// The empty part of a bar.
    case barEmpty

    /// The one-character code of this role in ``Canvas/roleLines``.
    public var letter: Character {
        switch self {
        case .text: "."
        case .dim: "d"
        case .title: "T"
        case .header: "h"
        case .statusBar: "S"
        case .selection: "s"
        case .border: "b"
        case .key: "K"
        case .hint: "?"
        case .error: "E"
        case .warning: "W"
        case .prompt: "P"
        case .cursor: "C"
        case .thought: "t"
        case .action: "a"
        case .actionKind: "k"
        case .observation: "o"
        case .finalAnswer: "F"
        case .context: "c"
        case .trained: "L"
        case .masked: "m"
        case .searchHit: "/"
        case .currentSearchHit: "@"
        case .escaped: "e"
        case .jsonKey: "Y"
        case .jsonString: "Q"
        case .accepted: "A"
        case .rejected: "X"
        case .pending: "p"
        case .disputed: "D"
        case .reward: "R"
        case .flag: "f"
        case .tag: "g"
        case .note: "n"
        case .barFill: "#"
        case .barEmpty: "-"
        }
    }
}
