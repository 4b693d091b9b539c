import Foundation
import GRDB
import TroveCore

/// A `trajectory` row, read by column name: what `show` and export rebuild a ``Trajectory`` from.
/// `dialect`, `metadata`, `original_sha256` and `env_reward_source` are read when the query selects them.
struct TrajectoryRecord: FetchableRecord {
    /// The query for one whole trajectory (every column the record reads), to be completed with a
    /// `WHERE` clause.
    static let select = """
        SELECT id, external_id, task, dialect, source_file, source_line, format, env_reward,
               metadata, original, original_sha256, env_reward_source, outcome
        FROM trajectory
        """

    enum Columns: String, ColumnExpression {
        case id
        case externalID = "external_id"
        case task, dialect
        case sourceFile = "source_file"
        case sourceLine = "source_line"
        case format
        case envReward = "env_reward"
        case envRewardSource = "env_reward_source"
        case metadata, original
        case sha256 = "original_sha256"
        case outcome
    }

    var rowID: Int64
    var id: String
    var task: String
    var dialect: Dialect
    var source: SourceLocation
    var format: RecordFormat
    var environmentReward: Double?
    /// Where the environment reward came from, when selected and recorded.
    var environmentRewardSource: RewardSource?
    /// The record's other members as JSON text, when selected.
    var metadata: String?
    var original: [UInt8]
    /// The SHA-256 recorded at import, in hex, when selected.
    var sha256: String?
    /// How the run ended, when selected and known.
    var outcome: RunOutcome?

    init(row: Row) throws {
        // The columns a head holds decode as they do there.
        let head = try TrajectoryHeadRecord(row: row)
        (rowID, id, task, dialect) = (head.rowID, head.id, head.task, head.dialect)
        (source, format, environmentReward) = (head.source, head.format, head.environmentReward)
        let source: String? = try row.stored(Columns.envRewardSource)
        environmentRewardSource = source.flatMap(RewardSource.init(rawValue:))
        metadata = try row.stored(Columns.metadata)
        original = Array(try row.stored(Columns.original, as: Data.self))
        sha256 = try row.stored(Columns.sha256)
        let outcome: String? = try row.stored(Columns.outcome)
        self.outcome = outcome.flatMap(RunOutcome.init(rawValue:))
    }

    /// The trajectory with `messages`.
    func trajectory(messages: [Message]) -> Trajectory {
        Trajectory(
            id: id, task: task, source: source, format: format, messages: messages,
            metadata: metadata.flatMap { try? JSONParser.parse(Array($0.utf8)) }?.objectValue ?? JSONObject(),
            environmentReward: environmentReward, environmentRewardSource: environmentRewardSource,
            outcome: outcome, originalRecord: original)
    }
}
