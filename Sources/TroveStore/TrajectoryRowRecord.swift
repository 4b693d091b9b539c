import GRDB
import TroveCore

/// One line of the review list: a trajectory with its current label, read by column name.
struct TrajectoryRowRecord: FetchableRecord {
    enum Columns: String, ColumnExpression {
        case id
        case externalID = "external_id"
        case task
        case stepCount = "step_count"
        case envReward = "env_reward"
        case reviewReward = "review_reward"
        case status, flags, tags, preview
        case sourceModel = "source_model"
        case outcome, reviewer
        case hasNote = "has_note"
        case goal
        case envRewardSource = "env_reward_source"
        case reviewerStatuses = "reviewer_statuses"
    }

    /// The review list's query up to its `WHERE` (``TrajectoryRow/select(in:)``).
    static let select = TrajectoryRow.select(in: .sqlite)

    var row: TrajectoryRow

    init(row: Row) throws {
        let status: String = try row.stored(Columns.status)
        let task: String = try row.stored(Columns.task)
        let flags: String = try row.stored(Columns.flags)
        self.row = TrajectoryRow(
            rowID: try row.stored(Columns.id), id: try row.stored(Columns.externalID),
            task: task,
            steps: try row.stored(Columns.stepCount), environmentReward: try row.stored(Columns.envReward),
            reviewReward: try row.stored(Columns.reviewReward), status: LabelStatus(rawValue: status) ?? .pending,
            flags: flags.split(separator: ",").compactMap { QualityFlag(rawValue: String($0)) },
            tags: Store.decodeTags(try row.stored(Columns.tags)), preview: try row.stored(Columns.preview),
            sourceModel: try row.stored(Columns.sourceModel),
            outcome: (try row.stored(Columns.outcome) as String?).flatMap(RunOutcome.init(rawValue:)),
            reviewer: try row.stored(Columns.reviewer), hasNote: try row.stored(Columns.hasNote),
            goal: try row.stored(Columns.goal),
            environmentRewardSource: (try row.stored(Columns.envRewardSource) as String?)
                .flatMap(RewardSource.init(rawValue:)),
            reviewerStatuses: TrajectoryRow.reviewerStatuses(try row.stored(Columns.reviewerStatuses)))
    }
}
