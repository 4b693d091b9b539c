/// Why a curses terminal could not be used.
public enum TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `newterm` failed: unknown terminal type or unusable files.
    case cannotInitialize(terminalType: String)
    /// The editor `e` runs failed, or left text that cannot be read; the reason says which.
    case editorFailed(String)

    public var description: String {
        switch self {
        case .cannotInitialize(let terminalType):
            "cannot initialize the terminal (TERM=\(terminalType)); set TERM to a known terminal type"
        case .editorFailed(let reason):
            "the edit was not taken: \(reason)"
        }
    }
}
