/// Draws `state` into `canvas`, resized to `state.size`: the current screen, then the bottom line. Below
/// ``minimumSize`` a notice replaces the screen, saying what keys do there, with an open prompt on the
/// bottom line. Pure, immediate mode.
public func render(_ state: AppState, into canvas: inout Canvas, keymap: Keymap = .standard) {
    canvas.reset(to: state.size)
    let size = state.size
    guard !state.isTooSmall else {
        let keys =
            state.prompt == nil
            ? ["other keys do nothing", "until it is larger;", "q quits"]
            : ["typing goes on into", "the prompt below;", "Esc closes it"]
        let lines = ["terminal too small", "\(size) < \(Screen.minimumSize)"] + keys
        let rows = state.prompt == nil ? size.height : size.height - 1
        for (index, line) in lines.enumerated() where index < rows {
            canvas.put(line, at: Point(x: 0, y: index), role: index == 0 ? .warning : .dim)
        }
        if state.prompt != nil { Chrome.bottom(state, keymap: keymap, into: &canvas) }
        return
    }
    switch state.screen {
    case .list where state.showsSideBySide: renderSideBySide(state, into: &canvas)
    case .list: ListScreen.render(state, into: &canvas)
    case .trajectory: TrajectoryScreen.render(state, into: &canvas)
    case .stats: StatsScreen.render(state, into: &canvas)
    case .help: HelpScreen.render(state, keymap: keymap, into: &canvas)
    case .history: HistoryScreen.render(state, into: &canvas)
    case .runs: RunsScreen.render(state, into: &canvas)
    case .diff: DiffScreen.render(state, into: &canvas)
    }
    Chrome.bottom(state, keymap: keymap, into: &canvas)
}

/// The list and, beside it after a rule, the cursor's trajectory, each drawn as on a screen of its own
/// width; the bottom line spans both.
private func renderSideBySide(_ state: AppState, into canvas: inout Canvas) {
    let size = state.size
    let listWidth = state.listPaneWidth
    var list = Canvas(size: Size(width: listWidth, height: size.height))
    ListScreen.render(state, into: &list)
    canvas.draw(list, at: .zero)
    canvas.fill(Rect(x: listWidth, y: 0, width: 1, height: size.height - 1), role: .border, with: "│")
    var pane = Canvas(size: Size(width: size.width - listWidth - 1, height: size.height))
    if state.document == nil {
        pane.fill(Rect(x: 0, y: 0, width: pane.size.width, height: 1), role: .title)
    } else {
        TrajectoryScreen.render(state, into: &pane)
    }
    canvas.draw(pane, at: Point(x: listWidth + 1, y: 0))
}

/// What the review UI shows: one screen at a time, on a stack (``AppState/screens``). Which keys work
/// is the input ``Mode``, which is the screen's unless a prompt has the keyboard.
public enum Screen: String, CaseIterable, Hashable, Sendable {
    /// The trajectory list.
    case list
    /// One trajectory, step by step.
    case trajectory
    /// Statistics of the current selection.
    case stats
    /// The key help screen.
    case help
    /// The label history of a trajectory.
    case history
    /// The other runs of the open trajectory's task instance, to compare it with.
    case runs
    /// Two runs of one task aligned step by step.
    case diff

    /// The smallest terminal the screens lay out for; smaller ones show a notice.
    public static let minimumSize = Size(width: 40, height: 10)
}
