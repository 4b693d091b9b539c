import Foundation
import GRDB
import TroveCore

/// A `trajectory` row, read by column name: what `show` and export rebuild a ``Trajectory`` from.
/// `dialect`, `metadata` and `original_sha256` are read when the query selects them.
struct TrajectoryRecord: FetchableRecord {
    enum Columns: String, ColumnExpression {
        case id
        case externalID = "external_id"
        case task, dialect
        case sourceFile = "source_file"
        case sourceLine = "source_line"
        case format
        case envReward = "env_reward"
        case metadata, original
        case sha256 = "original_sha256"
    }

    var rowID: Int64
    var id: String
    var task: String
    var dialect: Dialect
    var source: SourceLocation
    var format: RecordFormat
    var environmentReward: Double?
    /// The record's other members as JSON text, when selected.
    var metadata: String?
    var original: [UInt8]
    /// The SHA-256 recorded at import, in hex, when selected.
    var sha256: String?

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
        metadata = try row.stored(Columns.metadata)
        original = Array(try row.stored(Columns.original, as: Data.self))
        sha256 = try row.stored(Columns.sha256)
    }

    /// The trajectory with `messages`.
    func trajectory(messages: [Message]) -> Trajectory {
        Trajectory(
            id: id, task: task, source: source, format: format, messages: messages,
            metadata: metadata.flatMap { try? JSONParser.parse(Array($0.utf8)) }?.objectValue ?? JSONObject(),
            environmentReward: environmentReward, originalRecord: original)
    }
}
