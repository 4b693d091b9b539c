/// Key bindings as data: the runtime looks keys up here instead of switching on them, and help and hints
/// are generated from the same bindings so they cannot drift (tig's keymaps, bubbles' `help`).
///
/// Lookup is mode-specific first, then global: when a key is bound in several bindings that apply to a
/// mode, the binding listing fewer modes wins (a binding for `[.trajectory]` overrides one for
/// ``Mode/browsing``). Among equally specific bindings the later one wins, so a user override can be
/// appended. ``standard`` binds no key twice in one mode.
public struct Keymap: Sendable {
    /// The bindings in the order given; help lists them in this order within a section.
    public let bindings: [Binding]
    private let table: [Mode: [Key: Command]]

    public init(_ bindings: [Binding]) {
        self.bindings = bindings
        var table: [Mode: [Key: Command]] = [:]
        // Widest first, so more specific bindings overwrite; the sort is stable for equal widths.
        let widestFirst = bindings.enumerated().sorted {
            ($0.element.modes.count, $1.offset) > ($1.element.modes.count, $0.offset)
        }
        for (_, binding) in widestFirst {
            for mode in binding.modes {
                for key in binding.keys { table[mode, default: [:]][key] = binding.command }
            }
        }
        self.table = table
    }

    /// The command `key` triggers in `mode`, or `nil` when it is unbound there (in ``Mode/prompt`` an
    /// unbound key is text for the prompt).
    public func command(for key: Key, in mode: Mode) -> Command? {
        table[mode]?[key]
    }

    /// The bindings that apply in `mode`, in order.
    public func bindings(in mode: Mode) -> [Binding] {
        bindings.filter { $0.modes.contains(mode) }
    }

    /// The keys that trigger `command` in `mode`, for hints (`"a accept"`); empty when none do.
    public func keys(for command: Command, in mode: Mode) -> [Key] {
        bindings(in: mode).filter { $0.command == command }.flatMap(\.keys)
            .filter { self.command(for: $0, in: mode) == command }
    }
}
