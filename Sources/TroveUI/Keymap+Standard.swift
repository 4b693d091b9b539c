extension Keymap {
    /// The default bindings: Prodigy-like labelling keys, vi-like movement.
    ///
    /// | keys | command | modes |
    /// |---|---|---|
    /// | `a` / `x` / `Space` | accept / reject / skip (stays pending) | list, trajectory |
    /// | `Backspace` / `Ctrl-r` | undo / redo | list, trajectory |
    /// | `r`, `0`, `1` | reward prompt, reward 0, reward 1 | list, trajectory |
    /// | `t` / `c` / `H` | tags / note / label history | list, trajectory |
    /// | `j` `↓` / `k` `↑` / mouse wheel | move (list rows, or scroll) | browsing |
    /// | `PgDn` / `PgUp`, `g` `Home` / `G` `End` | page, top, bottom | browsing |
    /// | `Enter` | open trajectory | list |
    /// | `q` / `Esc` | back; quits from the list | browsing |
    /// | `/`, `n` / `N` | search, next / previous hit | list, trajectory |
    /// | `f` | filter prompt | list, stats |
    /// | `s` / `S` | sort by next column / reverse order | list |
    /// | `Tab` | list ↔ stats | list, stats |
    /// | `]` `J` / `[` `K` | next / previous step | trajectory |
    /// | `T` / `O` / `M` | thoughts / observations / metadata shown or hidden | trajectory |
    /// | `o` | unfold or fold the long observation | trajectory |
    /// | `p` | context turns (prompt, handshake, example) shown or hidden | trajectory |
    /// | `R` | raw record view | trajectory |
    /// | `?` | help | browsing |
    /// | `Ctrl-l` | redraw | browsing |
    /// | `Enter` / `Esc` | submit / cancel | prompt |
    /// | `Ctrl-c` | quit (raw mode: Ctrl-C is a key, not SIGINT) | every mode |
    ///
    /// Lowercase keys act on the current item or view; uppercase ones are the "bigger" variant
    /// (`S` reverse sort, `G` bottom, `N` previous hit, `J`/`K` step jumps) or a view toggle.
    public static let standard = Keymap([
        // Labelling
        Binding([.char("a")], .accept, "accept trajectory", in: Mode.labelling),
        Binding([.char("x")], .reject, "reject trajectory", in: Mode.labelling),
        Binding([.char(" ")], .skip, "skip, leave pending", in: Mode.labelling),
        Binding([.backspace], .undo, "undo last label change", in: Mode.labelling),
        Binding([.ctrl("r")], .redo, "redo label change", in: Mode.labelling),
        Binding([.char("r")], .editReward, "set reward…", in: Mode.labelling),
        Binding([.char("0")], .rewardZero, "reward 0", in: Mode.labelling),
        Binding([.char("1")], .rewardOne, "reward 1", in: Mode.labelling),
        Binding([.char("t")], .editTags, "tags…", in: Mode.labelling),
        Binding([.char("c")], .editNote, "note…", in: Mode.labelling),
        Binding([.char("H")], .showHistory, "label history", in: Mode.labelling),
        // Navigation
        Binding([.char("j"), .down, .wheelDown], .moveDown, "down", in: Mode.browsing),
        Binding([.char("k"), .up, .wheelUp], .moveUp, "up", in: Mode.browsing),
        Binding([.pageDown], .pageDown, "page down", in: Mode.browsing),
        Binding([.pageUp], .pageUp, "page up", in: Mode.browsing),
        Binding([.char("g"), .home], .top, "top", in: Mode.browsing),
        Binding([.char("G"), .end], .bottom, "bottom", in: Mode.browsing),
        Binding([.enter], .open, "open trajectory", in: [.list]),
        Binding([.char("q"), .escape], .back, "back; quit from the list", in: Mode.browsing),
        Binding([.char("]"), .char("J")], .nextStep, "next step", in: [.trajectory]),
        Binding([.char("["), .char("K")], .previousStep, "previous step", in: [.trajectory]),
        // Search, filter, sort
        Binding([.char("/")], .search, "search…", in: Mode.labelling),
        Binding([.char("n")], .nextHit, "next hit", in: Mode.labelling),
        Binding([.char("N")], .previousHit, "previous hit", in: Mode.labelling),
        Binding([.char("f")], .filter, "filter…", in: [.list, .stats]),
        Binding([.char("s")], .sortNext, "sort by next column", in: [.list]),
        Binding([.char("S")], .sortReverse, "reverse sort order", in: [.list]),
        // View
        Binding([.char("T")], .toggleThoughts, "show/hide thoughts", in: [.trajectory]),
        Binding([.char("O")], .toggleObservations, "show/hide observations", in: [.trajectory]),
        Binding([.char("M")], .toggleMetadata, "show/hide metadata", in: [.trajectory]),
        Binding([.char("o")], .toggleFold, "unfold/fold observation", in: [.trajectory]),
        Binding([.char("p")], .toggleContext, "show/hide prompt and example turns", in: [.trajectory]),
        Binding([.char("R")], .toggleRaw, "raw record", in: [.trajectory]),
        Binding([.tab], .toggleStats, "statistics", in: [.list, .stats]),
        Binding([.char("?")], .toggleHelp, "keys", in: Mode.browsing),
        Binding([.ctrl("l")], .redraw, "redraw screen", in: Mode.browsing),
        // Prompt
        Binding([.enter], .submit, "submit", in: [.prompt]),
        Binding([.escape], .cancel, "cancel", in: [.prompt]),
        // Application
        Binding([.ctrl("c")], .quit, "quit", in: Set(Mode.allCases)),
    ])
}
