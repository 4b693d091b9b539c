/// One turn of a trajectory, exactly as its record gave it.
///
/// `text` is the turn's content with JSON escapes decoded and nothing else
/// changed: no trimming, no newline folding, control characters kept. Display
/// code sanitizes; the model never does.
public struct Message: Sendable, Hashable {
    /// The normalized role. See ``MessageRole`` for the mapping.
    public var role: MessageRole
    /// The role string as written in the record (`"gpt"`, `"assistant"`, …).
    public var originalRole: String
    /// The turn's text.
    public var text: String
    /// Whether a trainer should learn from this turn: `true`, `false`, or `nil`
    /// when the record carries no flag (a JSON `null` or a missing key).
    ///
    /// A missing flag is never turned into `false`: trainers disagree on what it
    /// means (AgentGym trains every agent turn, Agent-FLAN trains unless `false`).
    /// OpenAI-style `weight` maps here: `0` is `false`, any other number `true`.
    public var loss: Bool?
    /// The function calls an agent message makes (its actions), in order; empty for most messages.
    public var toolCalls: [ToolCall]
    /// For a tool result, the id of the ``ToolCall`` it answers, when the record names it.
    public var toolCallID: String?

    public init(
        role: MessageRole, originalRole: String, text: String, loss: Bool? = nil, toolCalls: [ToolCall] = [],
        toolCallID: String? = nil
    ) {
        self.role = role
        self.originalRole = originalRole
        self.text = text
        self.loss = loss
        self.toolCalls = toolCalls
        self.toolCallID = toolCallID
    }

    /// A message whose normalized role is derived from `originalRole`.
    public init(
        originalRole: String, text: String, loss: Bool? = nil, toolCalls: [ToolCall] = [], toolCallID: String? = nil
    ) {
        self.init(
            role: MessageRole(normalizing: originalRole), originalRole: originalRole, text: text, loss: loss,
            toolCalls: toolCalls, toolCallID: toolCallID)
    }
}
