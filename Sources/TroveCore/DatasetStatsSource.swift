/// A store that counts its trajectories per task (`trove stats`), whatever its backend.
public protocol DatasetStatsSource {
    /// Counts per task of the trajectories `filter` selects (every one for an empty filter): trajectories,
    /// steps, review status, effective-reward histogram and flags, tasks sorted by name, tasks with no
    /// selected trajectory left out. Computed with aggregate queries, never by loading trajectories; both
    /// backends give the same counts for the same filter.
    func stats(matching filter: Filter) throws -> DatasetStats
}

extension DatasetStatsSource {
    /// Counts per task of every trajectory (``stats(matching:)`` with an empty filter).
    public func stats() throws -> DatasetStats {
        try stats(matching: Filter(nil))
    }
}
