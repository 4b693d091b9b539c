/// Keys that trigger a command in some modes, with the help text shown for them (bubbles' `key.Binding`).
public struct Binding: Hashable, Sendable {
    /// The keys, the first being the one hints show.
    public var keys: [Key]
    public var command: Command
    /// A short phrase for help and hints, lowercase: `"accept trajectory"`.
    public var help: String
    /// The modes the binding applies in.
    public var modes: Set<Mode>

    public init(_ keys: [Key], _ command: Command, _ help: String, in modes: Set<Mode>) {
        self.keys = keys
        self.command = command
        self.help = help
        self.modes = modes
    }

    /// The keys as help shows them: `"j/↓/Wheel↓"`.
    public var keyLabel: String { keys.map(\.description).joined(separator: "/") }
}
