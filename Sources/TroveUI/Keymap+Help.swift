extension Keymap {
    /// The help for `mode` (or for every mode when `nil`), grouped by ``CommandSection`` in section order,
    /// bindings in keymap order, empty sections left out; sections and texts come from ``CommandTable``.
    public func helpSections(in mode: Mode? = nil) -> [HelpSection] {
        let shown = mode.map { bindings(in: $0) } ?? bindings
        return CommandSection.allCases.compactMap { section in
            let entries = shown.filter { CommandTable[$0.command].section == section }
                .map { HelpSection.Entry(keys: $0.keyLabel, help: CommandTable[$0.command].help, command: $0.command) }
            return entries.isEmpty ? nil : HelpSection(section: section, entries: entries)
        }
    }
}
