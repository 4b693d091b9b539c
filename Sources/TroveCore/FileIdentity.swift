#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file's device and inode: equal for two paths that reach one file, through
/// symlinks and hard links alike.
public struct FileIdentity: Sendable, Hashable {
    public var device: UInt64
    public var inode: UInt64

    /// The identity of the file `path` reaches, or nil when nothing is there.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }

    /// Refuses outputs that would overwrite one of `inputs` (or each other).
    ///
    /// Only file outputs are checked: a stream is written through, never replaced.
    /// A name that does not exist yet cannot be an input.
    /// - throws: ``OutputError`` of kind `usage` naming the output and the input.
    public static func refuseOverlap(outputs: [OutputTarget], inputs: [String]) throws(OutputError) {
        var seen: [FileIdentity: String] = [:]
        for input in inputs {
            if let identity = FileIdentity(path: input), seen[identity] == nil { seen[identity] = input }
        }
        var destinations: Set<String> = []
        for output in outputs {
            guard case .file(let path) = output else { continue }
            guard destinations.insert(path).inserted else {
                throw OutputError(path: path, kind: .usage, reason: "is given as two outputs; choose another")
            }
            guard let identity = FileIdentity(path: path) else { continue }
            if let input = seen[identity] {
                throw OutputError(
                    path: path, kind: .usage,
                    reason: "is the same file as \(TrajectoryReport.visible(input)); choose another output")
            }
            seen[identity] = path
        }
    }
}
