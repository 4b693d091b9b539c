import GRDB
import TroveCore

/// A label as `label_current` and `label_event` store it, read by column name.
///
/// A NULL status is pending and NULL tags are none, as a LEFT JOIN on a trajectory without a label
/// gives them.
struct LabelRecord: FetchableRecord {
    enum Columns: String, ColumnExpression {
        case status, reward
        case rewardReason = "reward_reason"
        case tags, note
    }

    var label: ReviewLabel

    init(row: Row) throws {
        let status: String? = try row.stored(Columns.status)
        let tags: String? = try row.stored(Columns.tags)
        label = ReviewLabel(
            status: status.flatMap(LabelStatus.init(rawValue:)) ?? .pending, reward: try row.stored(Columns.reward),
            rewardReason: try row.stored(Columns.rewardReason), tags: tags.map(Store.decodeTags) ?? [],
            note: try row.stored(Columns.note))
    }
}
