/// Runs of one task instance: the trajectories of a task whose task turn reads the same.
///
/// Agents are often run several times on the same problem (sampling, other models, retries); comparing
/// those runs and pairing a good one with a bad one needs to know which runs belong together. Two
/// trajectories are in one group when their task names are equal and the texts of their task turns are
/// equal byte for byte. The group id is the first 12 hex digits (48 bits) of the SHA-256 of the task name,
/// a NUL and the task text: the same in every store, and two distinct task instances share an id with a
/// chance of about one in 500 among a million of them.
///
/// ```swift
/// let parsed = StepParser.parse(trajectory)
/// let group = TaskGroup.id(of: trajectory, parsed: parsed)  // "3fa2c19b07de", or nil without a task turn
/// ```
public enum TaskGroup {
    /// How many hex digits of the digest an id keeps.
    public static let idLength = 12

    /// The group id of a task's instance stated by `taskText`.
    public static func id(task: String, taskText: String) -> String {
        var hasher = SHA256()
        hasher.update(task.utf8)
        hasher.update([0])
        hasher.update(taskText.utf8)
        // Cut on the digits' bytes (ASCII): counting characters took 860 instructions an id.
        return String(decoding: hasher.finalize().hexString.utf8.prefix(idLength), as: UTF8.self)
    }

    /// The text that states the trajectory's task: the message the parse marks as the task turn, else
    /// the first instruction message; nil when the trajectory has neither.
    public static func taskText(of trajectory: Trajectory, parsed: ParsedTrajectory) -> String? {
        if let index = parsed.taskIndex { return trajectory.messages[index].text }
        return trajectory.messages.first { $0.role == .instruction }?.text
    }

    /// The trajectory's group id; nil when it states no task (see ``taskText(of:parsed:)``).
    public static func id(of trajectory: Trajectory, parsed: ParsedTrajectory) -> String? {
        taskText(of: trajectory, parsed: parsed).map { id(task: trajectory.task, taskText: $0) }
    }
}
