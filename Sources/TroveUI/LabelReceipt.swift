import TroveCore

/// What the store recorded for a label change, an undo or a redo, fed back to ``update(_:_:)``.
public struct LabelReceipt: Hashable, Sendable {
    /// What was asked for.
    public enum Kind: Hashable, Sendable {
        case label(LabelChange)
        case undo
        case redo
    }

    public var kind: Kind
    /// The events written; empty when there was nothing to undo or redo.
    public var events: [LabelEvent]
    /// Whether the screen should move on to the next pending trajectory.
    public var advance: Bool
    /// How many trajectories the change (or the batch undone or redone) labeled; ``events`` may hold
    /// only the first of a large batch.
    public var count: Int
    /// For an undo or a redo, what it took back or did again in the words `trove label --undo` prints
    /// (``LabelBatch/message``: `undone: accept of db_3`); nil for a label change.
    public var batchMessage: String?

    public init(
        kind: Kind, events: [LabelEvent], advance: Bool = false, count: Int? = nil, batchMessage: String? = nil
    ) {
        self.kind = kind
        self.events = events
        self.advance = advance
        self.count = count ?? events.count
        self.batchMessage = batchMessage
    }
}
