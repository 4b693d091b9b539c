/// One change as the reviewer made it: every label event written by one call of
/// ``LabelSink`` (a key press, one `trove label` command, an undo or a redo),
/// undone and redone as a whole.
///
/// A batch over a million trajectories is one row of `label_batch` and a
/// million `label_event` rows; the batch carries only the first of them.
public struct LabelBatch: Sendable, Hashable {
    /// How many events ``firstEvents`` holds at most.
    public static let firstEventLimit = 100

    /// Who makes the batches trove writes itself (``ImportResetSQL``: a replaced record sent back to
    /// pending; each event in such a batch is the label of the reviewer it resets). Stores older than
    /// version 5 wrote those events under this name too. No reviewer may take it.
    public static let importReviewer = "trove"

    /// The batch's id (`label_batch.id`); ids grow with time.
    public var id: Int64
    /// What the batch did: a reviewer's change, or the undo or redo of one.
    public var kind: LabelEvent.Kind
    /// For undo and redo: the batch undone or redone.
    public var reverts: Int64?
    public var reviewer: String
    /// UTC, ISO 8601 with milliseconds.
    public var at: String
    /// Where the change came from: `ui`, `cli`, …
    public var origin: String
    /// What the reviewer's change did, in words (``LabelChange/summary``): for
    /// an undo or a redo, the change undone or redone.
    public var change: String
    /// How many trajectories the batch changed.
    public var count: Int
    /// The first events of the batch in import order, at most ``firstEventLimit``; none for a change
    /// to turns (`turn_event` rows).
    public var firstEvents: [LabelEvent]
    /// The id of the first trajectory the batch changed, in import order (also for a change to turns).
    public var firstTrajectoryID: String?

    public init(
        id: Int64, kind: LabelEvent.Kind, reverts: Int64?, reviewer: String, at: String, origin: String,
        change: String, count: Int, firstEvents: [LabelEvent], firstTrajectoryID: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.reverts = reverts
        self.reviewer = reviewer
        self.at = at
        self.origin = origin
        self.change = change
        self.count = count
        self.firstEvents = firstEvents
        self.firstTrajectoryID = firstTrajectoryID ?? firstEvents.first?.trajectoryID
    }

    /// The trajectories changed, for a message: one id (shown by `shown`), or a count.
    func subject(showing shown: (String) -> String) -> String {
        count == 1 ? firstTrajectoryID.map(shown) ?? "1 trajectory" : Plural.trajectories(count)
    }

    /// What happened, in the words `trove label` and the review UI print:
    /// `labeled 2 trajectories: rejected (by r1)`, `undone: note on db_203`,
    /// `redone: accept of db_214`; ids and reviewer names with their control characters escaped
    /// (``TrajectoryReport/visible(_:)``), as a terminal line needs.
    public var message: String { message(showing: TrajectoryReport.visible) }

    /// ``message`` with the id and the reviewer name it holds shown by `shown`: the review screens draw
    /// them as every id on screen (shortened, control characters as their pictures) rather than escaped.
    public func message(showing shown: (String) -> String) -> String {
        switch kind {
        case .label: Self.labeledMessage(count: count, change: change, reviewer: reviewer, showing: shown)
        case .undo: "undone: \(change) \(preposition) \(subject(showing: shown))"
        case .redo: "redone: \(change) \(preposition) \(subject(showing: shown))"
        }
    }

    /// `labeled 2 trajectories: rejected (by r1)`, for `count` trajectories changed by the change
    /// whose ``LabelChange/summary`` is `change`, the reviewer's name shown by `shown`.
    public static func labeledMessage(
        count: Int, change: String, reviewer: String, showing shown: (String) -> String = TrajectoryReport.visible
    ) -> String {
        "labeled \(Plural.trajectories(count)): \(LabelChange.outcome(of: change)) (by \(shown(reviewer)))"
    }

    /// `accept of db_1` reads as a verdict on the trajectory, `note on db_1` as something put on it.
    private var preposition: String {
        LabelChange.statusWords.keys.contains(change) ? "of" : "on"
    }
}
