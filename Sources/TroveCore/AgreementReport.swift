/// How far reviewers agree, measured over the trajectories that two or more of them decided.
///
/// ```swift
/// let report = AgreementReport(judgements: judgements)
/// report.decision.value        // Krippendorff's alpha (nominal) over accept / reject
/// JSONWriter.string(report.json)
/// print(report.text, terminator: "")
/// ```
///
/// - **Decisions**: a unit is a trajectory with decisions from two or more reviewers; alpha
///   (``KrippendorffAlpha/Metric/nominal``) over accept / reject with a bootstrap interval, and
///   Cohen's kappa for every pair of reviewers over the units both decided (a pair that shares none
///   is left out).
/// - **Rewards**: alpha (``KrippendorffAlpha/Metric/interval``) over reward overrides, on the
///   trajectories with overrides from two or more reviewers, with a bootstrap interval.
/// - **Per task**: decision alpha and units for each task that has a decision unit.
///
/// Any alpha or kappa is nil when undefined (no units, or one value only: see ``KrippendorffAlpha``
/// and ``CohenKappa``), and so is an interval then. Everything is ordered (units by id, reviewers and
/// tasks by name), so the same judgements give the same report, interval included.
public struct AgreementReport: Sendable, Hashable {
    /// An alpha with its bootstrap interval; both nil when undefined.
    public struct Alpha: Sendable, Hashable {
        public var value: Double?
        public var interval: ClosedRange<Double>?

        public init(value: Double?, interval: ClosedRange<Double>?) {
            self.value = value
            self.interval = interval
        }
    }

    /// Cohen's kappa of two reviewers over the units both decided.
    public struct Pair: Sendable, Hashable {
        /// The two reviewers, the first before the second by name.
        public var first: String
        public var second: String
        public var kappa: Double?
        /// How many units both decided.
        public var shared: Int

        public init(first: String, second: String, kappa: Double?, shared: Int) {
            self.first = first
            self.second = second
            self.kappa = kappa
            self.shared = shared
        }
    }

    /// Decision agreement on one task's units.
    public struct TaskAgreement: Sendable, Hashable {
        public var task: String
        public var decisionAlpha: Double?
        /// The task's units: trajectories two or more reviewers decided.
        public var units: Int

        public init(task: String, decisionAlpha: Double?, units: Int) {
            self.task = task
            self.decisionAlpha = decisionAlpha
            self.units = units
        }
    }

    /// Bootstrap resamples for each interval.
    public static let resamples = 1000
    /// The fixed seed of every bootstrap, so that a report can be reproduced.
    public static let seed: UInt64 = 13

    /// Trajectories decided by two or more reviewers.
    public var units: Int
    /// Alpha (nominal) over those trajectories' decisions.
    public var decision: Alpha
    /// Every pair of reviewers that decided a unit in common, by name.
    public var pairs: [Pair]
    /// Alpha (interval) over reward overrides.
    public var reward: Alpha
    /// Trajectories with reward overrides from two or more reviewers.
    public var rewardUnits: Int
    /// Decision agreement per task, by task name.
    public var tasks: [TaskAgreement]

    /// The report over `judgements`, at most one per trajectory and reviewer (a later one replaces an
    /// earlier one).
    public init(judgements: [AgreementJudgement], resamples: Int = Self.resamples, seed: UInt64 = Self.seed) {
        var byUnit: [String: [String: AgreementJudgement]] = [:]
        for judgement in judgements { byUnit[judgement.unit, default: [:]][judgement.reviewer] = judgement }
        let units = byUnit.sorted { $0.key < $1.key }.map { $0.value.sorted { $0.key < $1.key }.map(\.value) }

        let decided = units.map { $0.filter { $0.decision != nil } }.filter { $0.count >= 2 }
        let decisionAlpha = KrippendorffAlpha(units: decided.map { $0.map(Self.code) }, metric: .nominal)
        self.units = decided.count
        decision = Alpha(
            value: decisionAlpha.value, interval: decisionAlpha.bootstrapInterval(resamples: resamples, seed: seed))
        pairs = Self.pairs(decided)

        let rewarded = units.map { $0.compactMap(\.reward) }.filter { $0.count >= 2 }
        let rewardAlpha = KrippendorffAlpha(units: rewarded, metric: .interval)
        rewardUnits = rewarded.count
        reward = Alpha(
            value: rewardAlpha.value, interval: rewardAlpha.bootstrapInterval(resamples: resamples, seed: seed))

        tasks = Dictionary(grouping: decided) { $0[0].task }.sorted { $0.key < $1.key }.map { task, units in
            let alpha = KrippendorffAlpha(units: units.map { $0.map(Self.code) }, metric: .nominal)
            return TaskAgreement(task: task, decisionAlpha: alpha.value, units: units.count)
        }
    }

    /// A decision as a nominal value.
    private static func code(_ judgement: AgreementJudgement) -> Double {
        judgement.decision == .accept ? 1 : 0
    }

    /// Kappa for every pair of reviewers over the units both decided; `decided` holds each unit's
    /// judgements with a decision, by reviewer.
    private static func pairs(_ decided: [[AgreementJudgement]]) -> [Pair] {
        var shared: [[String]: [(AgreementJudgement.Decision, AgreementJudgement.Decision)]] = [:]
        for unit in decided {
            for (offset, first) in unit.enumerated() {
                for second in unit[(offset + 1)...] {
                    if let a = first.decision, let b = second.decision {
                        shared[[first.reviewer, second.reviewer], default: []].append((a, b))
                    }
                }
            }
        }
        return shared.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { reviewers, decisions in
            Pair(
                first: reviewers[0], second: reviewers[1], kappa: CohenKappa(pairs: decisions).value,
                shared: decisions.count)
        }
    }
}
