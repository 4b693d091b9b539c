/// A store that counts its trajectories per task (`trove stats`), whatever its backend.
public protocol DatasetStatsSource {
    /// Counts per task: trajectories, steps, review status, effective-reward histogram and flags,
    /// tasks sorted by name. Computed with aggregate queries, never by loading trajectories.
    func stats() throws -> DatasetStats
}
