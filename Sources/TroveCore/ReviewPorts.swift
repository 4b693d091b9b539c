/// What the review UI reads: a store seen through the questions a screen asks.
///
/// The list asks only for the rows on screen (keyset pages relative to a row it
/// holds, never offsets), so browsing a million trajectories costs the same as
/// browsing a hundred. TroveStore's `Store` conforms; tests may use it in
/// memory or any fake.
public protocol TrajectorySource: Sendable {
    /// Matching trajectories by review status, all trajectories in the store, and how many matching
    /// trajectories precede `anchor` in `sort` order (its list position, or the position of the first
    /// matching row after it when it does not match; 0 without an anchor), from one snapshot.
    /// `storeTotal`, when the caller knows it, is taken as the store's size instead of counting it.
    /// `onOwnConnection` asks for a connection apart from the one pages are read with (so a long scan
    /// neither waits for nor crowds it); without it, a count the caller stops within a moment (a try
    /// before the frame) need not pay for opening one.
    ///
    /// This may scan every trajectory: the review UI asks for it after the frame is drawn, off its loop,
    /// and gives up on it (`shouldStop` turning true, asked from time to time while counting) when a newer
    /// count replaces it; the call then throws ``CountStopped`` or returns counts no one will read.
    func listCounts(
        matching filter: Filter, sortedBy sort: ListSort, before anchor: TrajectoryRow?, storeTotal: Int?,
        onOwnConnection: Bool, shouldStop: @escaping @Sendable () -> Bool
    ) throws -> ListCounts
    /// Up to `limit` rows that follow `row` in `sort` order (the first rows when `row` is nil).
    func rows(matching filter: Filter, sortedBy sort: ListSort, after row: TrajectoryRow?, limit: Int) throws
        -> [TrajectoryRow]
    /// Up to `limit` rows that precede `row` in `sort` order (the last rows when
    /// `row` is nil), returned in list order.
    func rows(matching filter: Filter, sortedBy sort: ListSort, before row: TrajectoryRow?, limit: Int) throws
        -> [TrajectoryRow]
    /// The current row of one trajectory, or nil when no trajectory has that id.
    func row(id: String) throws -> TrajectoryRow?
    /// One trajectory with its parse and label as the review screen shows it: every text cut to at most
    /// `textBudget` UTF-8 bytes, neither the original bytes nor metadata larger than the budget loaded,
    /// so that opening a record of any size costs about its number of texts times the budget; nil when
    /// no trajectory has that id.
    ///
    /// With `blindReviewer` (a blind review's reviewer), the trajectory as that reviewer may read it, so
    /// that no screen shows what blind review hides: until they accept or reject it, the masks and
    /// corrections are their own, not the team's decisions (``StoredTrajectory/turns``, the corrected
    /// texts, and the steps and flags parsed from them), and every reward a turn other than the agent's
    /// states reads `hidden` (``TrajectoryExcerpt/redactingStatedRewards()``).
    func excerpt(id: String, textBudget: Int, blindReviewer: String?) throws -> TrajectoryExcerpt?
    /// The scalars of message `message`'s text whose first byte lies in `bytes` (see ``TextPage``),
    /// reading only that range; nil when there is no such trajectory or message. With `blindReviewer`, a
    /// page of a turn other than the agent's reads every reward it states `hidden`
    /// (``TextPage/redactingStatedRewards(after:)``).
    func textPage(of id: String, message: Int, bytes: Range<Int>, blindReviewer: String?) throws -> TextPage?
    /// A trajectory's label events, oldest first.
    func labelHistory(of id: String) throws -> [LabelEvent]
    /// Per-task counts for the stats screen.
    func stats() throws -> DatasetStats
    /// Per task, how many trajectories `reviewer` accepted and rejected (their own current labels;
    /// ``DatasetStats/ownDecisionsSQL(_:)``), for blind review's stats screen.
    func ownDecisions(of reviewer: String) throws -> [String: (accepted: Int, rejected: Int)]
    /// How far reviewers agree over the whole store, for the stats screen.
    func agreement() throws -> AgreementReport
    /// A number that changes whenever labels, trajectories, the team policy or assignments change, from
    /// any process; polling it tells the UI when to refresh (``ReviewChangeToken``).
    func changeToken() throws -> Int64
    /// Where `reviewer` left off, if they reviewed this store before.
    func reviewState(for reviewer: String) throws -> ReviewSessionState?
    /// Every tag some trajectory has now, by any reviewer, sorted by code point: the tag prompt offers
    /// them, so a tag typed by hand in one session is on the menu in the next.
    func tagsInUse() throws -> [String]
    /// Every tag `reviewer`'s own current labels hold, sorted by code point: what blind review's tag
    /// prompt offers, where another reviewer's tag names would tell their judgement.
    func tagsInUse(by reviewer: String) throws -> [String]
    /// Up to `limit` ids that start with `prefix` (an id equal to it included), sorted by code point.
    func ids(startingWith prefix: String, limit: Int) throws -> [String]
    /// The record's bytes exactly as imported, whole (`v` pages them); nil when no trajectory has `id`.
    func originalRecord(of id: String) throws -> [UInt8]?
    /// How many trajectories are assigned to `reviewer` and how many of those they accepted or rejected
    /// (both 0 without assignments).
    func queueProgress(of reviewer: String) throws -> QueueProgress
    /// How the store derives decisions; the review UI says when the reviewer's decision is final.
    func teamPolicy() throws -> TeamPolicy
    /// Every reviewer's current label on trajectory `id`, by reviewer name; empty when it has none.
    func reviewerLabels(of id: String) throws -> [ReviewerLabel]
    /// Agent turn `turn` of trajectory `id`, whole: its text as imported and as the reviewers corrected
    /// it (nil when they did not); nil when the trajectory has no such agent turn. With `blindReviewer`,
    /// the correction that reviewer reads, as ``excerpt(id:textBudget:blindReviewer:)`` gives it: their
    /// own until they accept or reject the trajectory. Throws the store's unknown-trajectory error when
    /// there is no trajectory `id`.
    func turnText(of id: String, turn: Int, blindReviewer: String?) throws -> (original: String, corrected: String?)?
}

