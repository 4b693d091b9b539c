import TroveCore

/// One line of the review list read from PostgreSQL, by column position.
enum PostgresTrajectoryRow {
    /// The review list's query up to its `WHERE` (``TrajectoryRow/select(in:)``). Read in binary format.
    static let select = TrajectoryRow.select(in: .postgres)

    /// Row `index` of a result of ``select``.
    static func row(_ result: PostgresResult, _ index: Int) throws -> TrajectoryRow {
        let text = { (column: Int) in try result.string(index, column) }
        let task = try text(2) ?? ""
        return TrajectoryRow(
            rowID: try result.integer(index, 0) ?? 0, id: try text(1) ?? "", task: task,
            steps: Int(try result.integer(index, 3) ?? 0), environmentReward: try result.real(index, 4),
            reviewReward: try result.real(index, 5), status: (try text(6)).flatMap(LabelStatus.init) ?? .pending,
            flags: (try text(7) ?? "").split(separator: ",").compactMap { QualityFlag(rawValue: String($0)) },
            tags: PostgresLabelColumns.tags(try text(8)), preview: try text(9) ?? "", sourceModel: try text(10),
            outcome: (try text(11)).flatMap(RunOutcome.init(rawValue:)), reviewer: try text(13),
            hasNote: try result.integer(index, 14) == 1,
            goal: try text(15),
            environmentRewardSource: (try text(12)).flatMap(RewardSource.init(rawValue:)),
            reviewerStatuses: TrajectoryRow.reviewerStatuses(try text(16)))
    }
}
