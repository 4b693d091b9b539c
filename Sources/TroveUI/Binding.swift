/// Keys that trigger a command in some modes (bubbles' `key.Binding`); what the command is called in
/// help and hints is its ``CommandTable`` row.
public struct Binding: Hashable, Sendable {
    /// The keys, the first being the one hints show.
    public var keys: [Key]
    public var command: Command
    /// The modes the binding applies in.
    public var modes: Set<Mode>

    public init(_ keys: [Key], _ command: Command, in modes: Set<Mode>) {
        self.keys = keys
        self.command = command
        self.modes = modes
    }

    /// The keys as help shows them: `"j/↓/Wheel↓"`.
    public var keyLabel: String { keys.map(\.description).joined(separator: "/") }
}
