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

    /// Refuses outputs that would overwrite each other, one of `reserved` (see
    /// ``ReservedFile/isNamed(by:)``) or one of `inputs`.
    ///
    /// Only file outputs are checked: a stream is written through, never replaced.
    /// A name that does not exist yet cannot be an input, but it can be a reserved file.
    /// - throws: ``OutputError`` of kind `usage` naming the output and the reserved file's role or
    ///   the input.
    public static func refuseOverlap(
        outputs: [OutputTarget], inputs: [String], reserved: [ReservedFile] = []
    ) throws(OutputError) {
        var inputFiles: [FileIdentity: String] = [:]
        for input in inputs {
            if let identity = FileIdentity(path: input), inputFiles[identity] == nil { inputFiles[identity] = input }
        }
        var outputFiles: [FileIdentity: String] = [:]
        var destinations: Set<String> = []
        for output in outputs {
            guard case .file(let path) = output else { continue }
            guard destinations.insert(path).inserted else {
                throw OutputError(path: path, kind: .usage, reason: "is given as two outputs; choose another")
            }
            if let file = reserved.first(where: { $0.isNamed(by: path) }) {
                throw OutputError(path: path, kind: .usage, reason: "is \(file.role); choose another output")
            }
            guard let identity = FileIdentity(path: path) else { continue }
            if let input = inputFiles[identity] {
                let sameFile = input == path ? "" : " (the same file as \(TrajectoryReport.visible(input)))"
                throw OutputError(
                    path: path, kind: .usage,
                    reason: "is one of the inputs\(sameFile); choose another output")
            }
            if let other = outputFiles[identity] {
                throw OutputError(
                    path: path, kind: .usage,
                    reason: "is the same file as the output \(TrajectoryReport.visible(other)); choose another")
            }
            outputFiles[identity] = path
        }
    }
}
