/// One reviewer's current judgement of one trajectory, as agreement is measured over: their
/// decision and their reward override, each absent when they gave none.
public struct AgreementJudgement: Sendable, Hashable {
    /// A reviewer's verdict.
    public enum Decision: String, Sendable, Hashable {
        case accept
        case reject
    }

    /// The trajectory judged (its external id).
    public var unit: String
    /// The trajectory's task, for agreement per task.
    public var task: String
    public var reviewer: String
    /// Accept or reject; nil while the reviewer has not decided (pending).
    public var decision: Decision?
    /// The reviewer's reward override; nil when they set none.
    public var reward: Double?

    public init(unit: String, task: String, reviewer: String, decision: Decision?, reward: Double?) {
        self.unit = unit
        self.task = task
        self.reviewer = reviewer
        self.decision = decision
        self.reward = reward
    }
}
