import TroveCore

/// The SQL that derives trajectories' decisions (`label_current`, `label_tag`) from their reviewers'
/// labels (`reviewer_current`) under the store's latest `team_policy`, set-based: one statement per
/// table for any number of trajectories. The store runs it for the trajectories a batch touched, and
/// for all when the policy changes; the version 5 trigger runs it for an event written from outside.
///
/// `targets` is a query selecting trajectory row ids in one column (duplicates are harmless); it is
/// pasted into the statements and must bind its values the same way each time it appears.
///
/// Implementation note: the policy is read from its table inside the statement rather than bound, so
/// that the trigger, which cannot take arguments, runs the same SQL. Each uncorrelated subquery on
/// `team_policy` is evaluated once per statement. A trajectory with one reviewer reads that label's
/// event and nothing else; only trajectories with two or more labels pay for the union of tags and
/// the median.
enum DecisionSQL {
    /// The latest policy's value of `column`, or `fallback` when the store never set one.
    static func policy(_ column: String, else fallback: String) -> String {
        TeamPolicySQL(.sqlite).policy(column, else: fallback)
    }

    /// Whether `reviewer` is an adjudicator under the latest policy.
    static func isAdjudicator(_ reviewer: String) -> String {
        TeamPolicySQL(.sqlite).isAdjudicator(reviewer)
    }

    /// The decisions of `targets` (``TeamPolicySQL/decisions(of:)``), in SQLite's dialect.
    static func decisions(of targets: String) -> String {
        TeamPolicySQL(.sqlite).decisions(of: targets)
    }

    /// The statements that derive the decisions of `targets`
    /// (``TeamPolicySQL/updateDecisions(_:labelsRemoved:soleLabels:)``), in SQLite's dialect.
    static func update(_ targets: String, labelsRemoved: Bool = true, soleLabels: Bool = false) -> [String] {
        TeamPolicySQL(.sqlite).updateDecisions(targets, labelsRemoved: labelsRemoved, soleLabels: soleLabels)
    }
}
