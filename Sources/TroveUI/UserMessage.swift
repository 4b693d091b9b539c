/// A line for the status bar: what just happened, or what went wrong.
public struct UserMessage: Hashable, Sendable {
    public var text: String
    public var isError: Bool

    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }

    /// A message shown as an error.
    public static func error(_ text: String) -> UserMessage { UserMessage(text, isError: true) }
}
