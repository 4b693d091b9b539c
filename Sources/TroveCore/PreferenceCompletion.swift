/// One run split into the prompt that states its task and the agent's completion, labelled desirable
/// (kept) or not (rejected): a KTO example.
///
/// The prompt is every message before the first agent turn after the task turn, so an in-context
/// example's or a handshake's agent turns stay in the prompt. A KTO trainer learns from the whole
/// completion, so a completion holds no agent turn not to be trained (``TrainingMessages/isUntrained(_:)``:
/// masked by the reviewers or by the record): the prompt runs on past the last such turn, which the
/// model then reads as context and is not trained on.
public struct PreferenceCompletion: Sendable, Hashable {
    public var prompt: [Message]
    public var completion: [Message]
    public var label: Bool

    /// The example of a run (its messages with the reviewers' turn labels applied) whose task turn is at
    /// `taskIndex` (nil: the first instruction message); nil when no agent turn follows the task turn, or
    /// none follows the last untrained one. The completion ends on the run's last agent turn
    /// (``TrainingMessages``): a closing observation would state the outcome the label is drawn from.
    public init?(messages: [Message], taskIndex: Int?, label: Bool) {
        let messages = TrainingMessages.endingOnTheAgent(messages, taskIndex: taskIndex)
        guard var cut = TrainingMessages.firstAgentTurn(afterTask: messages, taskIndex: taskIndex) else { return nil }
        if let untrained = messages.indices.last(where: { $0 >= cut && TrainingMessages.isUntrained(messages[$0]) }) {
            guard let next = messages.indices.first(where: { $0 > untrained && messages[$0].role == .agent }) else {
                return nil
            }
            cut = next
        }
        prompt = Array(messages[..<cut])
        completion = Array(messages[cut...])
        self.label = label
    }
}
