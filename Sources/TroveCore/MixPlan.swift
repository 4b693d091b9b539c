/// AgentTuning's hybrid instruction tuning as data: which examples, from which
/// pool, in which order.
///
/// Each output example is agent data with probability eta, with exact counts:
/// `round(total × eta)` agent examples and the rest general ones, their order a
/// seeded shuffle. Within a pool, sampling is without replacement inside an
/// epoch (a seeded permutation of the pool) and each further epoch is a fresh
/// permutation, so no example repeats before every example was used once.
/// The plan holds indexes only, never records.
///
/// ```swift
/// let plan = try MixPlan(agentPool: 1_866, generalPool: 60_766, eta: 0.2, size: .total(10_000), seed: 1)
/// for pick in plan.picks() { … }   // .agent(i) or .general(j), 10,000 of them
/// ```
public struct MixPlan: Sendable, Hashable {
    /// The most examples a mix may hold: a billion lines is past any fine-tuning set, and a plan's
    /// counts must stay integers.
    public static let largestTotal = 1_000_000_000

    /// How large the mix is.
    public enum Size: Sendable, Hashable {
        /// This many examples in all.
        case total(Int)
        /// As many examples as it takes to use the agent pool this many times
        /// (fractions allowed): agent count `round(epochs × pool)`, total
        /// `round(agent / eta)`.
        case agentEpochs(Double)
    }

    /// One output example: a position in the agent or the general pool.
    public enum Pick: Sendable, Hashable {
        case agent(Int)
        case general(Int)
    }

    public let agentPool: Int
    public let generalPool: Int
    public let eta: Double
    public let seed: UInt64
    /// Agent examples in the mix.
    public let agentCount: Int
    /// General examples in the mix.
    public let generalCount: Int

    /// Plans a mix.
    ///
    /// - throws: ``MixPlanError`` when eta is outside (0, 1), a needed pool is empty, or the size is not positive.
    public init(agentPool: Int, generalPool: Int, eta: Double, size: Size, seed: UInt64) throws(MixPlanError) {
        guard eta > 0, eta < 1 else { throw .etaOutOfRange(eta) }
        let agentCount: Int
        let total: Int
        switch size {
        case .total(let count):
            guard count > 0 else { throw .emptyMix }
            guard count <= Self.largestTotal else { throw .tooLarge(examples: Double(count)) }
            total = count
            agentCount = Int((Double(count) * eta).rounded())
        case .agentEpochs(let epochs):
            guard epochs > 0 else { throw .emptyMix }
            guard agentPool > 0 else { throw .emptyPool("agent") }
            // `Int(_:)` of an infinite or huge value traps: a mix past the bound is refused instead.
            let agents = (epochs * Double(agentPool)).rounded()
            guard agents.isFinite, agents / eta <= Double(Self.largestTotal) else {
                throw .tooLarge(examples: agents / eta)
            }
            agentCount = Int(agents)
            total = Int((Double(agentCount) / eta).rounded())
        }
        guard total > 0 else { throw .emptyMix }
        if agentCount > 0, agentPool == 0 { throw .emptyPool("agent") }
        if total - agentCount > 0, generalPool == 0 { throw .emptyPool("general") }
        self.agentPool = agentPool
        self.generalPool = generalPool
        self.eta = eta
        self.seed = seed
        self.agentCount = agentCount
        self.generalCount = total - agentCount
    }

    /// All examples in the mix.
    public var total: Int { agentCount + generalCount }
    /// The share of agent examples actually achieved.
    public var achievedRatio: Double { Double(agentCount) / Double(total) }
    /// Passes over the agent pool (1.5 = once fully, then half of a second).
    public var agentEpochs: Double { agentPool == 0 ? 0 : Double(agentCount) / Double(agentPool) }
    /// Passes over the general pool.
    public var generalEpochs: Double { generalPool == 0 ? 0 : Double(generalCount) / Double(generalPool) }

    /// More passes over a pool than this repeat its examples enough to overfit them; the plan warns.
    public static let repetitionWarningEpochs = 3.0

    /// One warning per pool used more than ``repetitionWarningEpochs`` times,
    /// e.g. `the general pool is used 160.0 times (5 examples for 800 picks)`.
    public var repetitionWarnings: [String] {
        [("agent", agentPool, agentCount, agentEpochs), ("general", generalPool, generalCount, generalEpochs)]
            .filter { $0.3 > Self.repetitionWarningEpochs }
            .map { name, pool, count, epochs in
                "the \(name) pool is used \(String(Double(Int(epochs * 10)) / 10)) times "
                    + "(\(Plural.counted(pool, "example")) for \(count) picks); "
                    + "each example repeats, which can overfit it: add data or make the mix smaller"
            }
    }

    /// The examples in output order. The same plan always gives the same sequence.
    public func picks() -> [Pick] {
        var generator = SeededGenerator(seed: seed)
        let agent = Self.epochs(pool: agentPool, count: agentCount, using: &generator)
        let general = Self.epochs(pool: generalPool, count: generalCount, using: &generator)
        var isAgent = [Bool](repeating: true, count: agentCount) + [Bool](repeating: false, count: generalCount)
        isAgent.shuffle(using: &generator)
        var nextAgent = 0
        var nextGeneral = 0
        return isAgent.map { agentSlot in
            if agentSlot {
                defer { nextAgent += 1 }
                return .agent(agent[nextAgent])
            }
            defer { nextGeneral += 1 }
            return .general(general[nextGeneral])
        }
    }

    /// `count` positions drawn from a pool: whole seeded permutations, one per epoch.
    private static func epochs(pool: Int, count: Int, using generator: inout SeededGenerator) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(count)
        while result.count < count {
            var epoch = Array(0..<pool)
            epoch.shuffle(using: &generator)
            result += epoch.prefix(count - result.count)
        }
        return result
    }
}

/// Why a mix cannot be planned.
public enum MixPlanError: Error, Sendable, Hashable, CustomStringConvertible {
    case etaOutOfRange(Double)
    case emptyMix
    case emptyPool(String)
    /// The mix would hold more than ``MixPlan/largestTotal`` examples (infinite epochs included).
    case tooLarge(examples: Double)

    public var description: String {
        switch self {
        case .etaOutOfRange(let eta): "eta must be between 0 and 1 (exclusive), got \(eta)"
        case .emptyMix: "the mix would be empty: give a positive --total or --agent-epochs"
        case .emptyPool(let name): "the \(name) pool is empty: nothing to sample from"
        case .tooLarge(let examples):
            "the mix would hold \(examples.isFinite ? String(format: "%.0f", examples) : "infinitely many") examples, "
                + "more than \(MixPlan.largestTotal): give a smaller --total, --agent-epochs or a larger --eta"
        }
    }
}
