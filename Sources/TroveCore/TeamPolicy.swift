/// How a store derives each trajectory's decision from its reviewers' labels (`trove team`).
///
/// An adjudicator's accept or reject is final (the latest, when several adjudicators decided). Else a
/// trajectory with fewer than ``minReviews`` accept or reject decisions is pending; else, under
/// ``Consensus/majority``, more than half must agree and, under ``Consensus/unanimous``, all must; a
/// trajectory without that agreement is disputed. The default (one review, majority) makes a single
/// reviewer's label the decision, as before teams.
///
/// ```swift
/// let policy = try TeamPolicy(minReviews: 2, consensus: .majority, adjudicators: ["lead"])
/// policy.description  // min-reviews 2, consensus majority, adjudicators lead
/// ```
public struct TeamPolicy: Sendable, Hashable, CustomStringConvertible {
    /// How many of the decisions must agree.
    public enum Consensus: String, Sendable, Hashable, CaseIterable {
        /// More than half of the accept and reject decisions agree.
        case majority
        /// Every accept and reject decision agrees.
        case unanimous
    }

    /// Accept or reject decisions needed before a trajectory is decided; at least 1.
    public var minReviews: Int
    public var consensus: Consensus
    /// Reviewers whose decision is final, sorted and unique.
    public private(set) var adjudicators: [String]

    /// One review decides, by majority, with no adjudicators.
    public static let solo = TeamPolicy(checked: 1, consensus: .majority, adjudicators: [])

    /// - throws: ``TeamPolicyError`` for fewer than one review or an empty adjudicator name.
    public init(minReviews: Int, consensus: Consensus, adjudicators: [String] = []) throws(TeamPolicyError) {
        guard minReviews >= 1 else { throw .minReviews(minReviews) }
        if adjudicators.contains(where: { $0.isEmpty }) { throw .emptyAdjudicator }
        self.init(checked: minReviews, consensus: consensus, adjudicators: adjudicators)
    }

    private init(checked minReviews: Int, consensus: Consensus, adjudicators: [String]) {
        self.minReviews = minReviews
        self.consensus = consensus
        self.adjudicators = Array(Set(adjudicators)).sorted()
    }

    /// `min-reviews 2, consensus majority, adjudicators lead,ops` (`adjudicators none` without any).
    public var description: String {
        "min-reviews \(minReviews), consensus \(consensus.rawValue), adjudicators "
            + (adjudicators.isEmpty ? "none" : adjudicators.map(TrajectoryReport.visible).joined(separator: ","))
    }
}

/// A team policy a store cannot use.
public enum TeamPolicyError: Error, Sendable, Hashable, CustomStringConvertible {
    case minReviews(Int)
    case emptyAdjudicator

    public var description: String {
        switch self {
        case .minReviews(let count): "--min-reviews must be 1 or more, not \(count)"
        case .emptyAdjudicator: "an adjudicator's name must not be empty"
        }
    }
}
