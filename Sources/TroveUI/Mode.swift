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
    /// A typed prompt (filter, search, reward, note) has focus: only submit/cancel (and quit) are bound,
    /// every other key is text.
    case prompt

    /// Every mode that browses rather than types: all but ``prompt``.
    public static let browsing: Set<Mode> = Set(allCases).subtracting([.prompt])
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
        }
    }
}
