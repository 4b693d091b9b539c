#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a command's output goes, decided once from the path the user gave.
///
/// Contract:
/// - `-`, a character device, a FIFO and a socket are streams: written straight
///   through, never replaced, with no temporary and no manifest beside them.
/// - A regular file, or a name that does not exist yet, is replaced atomically:
///   written under a unique temporary name in its directory and renamed over it.
///   A symlink is followed (to the end of its chain) and its target replaced, so
///   the link stays a link.
/// - A directory or a block device is refused as a usage error.
///
/// ```swift
/// let target = try OutputTarget.resolve("agent.jsonl")   // .file(path: "agent.jsonl", destination: "agent.jsonl")
/// let null = try OutputTarget.resolve("/dev/null")       // .stream("/dev/null")
/// ```
public enum OutputTarget: Sendable, Hashable {
    /// Standard output (`-`).
    case standardOutput
    /// A character device, FIFO or socket, written straight through.
    case stream(String)
    /// A regular file: `path` as given, `destination` the file actually replaced (symlinks followed).
    case file(path: String, destination: String)

    /// The path as the user gave it (`-` for standard output).
    public var path: String {
        switch self {
        case .standardOutput: "-"
        case .stream(let path): path
        case .file(let path, _): path
        }
    }

    /// Whether output goes straight through (no temporary, no manifest beside it).
    public var isStream: Bool {
        if case .file = self { return false }
        return true
    }

    /// Decides how `path` is written.
    ///
    /// - throws: ``OutputError`` of kind `usage` for a directory or a block
    ///   device, `cannotCreate` when the path cannot be examined.
    public static func resolve(_ path: String) throws(OutputError) -> OutputTarget {
        if path == "-" { return .standardOutput }
        if path.isEmpty { throw OutputError(path: path, kind: .usage, reason: "the output path is empty") }
        let destination = try followLinks(path)
        var info = stat()
        guard stat(destination, &info) == 0 else {
            let code = errno
            if code == ENOENT { return .file(path: path, destination: destination) }
            throw .errno(path, .cannotCreate, code)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file(path: path, destination: destination)
        case S_IFCHR, S_IFIFO, S_IFSOCK: return .stream(path)
        case S_IFDIR: throw OutputError(path: path, kind: .usage, reason: "is a directory; give a file name")
        default:
            throw OutputError(
                path: path, kind: .usage,
                reason: "is a block device; trove writes regular files, character devices, FIFOs and sockets")
        }
    }

    /// The file a chain of symlinks ends at (which may not exist yet), relative
    /// links taken from their link's directory.
    private static func followLinks(_ path: String) throws(OutputError) -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &buffer, buffer.count - 1)
            guard count >= 0 else { throw .errno(path, .cannotCreate, errno) }
            let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = target.hasPrefix("/") ? target : directory(of: current) + "/" + target
        }
        throw .errno(path, .cannotCreate, ELOOP)
    }

    /// The directory part of `path` (`.` for a bare name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last component of `path`.
    static func name(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
