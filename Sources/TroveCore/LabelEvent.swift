/// One entry of a trajectory's label history (`label_event`): who changed
/// the label, when, how, and the label that resulted.
public struct LabelEvent: Sendable, Hashable {
    /// What the event did.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A reviewer's change.
        case label
        /// Restored the label from before the event in ``LabelEvent/reverts``.
        case undo
        /// Re-applied the event in ``LabelEvent/reverts`` after it was undone.
        case redo
    }

    /// The event's id; ids grow with time.
    public var id: Int64
    /// The trajectory's external id.
    public var trajectoryID: String
    public var reviewer: String
    /// UTC, ISO 8601 with milliseconds.
    public var at: String
    public var kind: Kind
    /// For undo and redo: the label event undone or redone.
    public var reverts: Int64?
    /// The label after the event.
    public var label: ReviewLabel
    /// Where the change came from: `ui`, `cli`, …
    public var origin: String
    /// The ``LabelBatch`` the event belongs to: every event of one change shares it.
    public var batch: Int64?
    /// For a change to one agent turn (a `turn_event`, whose ``id`` and ``reverts`` count turn events):
    /// the turn and the reviewer's state of it after the event; ``label`` is then
    /// ``ReviewLabel/unreviewed``. Nil for a change to the trajectory's label.
    public var turn: TurnState?

    /// A reviewer's state of one agent turn after a turn event.
    public struct TurnState: Sendable, Hashable {
        /// The message index.
        public var turn: Int
        public var training: TurnTraining
        /// Whether the reviewer's correction of the turn's text stands.
        public var isCorrected: Bool

        public init(turn: Int, training: TurnTraining, isCorrected: Bool) {
            self.turn = turn
            self.training = training
            self.isCorrected = isCorrected
        }
    }

    public init(
        id: Int64, trajectoryID: String, reviewer: String, at: String, kind: Kind, reverts: Int64?, label: ReviewLabel,
        origin: String, batch: Int64? = nil, turn: TurnState? = nil
    ) {
        self.turn = turn
        self.id = id
        self.trajectoryID = trajectoryID
        self.reviewer = reviewer
        self.at = at
        self.kind = kind
        self.reverts = reverts
        self.label = label
        self.origin = origin
        self.batch = batch
    }
}
