/// A reviewer's training mask on one agent turn (`trove label ID --turn N --train no|yes|default`, the
/// `m` key): whether a trainer learns from that turn.
public enum TurnTraining: String, Sendable, Hashable, CaseIterable {
    /// Do not train on the turn: ShareGPT exports write `"loss": false`, OpenAI ones `"weight": 0`.
    case no
    /// Train on the turn, whatever loss flag the record itself gave it.
    case yes
    /// No mask of the reviewer's: the record's own loss flag (or the trainer's default) applies.
    case `default`

    /// The `train` value of `turn_event` and `turn_current`: 0, 1, or NULL for ``default``.
    public var trains: Bool? {
        switch self {
        case .no: false
        case .yes: true
        case .default: nil
        }
    }

    /// The mask a stored `train` value means.
    public init(trains: Bool?) {
        switch trains {
        case false?: self = .no
        case true?: self = .yes
        case nil: self = .default
        }
    }

    /// What setting it on message `turn` did, in words, as `label_batch.change` records it:
    /// `mask turn 3`, `train turn 3`, `unmask turn 3`.
    public func change(turn: Int) -> String {
        switch self {
        case .no: "mask turn \(turn)"
        case .yes: "train turn \(turn)"
        case .default: "unmask turn \(turn)"
        }
    }
}
