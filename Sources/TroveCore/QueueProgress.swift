/// How far one reviewer is through their assignments: what the review UI's status bar shows as
/// `done 3/10`.
public struct QueueProgress: Sendable, Hashable {
    /// Trajectories assigned to the reviewer.
    public var assigned: Int
    /// Assigned trajectories the reviewer has accepted or rejected.
    public var done: Int

    public init(assigned: Int, done: Int) {
        self.assigned = assigned
        self.done = done
    }

    /// Whether the reviewer has any assignment: only then do they have a queue.
    public var hasAssignments: Bool { assigned > 0 }
}
