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
    ///
    /// `isAgent` tells an agent turn (by default, a message whose role is ``MessageRole/agent``; ShareGPT
    /// output counts a `function_call` turn an earlier trove stored as a `tool` message too).
    public static func endingOnTheAgent(
        _ messages: [Message], taskIndex: Int?, isAgent: (Message) -> Bool = { $0.role == .agent }
    ) -> [Message] {
        guard let last = messages.lastIndex(where: isAgent), last < messages.count - 1 else {
            return messages
        }
        guard last > task(of: messages, taskIndex: taskIndex) else { return messages }
        return Array(messages[...last])
    }

    /// The first agent turn after the task turn (`taskIndex`; nil: the first instruction message), where a
    /// run's completion starts; nil when there is none, and the run has nothing to train on.
    public static func firstAgentTurn(afterTask messages: [Message], taskIndex: Int?) -> Int? {
        let task = task(of: messages, taskIndex: taskIndex)
        return messages.indices.first { $0 > task && messages[$0].role == .agent }
    }

    /// Whether `message` is an agent turn a trainer must not learn from: masked by the reviewers
    /// (``TurnLabel``, applied by ``Trajectory/applying(_:to:)``) or by the record itself (`"loss": false`,
    /// `"weight": 0`).
    public static func isUntrained(_ message: Message) -> Bool {
        message.role == .agent && message.loss == false
    }

    private static func task(of messages: [Message], taskIndex: Int?) -> Int {
        taskIndex ?? messages.firstIndex { $0.role == .instruction } ?? 0
    }
}
