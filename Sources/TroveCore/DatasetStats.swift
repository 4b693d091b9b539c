/// Counts over a store, per task and in total: what `trove stats` prints and
/// the review UI's stats screen draws.
public struct DatasetStats: Sendable, Hashable {
    /// One row per task, sorted by task name.
    public var tasks: [TaskStats]

    public init(tasks: [TaskStats]) {
        self.tasks = tasks
    }

    /// All tasks added together, named `all`.
    public var total: TaskStats {
        tasks.reduce(into: TaskStats(task: "all")) { total, row in total.add(row) }
    }
}

/// Counts for one task.
public struct TaskStats: Sendable, Hashable {
    public var task: String
    public var trajectories = 0
    public var steps = 0
    public var accepted = 0
    public var rejected = 0
    /// Trajectories with no label, or labelled pending.
    public var pending = 0
    /// Trajectories whose reviewers disagree under the team policy.
    public var disputed = 0
    /// Distribution of the effective reward (reviewer override, else environment).
    public var rewards = RewardHistogram()
    /// Trajectories carrying each flag.
    public var flags: [QualityFlag: Int] = [:]

    public init(task: String) {
        self.task = task
    }

    /// Reviewed (accepted or rejected) over all, in `0...1`; 0 for an empty task.
    public var progress: Double {
        trajectories == 0 ? 0 : Double(accepted + rejected) / Double(trajectories)
    }

    /// Adds another row's counts into this one.
    public mutating func add(_ other: TaskStats) {
        trajectories += other.trajectories
        steps += other.steps
        accepted += other.accepted
        rejected += other.rejected
        pending += other.pending
        disputed += other.disputed
        rewards.add(other.rewards)
        flags.merge(other.flags, uniquingKeysWith: +)
    }
}

/// Rewards counted in ten equal bins over `0...1` (1.0 falls in the last),
/// plus the trajectories whose reward is unknown.
public struct RewardHistogram: Sendable, Hashable {
    public static let binCount = 10
    /// `bins[i]` counts rewards in `[i/10, (i+1)/10)`; the last bin includes 1.
    public var bins = [Int](repeating: 0, count: binCount)
    /// Trajectories with no reward at all.
    public var unknown = 0

    public init() {}

    /// The bin a reward falls in.
    public static func bin(for reward: Double) -> Int {
        min(binCount - 1, max(0, Int((reward * Double(binCount)).rounded(.down))))
    }

    /// Counts one reward (`nil` is unknown).
    public mutating func record(_ reward: Double?, count: Int = 1) {
        if let reward {
            bins[Self.bin(for: reward)] += count
        } else {
            unknown += count
        }
    }

    public mutating func add(_ other: RewardHistogram) {
        for index in bins.indices { bins[index] += other.bins[index] }
        unknown += other.unknown
    }
}
