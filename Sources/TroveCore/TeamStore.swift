/// What the team commands (`trove team`, `assign`, `progress`, `agreement`) ask of a store, whichever
/// backend holds it. TroveStore's `Store` and TrovePostgres's `PostgresStore` conform, each running the
/// same rules (``TeamPolicySQL``, ``AssignmentPlan``, ``AgreementReport``) in its own SQL.
public protocol TeamStore {
    /// The latest policy set, or ``TeamPolicy/solo`` when none was.
    func teamPolicy() throws -> TeamPolicy

    /// Records `policy` as set by `reviewer` now and derives every trajectory's decision again under
    /// it, in one transaction.
    ///
    /// - returns: How many decisions changed status, and the statuses' counts before and after.
    @discardableResult
    func setTeamPolicy(_ policy: TeamPolicy, by reviewer: String) throws -> TeamPolicyChange

    /// Assigns `perItem` distinct reviewers of `reviewers` to every trajectory `filter` matches, in one
    /// transaction, as ``AssignmentPlan`` chooses them (trajectories in import order).
    ///
    /// - throws: ``AssignmentError`` for a request ``AssignmentPlan`` refuses.
    @discardableResult
    func assign(reviewers: [String], perItem: Int, matching filter: Filter, seed: UInt64) throws
        -> AssignmentSummary

    /// Per reviewer with an assignment or a label, in name order (by code point): assigned, done,
    /// decided, and their pace.
    func progress() throws -> [ReviewerProgress]

    /// How far reviewers agree on the trajectories matching `filter` (see ``AgreementReport``).
    func agreement(matching filter: Filter) throws -> AgreementReport
}
