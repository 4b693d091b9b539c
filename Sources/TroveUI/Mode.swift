/// Which input has the keyboard: a ``Screen``, or a prompt over it. The keymap resolves keys per mode.
public enum Mode: String, CaseIterable, Hashable, Sendable {
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
    /// The chooser of a run to compare with.
    case runs
    /// Two runs aligned step by step.
    case diff
    /// A typed prompt (filter, search, reward, note) has focus: only submit/cancel (and quit) are bound,
    /// every other key is text.
    case prompt
    /// The terminal is smaller than ``Screen/minimumSize`` and no prompt is open: nothing is shown but
    /// a notice, so only quitting works (`q`, Ctrl-C) and every other key is dropped, as the notice
    /// says. An open prompt keeps the keyboard (``prompt``), shown under the notice.
    case tooSmall

    /// Every mode that browses rather than types: the screens' modes.
    public static let browsing: Set<Mode> = Set(allCases).subtracting([.prompt, .tooSmall])
    /// The modes where a trajectory is at hand and can be labelled.
    public static let labelling: Set<Mode> = [.list, .trajectory]

    /// The mode of `screen` when no prompt is open.
    public init(_ screen: Screen) {
        switch screen {
        case .list: self = .list
        case .trajectory: self = .trajectory
        case .stats: self = .stats
        case .help: self = .help
        case .history: self = .history
        case .runs: self = .runs
        case .diff: self = .diff
        }
    }
}
