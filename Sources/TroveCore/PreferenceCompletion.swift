/// One run split into the prompt that states its task and the agent's completion, labelled desirable
/// (kept) or not (rejected): a KTO example.
///
/// The prompt is every message before the first agent turn after the task turn, so an in-context
/// example's or a handshake's agent turns stay in the prompt.
public struct PreferenceCompletion: Sendable, Hashable {
    public var prompt: [Message]
    public var completion: [Message]
    public var label: Bool

    /// The example of a run whose task turn is at `taskIndex` (nil: the first instruction message);
    /// nil when no agent turn follows the task turn. The completion ends on the run's last agent turn
    /// (``TrainingMessages``): a closing observation would state the outcome the label is drawn from.
    public init?(messages: [Message], taskIndex: Int?, label: Bool) {
        let messages = TrainingMessages.endingOnTheAgent(messages, taskIndex: taskIndex)
        guard let cut = TrainingMessages.firstAgentTurn(afterTask: messages, taskIndex: taskIndex) else { return nil }
        prompt = Array(messages[..<cut])
        completion = Array(messages[cut...])
        self.label = label
    }
}