/// What the review UI and `trove label` write. Every call commits before it
/// returns, so a change the screen shows as done survives a crash.
///
/// Each call that writes is one ``LabelBatch``: undo and redo take back or
/// bring back a whole batch, however many trajectories it changed. A
/// trajectory whose label the change leaves as it is gets no event, and a call
/// that changes nothing writes nothing.
public protocol LabelSink: Sendable {
    /// Applies one change to `reviewer`'s own label on each trajectory, in one transaction, as one batch;
    /// each trajectory's decision follows from every reviewer's label under the team policy.
    ///
    /// - returns: The events written, in import order (none for a trajectory the change leaves as it was).
    @discardableResult
    func applyLabel(_ change: LabelChange, to ids: [String], reviewer: String, origin: String) throws -> [LabelEvent]
    /// Applies one change to every trajectory matching `filter`, in one transaction, as one batch.
    ///
    /// - returns: The batch written, or nil when the change left every matching label as it was.
    @discardableResult
    func applyLabel(_ change: LabelChange, matching filter: Filter, reviewer: String, origin: String) throws
        -> LabelBatch?
    /// What ``applyLabel(_:matching:reviewer:origin:)`` would write for `reviewer`, writing nothing: how
    /// many trajectories it would change, and the first of their ids in import order (at most `limit`).
    func previewLabel(_ change: LabelChange, matching filter: Filter, reviewer: String, limit: Int) throws
        -> (count: Int, firstIDs: [String])
    /// Sets `reviewer`'s own training mask on agent turn `turn` (a message index) of trajectory `id`, as
    /// one batch that undo and redo take back and bring back like any label change.
    ///
    /// - returns: The batch written, or nil when the reviewer's mask already was `training`.
    @discardableResult
    func setTraining(_ training: TurnTraining, turn: Int, of id: String, reviewer: String, origin: String) throws
        -> LabelBatch?
    /// Sets `reviewer`'s own correction of agent turn `turn`'s text (nil takes it back), as one batch;
    /// the trajectory's steps are parsed again from its corrected texts. Only a step's agent turn
    /// (``TurnKind/agent``) is corrected: a context turn (the handshake, the in-context example) is refused,
    /// since corrected it would be parsed as a step of the run; taking a correction back works on any.
    ///
    /// - returns: The batch written, or nil when the reviewer's correction already was `text`.
    /// - throws: ``CorrectionError`` when `text` cannot be kept whole; the store's own error naming the
    ///   turn for a turn that is not a step's agent turn (nothing is written either way).
    @discardableResult
    func setText(_ text: String?, turn: Int, of id: String, reviewer: String, origin: String) throws -> LabelBatch?
    /// Undoes `reviewer`'s latest batch not yet undone; nil when there is none.
    @discardableResult
    func undo(reviewer: String, origin: String) throws -> LabelBatch?
    /// Redoes `reviewer`'s latest undone batch; nil when there is none.
    @discardableResult
    func redo(reviewer: String, origin: String) throws -> LabelBatch?
    /// Remembers where `reviewer` is, for the next session.
    func saveReviewState(_ state: ReviewSessionState, for reviewer: String) throws
}
