/// Draws `state` into `canvas`, resized to `state.size`: the current screen, then the bottom line. Below
/// ``minimumSize`` a single notice replaces the screen. Pure, immediate mode.
public func render(_ state: AppState, into canvas: inout Canvas, keymap: Keymap = .standard) {
    canvas.reset(to: state.size)
    let size = state.size
    guard size.width >= Screen.minimumSize.width, size.height >= Screen.minimumSize.height else {
        let lines = ["terminal too small", "\(size) < \(Screen.minimumSize)", "q quits"]
        for (index, line) in lines.enumerated() where index < size.height {
            canvas.put(line, at: Point(x: 0, y: index), role: index == 0 ? .warning : .dim)
        }
        return
    }
    switch state.screen {
    case .list, .prompt: ListScreen.render(state, into: &canvas)
    case .trajectory: TrajectoryScreen.render(state, into: &canvas)
    case .stats: StatsScreen.render(state, into: &canvas)
    case .help: HelpScreen.render(state, keymap: keymap, into: &canvas)
    case .history: HistoryScreen.render(state, into: &canvas)
    }
    Chrome.bottom(state, keymap: keymap, into: &canvas)
}

/// Layout constants shared by the screens.
public enum Screen {
    /// The smallest terminal the screens lay out for; smaller ones show a notice.
    public static let minimumSize = Size(width: 40, height: 10)
}
