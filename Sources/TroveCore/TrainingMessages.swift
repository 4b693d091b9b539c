/// The messages a trainer-ready record holds.
public enum TrainingMessages {
    /// `messages` up to the run's last agent turn after its task turn (`taskIndex`; nil: the first
    /// instruction message), or all of them when no agent turn follows the task.
    ///
    /// The turns after the last agent turn (the environment's last observation, FireAct's closing
    /// `Observation: Episode finished, reward = True`) train nothing, state the outcome a preference label
    /// is drawn from, and make LLaMA-Factory drop a ShareGPT example, whose turns must pair up. A record
    /// whose only agent turns come before its task (a handshake's `OK`, an in-context example) keeps
    /// every message: cutting it there would drop the task.
    public static func endingOnTheAgent(_ messages: [Message], taskIndex: Int?) -> [Message] {
        guard let last = messages.lastIndex(where: { $0.role == .agent }), last < messages.count - 1 else {
            return messages
        }
        let task = taskIndex ?? messages.firstIndex { $0.role == .instruction } ?? 0
        guard last > task else { return messages }
        return Array(messages[...last])
    }
}
