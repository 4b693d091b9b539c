#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An output that could not be written, and why: a usage mistake, a file that
/// could not be created, or a write that failed.
public struct OutputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure it was; commands map each to a sysexits status.
    public enum Kind: Sendable, Hashable {
        /// The path names something trove does not write (a directory, a block
        /// device) or an input of the same command: exit 64.
        case usage
        /// The file or its temporary could not be created: exit 73.
        case cannotCreate
        /// A write, sync or rename failed (a full disk, a file size limit): exit 74.
        case io
    }

    /// The path as the user gave it.
    public var path: String
    public var kind: Kind
    public var reason: String

    public init(path: String, kind: Kind, reason: String) {
        self.path = path
        self.kind = kind
        self.reason = reason
    }

    /// An error of `kind` whose reason is `errno`'s text.
    static func errno(_ path: String, _ kind: Kind, _ code: Int32) -> OutputError {
        OutputError(path: path, kind: kind, reason: String(cString: strerror(code)))
    }

    public var description: String {
        switch kind {
        case .usage: "\(TrajectoryReport.visible(path)): \(reason)"
        case .cannotCreate: "\(TrajectoryReport.visible(path)): cannot create: \(reason)"
        case .io: "\(TrajectoryReport.visible(path)): cannot write: \(reason)"
        }
    }
}
