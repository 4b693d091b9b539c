/// The one table of commands: default keys and modes, help section and text, footer words and places,
/// and which commands write labels. ``Keymap/standard`` binds its keys, help lists its rows in table
/// order by section, the footer shows the rows of the current mode, and the read-only gate refuses the
/// rows that change labels. Adding a command adds a ``Command`` case, a row here and its handling in
/// ``update(_:_:)``.
///
/// Lowercase keys act on the current item or view; uppercase ones are the "bigger" variant
/// (`S` reverse sort, `G` bottom, `N` previous hit, `J`/`K` step jumps) or a view toggle.
public enum CommandTable {
    private static let labelling = Mode.labelling
    private static let browsing = Mode.browsing

    /// Every command once, in help order within each section: ``Command``'s declaration order.
    public static let standard: [CommandDescription] = Command.allCases.map { CommandTable[$0] }

    /// The row of `command`.
    public static subscript(_ command: Command) -> CommandDescription {
        switch command {
        // Labelling
        case .accept:
            CommandDescription(
                command, keys: [.char("a")], in: labelling, section: .labelling, help: "accept trajectory",
                footer: [.list, .trajectory], changesLabels: true)
        case .reject:
            CommandDescription(
                command, keys: [.char("x")], in: labelling, section: .labelling, help: "reject trajectory",
                footer: [.list, .trajectory], changesLabels: true)
        case .skip:
            CommandDescription(
                command, keys: [.char(" ")], in: labelling, section: .labelling, help: "skip, leave pending",
                footer: [.list, .trajectory])
        case .undo:
            CommandDescription(
                command, keys: [.backspace], in: labelling, section: .labelling, help: "undo last label change",
                changesLabels: true)
        case .redo:
            CommandDescription(
                command, keys: [.ctrl("r")], in: labelling, section: .labelling, help: "redo label change",
                changesLabels: true)
        case .editReward:
            CommandDescription(
                command, keys: [.char("r")], in: labelling, section: .labelling, help: "set reward…", hint: "reward",
                footer: [.list, .trajectory], changesLabels: true)
        case .rewardZero:
            CommandDescription(
                command, keys: [.char("0")], in: labelling, section: .labelling, help: "reward 0", changesLabels: true)
        case .rewardOne:
            CommandDescription(
                command, keys: [.char("1")], in: labelling, section: .labelling, help: "reward 1", changesLabels: true)
        case .editTags:
            CommandDescription(
                command, keys: [.char("t")], in: labelling, section: .labelling, help: "tags…", hint: "tags",
                footer: [.list], changesLabels: true)
        case .editNote:
            CommandDescription(
                command, keys: [.char("c")], in: labelling, section: .labelling, help: "note…", changesLabels: true)
        case .acceptAll:
            CommandDescription(
                command, keys: [.char("A")], in: [.list], section: .labelling, help: "accept all the list shows…",
                changesLabels: true)
        case .rejectAll:
            CommandDescription(
                command, keys: [.char("X")], in: [.list], section: .labelling, help: "reject all the list shows…",
                changesLabels: true)
        case .showHistory:
            CommandDescription(command, keys: [.char("H")], in: labelling, section: .labelling, help: "label history")
        case .toggleMask:
            CommandDescription(
                command, keys: [.char("m")], in: [.trajectory], section: .labelling,
                help: "mask/unmask the selected step's turn (not trained)", changesLabels: true)
        case .editTurn:
            CommandDescription(
                command, keys: [.char("e")], in: [.trajectory], section: .labelling,
                help: "correct the selected step's turn in $EDITOR (default vi)", changesLabels: true)
        // Navigation
        case .moveDown:
            CommandDescription(
                command, keys: [.char("j"), .down, .wheelDown], in: browsing, section: .navigation, help: "down",
                hint: "down",
                footer: [.help, .history])
        case .moveUp:
            CommandDescription(
                command, keys: [.char("k"), .up, .wheelUp], in: browsing, section: .navigation, help: "up", hint: "up",
                footer: [.help, .history])
        case .pageDown:
            CommandDescription(command, keys: [.pageDown], in: browsing, section: .navigation, help: "page down")
        case .pageUp:
            CommandDescription(command, keys: [.pageUp], in: browsing, section: .navigation, help: "page up")
        case .top:
            CommandDescription(command, keys: [.char("g"), .home], in: browsing, section: .navigation, help: "top")
        case .bottom:
            CommandDescription(command, keys: [.char("G"), .end], in: browsing, section: .navigation, help: "bottom")
        case .open:
            CommandDescription(
                command, keys: [.enter], in: [.list, .runs], section: .navigation, help: "open trajectory",
                footer: [.list, .runs])
        case .back:
            CommandDescription(
                command, keys: [.char("q")], in: browsing, section: .navigation,
                help: "back; quit from the list",
                listHint: "quit", footer: browsing, pinnedFooterPlace: 2)
        case .close:
            CommandDescription(
                command, keys: [.escape], in: browsing, section: .navigation, help: "back; never quits")
        case .nextDisputed:
            CommandDescription(
                command, keys: [.char("D")], in: labelling, section: .navigation, help: "next disputed trajectory")
        case .nextStep:
            CommandDescription(
                command, keys: [.char("]"), .char("J")], in: [.trajectory], section: .navigation, help: "next step",
                hint: "step", footer: [.trajectory])
        case .previousStep:
            CommandDescription(
                command, keys: [.char("["), .char("K")], in: [.trajectory], section: .navigation,
                help: "previous step")
        // Search, filter, sort
        case .search:
            CommandDescription(
                command, keys: [.char("/")], in: labelling, section: .search, help: "search… (the list: whole words)",
                footer: [.list])
        case .nextHit:
            CommandDescription(command, keys: [.char("n")], in: labelling, section: .search, help: "next hit")
        case .previousHit:
            CommandDescription(command, keys: [.char("N")], in: labelling, section: .search, help: "previous hit")
        case .filter:
            CommandDescription(
                command, keys: [.char("f")], in: [.list, .stats], section: .search, help: "filter…",
                footer: [.list, .stats])
        case .sortNext:
            CommandDescription(command, keys: [.char("s")], in: [.list], section: .search, help: "sort by next column")
        case .sortReverse:
            CommandDescription(command, keys: [.char("S")], in: [.list], section: .search, help: "reverse sort order")
        case .goToID:
            CommandDescription(
                command, keys: [.char(":")], in: labelling, section: .search, help: "go to id… (Tab completes)")
        case .toggleQueue:
            CommandDescription(
                command, keys: [.char("Q")], in: [.list], section: .search, help: "your queue / all trajectories",
                hint: "queue", footer: [.list])
        // View
        case .toggleThoughts:
            CommandDescription(
                command, keys: [.char("T")], in: [.trajectory], section: .view, help: "show/hide thoughts",
                hint: "thoughts", footer: [.trajectory])
        case .toggleObservations:
            CommandDescription(
                command, keys: [.char("O")], in: [.trajectory], section: .view,
                help: "show/hide observations", hint: "observations", footer: [.trajectory])
        case .toggleMetadata:
            CommandDescription(
                command, keys: [.char("M")], in: [.trajectory], section: .view, help: "show/hide metadata")
        case .toggleFold:
            CommandDescription(
                command, keys: [.char("o")], in: [.trajectory], section: .view, help: "unfold/fold observation",
                hint: "fold", footer: [.trajectory])
        case .nextTextPage:
            CommandDescription(
                command, keys: [.char(">")], in: [.trajectory], section: .view, help: "next page of a long text")
        case .previousTextPage:
            CommandDescription(
                command, keys: [.char("<")], in: [.trajectory], section: .view, help: "previous page of a long text")
        case .toggleContext:
            CommandDescription(
                command, keys: [.char("p")], in: [.trajectory], section: .view,
                help: "show/hide prompt and example turns", hint: "context", footer: [.trajectory])
        case .toggleRaw:
            CommandDescription(
                command, keys: [.char("R")], in: [.trajectory], section: .view, help: "the record as imported, as JSON",
                hint: "raw", footer: [.trajectory])
        case .pageRecord:
            CommandDescription(
                command, keys: [.char("v")], in: [.trajectory], section: .view,
                help: "the record in $PAGER (default less -R)")
        case .showCorrection:
            CommandDescription(
                command, keys: [.char("d")], in: [.trajectory], section: .view,
                help: "the selected step's correction against its original")
        case .compareRuns:
            CommandDescription(
                command, keys: [.char("=")], in: [.trajectory], section: .view,
                help: "compare with another run of the task…")
        case .toggleStats:
            CommandDescription(
                command, keys: [.tab], in: [.list, .stats], section: .view, help: "statistics", hint: "stats",
                footer: [.list, .stats])
        case .toggleHelp:
            CommandDescription(
                command, keys: [.char("?")], in: browsing, section: .view, help: "keys", hint: "help",
                footer: [.list, .trajectory, .stats], pinnedFooterPlace: 1)
        case .redraw:
            CommandDescription(command, keys: [.ctrl("l")], in: browsing, section: .view, help: "redraw screen")
        // Prompt
        case .submit:
            CommandDescription(
                command, keys: [.enter], in: [.prompt], section: .prompt, help: "submit", hint: "ok", footer: [.prompt])
        case .cancel:
            CommandDescription(
                command, keys: [.escape], in: [.prompt], section: .prompt, help: "cancel", footer: [.prompt],
                moreBindings: [Binding([.ctrl("c")], command, in: [.prompt])])
        case .complete:
            CommandDescription(command, keys: [.tab], in: [.prompt], section: .prompt, help: "complete the id")
        // Application
        case .quit:
            CommandDescription(
                command, keys: [.ctrl("c")], in: Set(Mode.allCases).subtracting([.prompt]), section: .application,
                help: "quit",
                moreBindings: [Binding([.char("q")], command, in: [.tooSmall])])
        }
    }

    /// The rows the footer of `mode` shows, in footer order: the others first, the pinned ones last.
    public static func footer(in mode: Mode) -> [CommandDescription] {
        let shown = standard.filter { $0.footer.contains(mode) }
        let pinned = shown.compactMap { row in row.pinnedFooterPlace.map { (place: $0, row: row) } }
            .sorted { $0.place < $1.place }.map(\.row)
        return shown.filter { $0.pinnedFooterPlace == nil } + pinned
    }
}
