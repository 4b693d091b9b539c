import TroveCore

/// Everything that can change ``AppState``: commands from the keymap, prompt keys, resizes, and the
/// results of ``Effect``s coming back from the runtime.
public enum Action: Hashable, Sendable {
    /// A command from the keymap.
    case command(Command)
    /// A key for the focused prompt.
    case text(Key)
    case resized(Size)
    /// The session starts; where the reviewer left off last time, if known.
    case started(ReviewSessionState?)
    case windowLoaded(RowWindow)
    /// The store could not load the rows a window asked for (a filter it fails on).
    case windowFailed(UserMessage)
    /// The counts a ``CountRequest`` of that generation asked for.
    case counted(generation: Int, ListCounts)
    /// The trajectory to show, its texts cut to the layout's budget.
    case trajectoryLoaded(TrajectoryExcerpt)
    /// A page of one message text of trajectory `id`, read past its first page.
    case textPageLoaded(id: String, TextPage)
    case labelSaved(LabelReceipt)
    /// A change to turn masks (or the undo or redo of one) on trajectory `id` was stored, or changed
    /// nothing; `message` says which.
    case turnsSaved(id: String?, message: UserMessage)
    /// How many trajectories a batch change would label: asks the reviewer to confirm it.
    case batchPreviewed(LabelChange, count: Int)
    case historyLoaded(id: String, events: [LabelEvent])
    case statsLoaded(DatasetStats)
    /// Reviewers' agreement, loaded with the statistics.
    case agreementLoaded(AgreementReport)
    /// The ids (up to ``AppState/idMatchLimit``, sorted) that start with `prefix`, for the go-to-id
    /// prompt: completed (Tab) or gone to (`submit`).
    case idsFound(prefix: String, ids: [String], submit: Bool)
    /// The other runs of the open trajectory's task instance, in import order.
    case groupRunsLoaded([TrajectoryRow])
    /// The run to compare the open trajectory with.
    case comparisonLoaded(StoredTrajectory)
    /// The tags in use in the store, sorted.
    case tagsLoaded([String])
    /// Every reviewer's current label on trajectory `id`, read with it.
    case reviewerLabelsLoaded(id: String, [ReviewerLabel])
    /// The store's team policy, read when the session starts.
    case policyLoaded(TeamPolicy)
    /// How far the reviewer is through their assignments, read after every label change.
    case progressLoaded(QueueProgress)
    /// Another process changed the store: refresh what is on screen.
    case storeChanged
    case failed(UserMessage)
}
