/// One group of the generated key help: what the help screen renders, built by
/// ``Keymap/helpSections(in:)``.
public struct HelpSection: Hashable, Sendable {
    /// One line of help: keys and what they do.
    public struct Entry: Hashable, Sendable {
        /// The keys as shown: `"j/↓/Wheel↓"`.
        public var keys: String
        public var help: String
        public var command: Command

        public init(keys: String, help: String, command: Command) {
            self.keys = keys
            self.help = help
            self.command = command
        }
    }

    public var section: CommandSection
    public var entries: [Entry]

    public init(section: CommandSection, entries: [Entry]) {
        self.section = section
        self.entries = entries
    }

    public var title: String { section.title }
}
