/// The part a message plays in a trajectory, normalized across formats.
///
/// Every codec maps its own role names onto these five, and keeps the original
/// string beside it in ``Message/originalRole`` so that nothing is lost:
///
/// | original (any case)                                  | normalized      |
/// |------------------------------------------------------|-----------------|
/// | `human`, `user`                                       | ``instruction`` |
/// | `gpt`, `assistant`, `agent`, `ai`, `model`, `bot`, `chatgpt`, `bard`, `function_call` | ``agent`` |
/// | `system`, `developer`                                 | ``system``      |
/// | `observation`, `environment`, `env`                   | ``environment`` |
/// | `tool`, `function`, `ipython`                         | ``tool``        |
///
/// A ShareGPT `function_call` turn is the agent's: the codec reads its value into the message's calls
/// (``Message/toolCalls``), as it reads an OpenAI assistant's `tool_calls`. OpenAI's `developer` message
/// is the instructions a `system` message gives (its name in the newer chat API); a legacy `function`
/// message is a tool's result.
///
/// A role string outside the table normalizes to ``environment``: text the agent
/// did not write, which a trainer never trains on.
public enum MessageRole: String, Sendable, Hashable, CaseIterable, Codable {
    /// What the human side says: the task prompt, and in AgentInstruct also the
    /// environment's feedback, which is sent as a human turn.
    case instruction
    /// What the model under training wrote.
    case agent
    /// Feedback from an environment that a format names as such.
    case environment
    /// A system prompt.
    case system
    /// A tool call or a tool result.
    case tool

    /// Normalizes a role string as it appears in a record.
    public init(normalizing original: String) {
        // Records mostly write their roles in lower case already: lowercasing every role first was
        // 8% of decoding a message.
        self = Self.named(original) ?? Self.named(original.lowercased()) ?? .environment
    }

    private static func named(_ lowercased: String) -> MessageRole? {
        switch lowercased {
        case "human", "user": .instruction
        case "gpt", "assistant", "agent", "ai", "model", "bot", "chatgpt", "bard", "function_call": .agent
        case "system", "developer": .system
        case "tool", "function", "ipython": .tool
        default: nil
        }
    }
}
