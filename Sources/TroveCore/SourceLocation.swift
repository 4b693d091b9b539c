/// Where a record came from: a file (or `-` for standard input) and the
/// 1-based line its first byte is on.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    /// `file:line`, the form every error message uses.
    public var description: String { "\(file):\(line)" }
}
