import GRDB
import TroveCore

/// A `trajectory` row without its large columns (`original`, `metadata`, `steps`), read by column name:
/// what the review screen's excerpt starts from.
///
/// Implementation note: it reads no column stored after `original` and `steps` (`outcome`,
/// `env_reward_source`, added by later migrations): reaching them walks the overflow pages of both, 0.4 s
/// for a 300 MB record. The list row carries them.
struct TrajectoryHeadRecord: FetchableRecord {
    enum Columns: String, ColumnExpression {
        case id
        case externalID = "external_id"
        case task, dialect
        case sourceFile = "source_file"
        case sourceLine = "source_line"
        case format
        case envReward = "env_reward"
    }

    /// The head of the stored trajectory `id`, or nil when there is none.
    ///
    /// - throws: ``StoreError/damagedRow(trajectory:column:stored:)`` when its row is damaged.
    static func fetch(_ db: Database, externalID id: String) throws -> TrajectoryHeadRecord? {
        try Row.fetchOne(
            db,
            sql: "SELECT id, external_id, task, dialect, source_file, source_line, format, env_reward "
                + "FROM trajectory WHERE external_id = ?", arguments: [id]
        )?.record(Self.self, of: id)
    }

    var rowID: Int64
    var id: String
    var task: String
    var dialect: Dialect
    var source: SourceLocation
    var format: RecordFormat
    var environmentReward: Double?

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
    }

    /// The trajectory with `messages` and `metadata`, without its original bytes, outcome or reward source.
    func trajectory(messages: [Message], metadata: JSONObject) -> Trajectory {
        Trajectory(
            id: id, task: task, source: source, format: format, messages: messages, metadata: metadata,
            environmentReward: environmentReward, originalRecord: [])
    }
}
