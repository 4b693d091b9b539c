extension Keymap {
    /// The default bindings, one per command: the keys and modes of each ``CommandTable`` row.
    /// Prodigy-like labelling keys, vi-like movement.
    public static let standard = Keymap(CommandTable.standard.flatMap(\.bindings))
}
