import GRDB
import TroveCore

/// A `trajectory` row without its large columns (`original`, `metadata`, `steps`), read by column name:
/// what the review screen's excerpt starts from.
struct TrajectoryHeadRecord: FetchableRecord {
    enum Columns: String, ColumnExpression {
        case id
        case externalID = "external_id"
        case task, dialect
        case sourceFile = "source_file"
        case sourceLine = "source_line"
        case format
        case envReward = "env_reward"
        case envRewardSource = "env_reward_source"
        case outcome
    }

    /// The query, to be completed with a `WHERE` clause.
    static let select = """
        SELECT id, external_id, task, dialect, source_file, source_line, format, env_reward, env_reward_source,
               outcome
        FROM trajectory
        """

    var rowID: Int64
    var id: String
    var task: String
    var dialect: Dialect
    var source: SourceLocation
    var format: RecordFormat
    var environmentReward: Double?
    var environmentRewardSource: RewardSource?
    var outcome: RunOutcome?

    init(row: Row) throws {
        rowID = try row.stored(Columns.id)
        id = try row.stored(Columns.externalID)
        task = try row.stored(Columns.task)
        let dialect: String? = try row.stored(Columns.dialect)
        self.dialect = dialect.flatMap(Dialect.init(rawValue:)) ?? .raw
        source = SourceLocation(file: try row.stored(Columns.sourceFile), line: try row.stored(Columns.sourceLine))
        let format: String = try row.stored(Columns.format)
        self.format = RecordFormat(format) ?? RecordFormat(listKey: "conversations", style: .fromValue)
        environmentReward = try row.stored(Columns.envReward)
        let source: String? = try row.stored(Columns.envRewardSource)
        environmentRewardSource = source.flatMap(RewardSource.init(rawValue:))
        let outcome: String? = try row.stored(Columns.outcome)
        self.outcome = outcome.flatMap(RunOutcome.init(rawValue:))
    }

    /// The trajectory with `messages` and `metadata`, without its original bytes.
    func trajectory(messages: [Message], metadata: JSONObject) -> Trajectory {
        Trajectory(
            id: id, task: task, source: source, format: format, messages: messages, metadata: metadata,
            environmentReward: environmentReward, environmentRewardSource: environmentRewardSource,
            outcome: outcome, originalRecord: [])
    }
}
