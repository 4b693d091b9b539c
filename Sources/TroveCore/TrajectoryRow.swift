/// One row of the review list: what the list screen shows of a trajectory,
/// and the values its sort keys come from.
public struct TrajectoryRow: Sendable, Hashable {
    /// The store's row id: stable, and the last tie-breaker of every sort.
    public var rowID: Int64
    /// The external id.
    public var id: String
    public var task: String
    public var steps: Int
    public var environmentReward: Double?
    /// The reviewer's reward override, if any.
    public var reviewReward: Double?
    public var status: LabelStatus
    public var flags: [QualityFlag]
    public var tags: [String]
    /// The start of the task's text (about 200 characters), for the list.
    public var preview: String
    /// What the task asks for (``TaskGoal``), its first 200 characters as the store keeps them
    /// (`trajectory.goal`), which the list's text sort orders by; nil when not read, and the list then
    /// takes it from ``preview``.
    public var goal: String?
    /// The model that produced the trajectory, when the record names one
    /// (`model`, `model_name`); hidden in blind review.
    public var sourceModel: String?
    /// How the run ended, when its format records it.
    public var outcome: RunOutcome?
    /// Who made the current label; `nil` for a trajectory never labeled.
    public var reviewer: String?
    /// Whether the current label has a note.
    public var hasNote: Bool
    /// Every reviewer with a label of their own on the trajectory, with their own status: blind review
    /// shows the decision only to a reviewer who has decided, or whose label is the only one.
    public var reviewerStatuses: [String: LabelStatus]
    /// Where ``environmentReward`` came from, when known (the trajectory screen's title says it).
    public var environmentRewardSource: RewardSource?

    public init(
        rowID: Int64, id: String, task: String, steps: Int, environmentReward: Double?, reviewReward: Double?,
        status: LabelStatus, flags: [QualityFlag], tags: [String], preview: String, sourceModel: String?,
        outcome: RunOutcome? = nil, reviewer: String? = nil, hasNote: Bool = false, goal: String? = nil,
        environmentRewardSource: RewardSource? = nil, reviewerStatuses: [String: LabelStatus]? = nil
    ) {
        self.rowID = rowID
        self.id = id
        self.task = task
        self.steps = steps
        self.environmentReward = environmentReward
        self.reviewReward = reviewReward
        self.status = status
        self.flags = flags
        self.tags = tags
        self.preview = preview
        self.sourceModel = sourceModel
        self.outcome = outcome
        self.reviewer = reviewer
        self.hasNote = hasNote
        self.goal = goal
        self.environmentRewardSource = environmentRewardSource
        self.reviewerStatuses = reviewerStatuses ?? reviewer.map { [$0: status] } ?? [:]
    }

    /// The task's goal: ``goal`` when read, else taken from ``preview``.
    public var taskGoal: String { goal ?? TaskGoal.goal(of: preview, task: task) }

    /// The reviewer's reward when set, else the environment's.
    public var effectiveReward: Double? { reviewReward ?? environmentReward }
}

/// A column the review list can be sorted by.
public enum ListColumn: String, Sendable, Hashable, CaseIterable, Codable {
    /// Import order (the default).
    case order
    case id
    case task
    case steps
    /// The environment's reward; unknown sorts before 0.
    case envReward = "env_reward"
    /// The reviewer's reward override; none sorts before 0.
    case reward
    case status
    case flags
    /// The task text.
    case text
}

/// A list order: a column and a direction. Ties break by import order in the same direction.
public struct ListSort: Sendable, Hashable, Codable, CustomStringConvertible {
    public var column: ListColumn
    public var descending: Bool

    public init(column: ListColumn = .order, descending: Bool = false) {
        self.column = column
        self.descending = descending
    }

    /// `steps`, or `-steps` when descending.
    public var description: String { (descending ? "-" : "") + column.rawValue }

    /// Parses ``description``.
    public init?(_ text: String) {
        let descending = text.hasPrefix("-")
        guard let column = ListColumn(rawValue: String(text.dropFirst(descending ? 1 : 0))) else { return nil }
        self.init(column: column, descending: descending)
    }
}

/// How many trajectories a filter selects, by review status.
public struct StatusCounts: Sendable, Hashable {
    public var accepted: Int
    public var rejected: Int
    public var pending: Int
    /// Decided by enough reviewers who do not agree (``LabelStatus/disputed``).
    public var disputed: Int

    public init(accepted: Int = 0, rejected: Int = 0, pending: Int = 0, disputed: Int = 0) {
        self.accepted = accepted
        self.rejected = rejected
        self.pending = pending
        self.disputed = disputed
    }

    public var total: Int { accepted + rejected + pending + disputed }
}

/// Where a reviewer left off, kept in the store per reviewer so reopening
/// puts them back.
public struct ReviewSessionState: Sendable, Hashable {
    /// The trajectory the cursor was on.
    public var trajectoryID: String?
    /// The filter's text.
    public var filter: String
    public var sort: ListSort

    public init(trajectoryID: String?, filter: String, sort: ListSort) {
        self.trajectoryID = trajectoryID
        self.filter = filter
        self.sort = sort
    }
}
