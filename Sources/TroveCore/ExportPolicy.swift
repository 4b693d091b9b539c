/// Which trajectories an export keeps.
public enum ExportPolicy: Sendable, Hashable, CustomStringConvertible {
    /// Only trajectories whose decision is accepted (a single reviewer's accept, under the default team
    /// policy).
    case accepted
    /// AgentTuning's rule: a decision neither rejected nor disputed, and an effective reward
    /// (reviewer override, else environment) at or above the task's threshold.
    /// A trajectory with no reward at all is unknown, not zero: excluded and
    /// counted as ``ExportOutcome/noReward``.
    case agentTuning(RewardThresholds)
    /// Trajectories the team decided to accept under `TeamPolicy`, with its reward (the adjudicator's
    /// override, else the median of the reviewers' overrides, else the environment's): what ``accepted``
    /// keeps, with the policy it was decided by named in the manifest.
    case consensus(TeamPolicy)

    /// What happens to one trajectory under this policy. `agenttuning` keeps agent data only: a plain
    /// ``Dialect/chat`` trajectory is ``ExportOutcome/chat``.
    public func outcome(status: LabelStatus, effectiveReward: Double?, task: String, dialect: Dialect? = nil)
        -> ExportOutcome
    {
        if case .agentTuning = self, dialect == .chat { return .chat }
        switch self {
        case .accepted, .consensus:
            switch status {
            case .accepted: return .kept
            case .rejected: return .rejected
            case .pending, .disputed: return .notAccepted
            }
        case .agentTuning(let thresholds):
            if status == .rejected { return .rejected }
            // Reviewers who disagree have not decided: their trajectory waits like a pending one would
            // under `accepted`, whatever its reward.
            if status == .disputed { return .notAccepted }
            guard let effectiveReward else { return .noReward }
            // Rewards like 2/3 arrive as rounded decimals; a hair of tolerance keeps them.
            return effectiveReward + 1e-9 >= thresholds.threshold(for: task) ? .kept : .belowThreshold
        }
    }

    public var description: String {
        switch self {
        case .accepted: "accepted"
        case .consensus(let team): "consensus(\(team))"
        case .agentTuning(let thresholds): "agenttuning(\(thresholds))"
        }
    }
}

/// What an export policy decided for one trajectory.
public enum ExportOutcome: String, Sendable, Hashable, CaseIterable, Codable {
    case kept
    /// Rejected by a reviewer.
    case rejected
    /// Pending (policy `accepted` keeps accepted only), or disputed (reviewers disagree).
    case notAccepted = "not-accepted"
    /// Effective reward under the task's threshold (policy `agenttuning`).
    case belowThreshold = "below-threshold"
    /// No reward known (policy `agenttuning`).
    case noReward = "no-reward"
    /// Plain chat, not agent data (policy `agenttuning`); `trove mix --general` takes it.
    case chat
}

/// The minimum effective reward per task for the AgentTuning policy.
///
/// AgentTuning kept trajectories with reward 1, and 2/3 or more for mind2web
/// (arXiv 2310.12823 §2.2). Override per task with `task=x` pairs:
///
/// ```swift
/// let thresholds = try RewardThresholds.agentTuning.overriding("mind2web=0.5,db=1")
/// thresholds.threshold(for: "mind2web")  // 0.5
/// ```
public struct RewardThresholds: Sendable, Hashable, CustomStringConvertible {
    /// The threshold of tasks not listed in ``perTask``.
    public var defaultThreshold: Double
    public var perTask: [String: Double]

    public init(defaultThreshold: Double = 1, perTask: [String: Double] = [:]) {
        self.defaultThreshold = defaultThreshold
        self.perTask = perTask
    }

    /// AgentTuning's thresholds: 1 for every task, 2/3 for mind2web.
    public static let agentTuning = RewardThresholds(defaultThreshold: 1, perTask: ["mind2web": 2.0 / 3.0])

    public func threshold(for task: String) -> Double { perTask[task] ?? defaultThreshold }

    /// These thresholds with `task=x` pairs (comma separated; `*=x` sets the default) applied.
    ///
    /// - throws: ``RewardThresholdsError`` for a malformed pair or a value outside 0...1.
    public func overriding(_ text: String) throws(RewardThresholdsError) -> RewardThresholds {
        var result = self
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: " ") }
            guard parts.count == 2, !parts[0].isEmpty else { throw RewardThresholdsError(pair: String(pair)) }
            let value: Double?
            if let slash = parts[1].firstIndex(of: "/"), let numerator = Double(parts[1][..<slash]),
                let denominator = Double(parts[1][parts[1].index(after: slash)...]), denominator != 0
            {
                value = numerator / denominator
            } else {
                value = Double(parts[1])
            }
            guard let value, (0...1).contains(value) else { throw RewardThresholdsError(pair: String(pair)) }
            if parts[0] == "*" {
                result.defaultThreshold = value
            } else {
                result.perTask[parts[0]] = value
            }
        }
        return result
    }

    public var description: String {
        (["*=\(Self.format(defaultThreshold))"] + perTask.keys.sorted().map { "\($0)=\(Self.format(perTask[$0]!))" })
            .joined(separator: ",")
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

/// A `--min-reward` pair that is not `task=x` with x in 0...1.
public struct RewardThresholdsError: Error, Sendable, Hashable, CustomStringConvertible {
    public var pair: String
    public var description: String { "'\(pair)' is not task=x with x in 0...1 (a decimal or a fraction like 2/3)" }
}
