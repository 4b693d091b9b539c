/// Everything trove says about one ``Command``: its default keys, where it appears in help and in the
/// footer, and whether it writes labels. One row of ``CommandTable``, the table the keymap, the footer,
/// the help screen and the read-only gate all read (tig's request table, Textual's bindings).
public struct CommandDescription: Hashable, Sendable {
    public var command: Command
    /// The default keys, the first being the one the footer shows.
    public var keys: [Key]
    /// The input modes the default keys work in.
    public var modes: Set<Mode>
    /// The help section the command is listed under.
    public var section: CommandSection
    /// A short phrase for the help screen, lowercase: `"accept trajectory"`.
    public var help: String
    /// The one or two words the footer shows after the key: `a accept`.
    public var hint: String
    /// The footer's word on the list, the first screen, when it differs there (`q quit`, not `q back`).
    public var listHint: String?
    /// The input modes whose footer shows the command, in table order.
    public var footer: Set<Mode>
    /// For the commands a footer keeps at its end (help, back): their order there, from the left.
    public var pinnedFooterPlace: Int?
    /// Whether the command writes labels, and so is refused on a read-only store.
    public var changesLabels: Bool
    /// Further keys in other modes (`q` quits on the too-small notice).
    public var moreBindings: [Binding]

    public init(
        _ command: Command, keys: [Key], in modes: Set<Mode>, section: CommandSection, help: String,
        hint: String? = nil, listHint: String? = nil, footer: Set<Mode> = [], pinnedFooterPlace: Int? = nil,
        changesLabels: Bool = false, moreBindings: [Binding] = []
    ) {
        self.command = command
        self.keys = keys
        self.modes = modes
        self.section = section
        self.help = help
        self.hint = hint ?? String(command.rawValue.map { $0 == "-" ? " " : $0 })
        self.listHint = listHint
        self.footer = footer
        self.pinnedFooterPlace = pinnedFooterPlace
        self.changesLabels = changesLabels
        self.moreBindings = moreBindings
    }

    /// The default keys and modes, then the further bindings.
    public var bindings: [Binding] { [Binding(keys, command, in: modes)] + moreBindings }

    /// The footer's word for the command in `mode`.
    public func hint(in mode: Mode) -> String {
        mode == .list ? listHint ?? hint : hint
    }
}
