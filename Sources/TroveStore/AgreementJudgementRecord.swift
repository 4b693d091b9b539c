import GRDB
import TroveCore

/// One reviewer's current decision and reward override on one trajectory, read by column name from
/// `reviewer_current` joined with `trajectory`.
struct AgreementJudgementRecord: FetchableRecord {
    enum Columns: String, ColumnExpression {
        case rowID = "trajectory_id"
        case externalID = "external_id"
        case task, reviewer, status, reward
    }

    var rowID: Int64
    var judgement: AgreementJudgement

    init(row: Row) throws {
        rowID = try row.stored(Columns.rowID)
        let status: String = try row.stored(Columns.status)
        judgement = AgreementJudgement(
            unit: try row.stored(Columns.externalID), task: try row.stored(Columns.task),
            reviewer: try row.stored(Columns.reviewer), decision: AgreementJudgement.Decision(status: status),
            reward: try row.stored(Columns.reward))
    }
}

extension AgreementJudgement.Decision {
    /// The decision a stored label status makes: none for `pending`.
    fileprivate init?(status: String) {
        switch LabelStatus(rawValue: status) {
        case .accepted: self = .accept
        case .rejected: self = .reject
        default: return nil
        }
    }
}
