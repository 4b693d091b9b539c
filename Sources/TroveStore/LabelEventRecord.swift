import GRDB
import TroveCore

/// One `label_event` row with its trajectory's external id, read by column name (the label's columns
/// are ``LabelRecord``'s).
struct LabelEventRecord: FetchableRecord {
    enum Columns: String, ColumnExpression {
        case id
        case externalID = "external_id"
        case reviewer, at, kind, reverts, origin, batch
    }

    /// The columns to select, `e` being `label_event` and `t` its `trajectory`.
    static let selection = """
        e.id, t.external_id, e.reviewer, e.at, e.kind, e.reverts, e.status, e.reward, e.reward_reason, e.tags,
        e.note, e.origin, e.batch
        """

    var event: LabelEvent

    init(row: Row) throws {
        let kind: String = try row.stored(Columns.kind)
        event = LabelEvent(
            id: try row.stored(Columns.id), trajectoryID: try row.stored(Columns.externalID),
            reviewer: try row.stored(Columns.reviewer), at: try row.stored(Columns.at),
            kind: LabelEvent.Kind(rawValue: kind) ?? .label, reverts: try row.stored(Columns.reverts),
            label: try LabelRecord(row: row).label, origin: try row.stored(Columns.origin),
            batch: try row.stored(Columns.batch))
    }
}
