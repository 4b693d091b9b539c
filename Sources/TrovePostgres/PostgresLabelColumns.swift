import TroveCore

/// A label as `label_current`, `label_event` and `reviewer_current` store it, read from PostgreSQL by
/// column position: what the SQLite store's `LabelRecord` reads by name.
enum PostgresLabelColumns {
    /// The label in five columns from `first`: status, reward, reward reason, tags (JSON) and note. A
    /// NULL status is pending and NULL tags are none, as a LEFT JOIN on a trajectory without a label
    /// gives them.
    static func label(_ result: PostgresResult, _ row: Int, from first: Int) throws -> ReviewLabel {
        ReviewLabel(
            status: (try result.string(row, first)).flatMap(LabelStatus.init(rawValue:)) ?? .pending,
            reward: try result.real(row, first + 1), rewardReason: try result.string(row, first + 2),
            tags: tags(try result.string(row, first + 3)), note: try result.string(row, first + 4))
    }

    /// A JSON array of strings as stored (tags, adjudicators); none when NULL or not such an array.
    static func tags(_ json: String?) -> [String] {
        json.flatMap { try? JSONParser.parse(Array($0.utf8)) }?.arrayValue?.compactMap(\.stringValue) ?? []
    }
}
