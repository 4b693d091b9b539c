/// A function call an agent message makes (OpenAI `tool_calls`, Inspect, ATIF,
/// OpenHands actions): which function, with which arguments.
///
/// The arguments are kept as JSON text, as OpenAI writes them: a record that
/// gives them as an object has them written compactly, one that gives a string
/// keeps the string exactly (even when it is not valid JSON).
public struct ToolCall: Sendable, Hashable {
    /// The call's id, which the `tool` message answering it names in
    /// ``Message/toolCallID``; `nil` when the record gives none.
    public var id: String?
    /// The function called.
    public var name: String
    /// The arguments as JSON text (`{"command": "ls"}`), or the record's string as written.
    public var arguments: String

    public init(id: String?, name: String, arguments: String) {
        self.id = id
        self.name = name
        self.arguments = arguments
    }
}
