/// The decision on one agent turn of a trajectory (a `turn_label` row): whether a trainer learns from
/// it, derived from every reviewer's ``TurnTraining`` under the team policy as decisions are, and the
/// reviewers' correction of its text.
public struct TurnLabel: Sendable, Hashable {
    /// The message index (the `"message"` that `trove show --json` prints for each step).
    public var turn: Int
    /// `false`: masked (do not train); `true`: trained whatever the record says; nil: as imported (no
    /// reviewer's mask decides: too few of them, or they disagree).
    public var train: Bool?
    /// The corrected text (the latest adjudicator's correction, else the latest reviewer's); nil when
    /// the turn keeps the text it was imported with.
    public var text: String?

    public init(turn: Int, train: Bool?, text: String? = nil) {
        self.turn = turn
        self.train = train
        self.text = text
    }

    /// Whether the turn is masked: the reviewers decided not to train on it.
    public var isMasked: Bool { train == false }
    /// Whether a reviewer corrected the turn's text.
    public var isEdited: Bool { text != nil }
}

extension Trajectory {
    /// The trajectory with `labels` applied to its agent turns: a decided turn's ``Message/loss`` is
    /// its decision, so exports write a masked turn untrained (`"loss": false`, `"weight": 0`), and a
    /// corrected turn has its corrected text.
    public func applying(_ labels: [TurnLabel]) -> Trajectory {
        var trajectory = self
        trajectory.messages = Self.applying(labels, to: messages)
        return trajectory
    }

    /// `messages` with `labels` applied to their agent turns as ``applying(_:)`` applies them: a decided
    /// turn's ``Message/loss`` is its decision, a corrected turn has its corrected text.
    public static func applying(_ labels: [TurnLabel], to messages: [Message]) -> [Message] {
        var messages = messages
        for label in labels where messages.indices.contains(label.turn) && messages[label.turn].role == .agent {
            if let train = label.train { messages[label.turn].loss = train }
            if let text = label.text { messages[label.turn].text = text }
        }
        return messages
    }
}

extension TurnLabel {
    /// `edit turn 3` or `revert turn 3`: what a change to a turn's text did, as `label_batch.change`
    /// records it on both backends.
    public static func textChange(turn: Int, corrected: Bool) -> String {
        corrected ? "edit turn \(turn)" : "revert turn \(turn)"
    }

    /// Whether a batch whose `change` reads `change` corrected or reverted a turn's text, so that
    /// undoing or redoing it parses the trajectory again.
    public static func changesText(_ change: String) -> Bool {
        change.hasPrefix("edit turn ") || change.hasPrefix("revert turn ")
    }

    /// The correction an editor's file holds for a turn whose text is `original`: the file's text as
    /// written, less the one line break (`\n` or `\r\n`) an editor adds at the end when the original
    /// ends in none; carriage returns anywhere else are kept.
    public static func correction(fromFile text: String, original: String) -> String {
        // By scalars: "\r\n" is one Character, which `hasSuffix("\n")` does not match.
        guard text.unicodeScalars.last == "\n", original.unicodeScalars.last != "\n" else { return text }
        var scalars = text.unicodeScalars.dropLast()
        if scalars.last == "\r" { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    /// How a refused correction names the context turn it targeted, by its stored kind
    /// (``TurnKind`` raw value): `the handshake`, `a turn of the in-context example`.
    public static func contextTurnName(_ kind: String) -> String {
        switch TurnKind(rawValue: kind) {
        case .handshake?: "the handshake"
        case .example?: "a turn of the in-context example"
        default: "a \(kind) turn"
        }
    }

    /// Whether a correction reading `text` would blank its turn: it is empty or only whitespace. The
    /// review screen refuses such a correction and `trove edit` asks for `--allow-empty`.
    public static func blanks(_ text: String) -> Bool {
        text.allSatisfy(\.isWhitespace)
    }
}
