/// How `trove assign` chooses reviewers, the same on every backend: each trajectory, in the order
/// given, goes to the reviewers with the fewest assignments so far, ties broken by a rotation drawn
/// from the seed, skipping those who already hold or decided it. On a store without assignments the
/// loads end within one of each other, and the same seed gives the same assignment.
public struct AssignmentPlan: Sendable {
    /// The reviewers named, each once, in the order first named.
    public let reviewers: [String]
    public let perItem: Int
    private var load: [Int]
    private var added: [Int]
    private var short = 0
    private var trajectories = 0
    private var generator: SeededGenerator
    private let index: [String: Int]

    /// - parameter names: the reviewers to assign (repeats are ignored).
    /// - parameter load: how many assignments each reviewer of `names` holds already (0 when absent).
    /// - throws: ``AssignmentError`` when a name is empty, or `perItem` is below 1 or above the number of
    ///   distinct reviewers.
    public init(reviewers names: [String], perItem: Int, seed: UInt64, load: [String: Int] = [:]) throws {
        var reviewers: [String] = []
        for name in names where !reviewers.contains(name) { reviewers.append(name) }
        if reviewers.contains(where: \.isEmpty) { throw AssignmentError.emptyReviewer }
        guard perItem >= 1 else { throw AssignmentError.perItem(perItem) }
        guard perItem <= reviewers.count else {
            throw AssignmentError.tooFewReviewers(perItem: perItem, reviewers: reviewers.count)
        }
        self.reviewers = reviewers
        self.perItem = perItem
        self.load = reviewers.map { load[$0] ?? 0 }
        added = [Int](repeating: 0, count: reviewers.count)
        generator = SeededGenerator(seed: seed)
        index = Dictionary(uniqueKeysWithValues: reviewers.enumerated().map { ($1, $0) })
    }

    /// The reviewers the next trajectory of the scope gets, given `holders`, the reviewers already
    /// assigned to it or whose current label accepts or rejects it (who count towards ``perItem``).
    public mutating func next(holders: [String]) -> [String] {
        trajectories += 1
        var needed = perItem - holders.count
        guard needed > 0 else { return [] }
        var taken = [Bool](repeating: false, count: reviewers.count)
        for holder in holders { if let position = index[holder] { taken[position] = true } }
        let rotation = Int(generator.next() % UInt64(reviewers.count))
        var chosen: [String] = []
        while needed > 0 {
            // The least-loaded reviewer not holding it yet, the first after the rotation on a tie.
            var best: Int?
            for step in 0..<reviewers.count {
                let candidate = (rotation + step) % reviewers.count
                if !taken[candidate], best.map({ load[candidate] < load[$0] }) ?? true { best = candidate }
            }
            guard let pick = best else {
                short += 1
                break
            }
            taken[pick] = true
            load[pick] += 1
            added[pick] += 1
            needed -= 1
            chosen.append(reviewers[pick])
        }
        return chosen
    }

    /// What the plan did so far, for every trajectory ``next(holders:)`` was asked about.
    public var summary: AssignmentSummary {
        AssignmentSummary(
            trajectories: trajectories,
            loads: reviewers.indices.map {
                AssignmentSummary.Load(reviewer: reviewers[$0], added: added[$0], total: load[$0])
            },
            short: short)
    }
}
