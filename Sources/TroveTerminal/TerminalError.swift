/// Why a curses terminal could not be used.
public enum TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `newterm` failed: unknown terminal type or unusable files.
    case cannotInitialize(terminalType: String)
    /// The editor `e` runs failed, or left text that cannot be read; the reason says which.
    case editorFailed(String)
    /// The pager `v` and `d` run exited with a failure; the reason says how.
    case pagerFailed(String)
    /// A command (the pager, the editor) could not be started.
    case cannotRun(String, reason: String)

    public var description: String {
        switch self {
        case .cannotInitialize(let terminalType):
            "cannot initialize the terminal (TERM=\(terminalType)); set TERM to a known terminal type"
        case .editorFailed(let reason):
            "the edit was not taken: \(reason)"
        case .pagerFailed(let reason):
            "the pager failed: \(reason)"
        case .cannotRun(let command, let reason):
            "cannot run \(command): \(reason)"
        }
    }
}
