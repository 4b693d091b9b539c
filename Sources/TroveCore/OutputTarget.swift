#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a command's output goes, decided once from the path the user gave.
///
/// Contract:
/// - `-`, a character device, a FIFO and a socket are streams: written straight
///   through, never replaced, with no temporary and no manifest beside them
///   (also when named through a symlink, such as `/dev/stdout`).
/// - A regular file, or a name that does not exist yet, is replaced atomically:
///   written under a unique temporary name in its directory and renamed over it.
/// - A symlink to anything else (a file, a missing name) is refused as a file
///   trove cannot create: a command replaces only a file it names itself, never
///   one elsewhere that a link points to.
/// - A directory or a block device is refused as a usage error, and so is a
///   regular file that is an SQLite database (it starts with the header
///   `SQLite format 3\0`, as every trove store does): an export is never
///   written over a store. A file trove cannot read is not examined.
///
/// ```swift
/// let target = try OutputTarget.resolve("agent.jsonl")   // .file("agent.jsonl")
/// let null = try OutputTarget.resolve("/dev/null")       // .stream("/dev/null")
/// ```
public enum OutputTarget: Sendable, Hashable {
    /// Standard output (`-`).
    case standardOutput
    /// A character device, FIFO or socket, written straight through.
    case stream(String)
    /// A regular file or a new name, replaced through a temporary.
    case file(String)

    /// The path as the user gave it (`-` for standard output).
    public var path: String {
        switch self {
        case .standardOutput: "-"
        case .stream(let path): path
        case .file(let path): path
        }
    }

    /// Whether output goes straight through (no temporary, no manifest beside it).
    public var isStream: Bool {
        if case .file = self { return false }
        return true
    }

    /// Decides how `path` is written.
    ///
    /// - throws: ``OutputError`` of kind `usage` for a directory, a block
    ///   device or an SQLite database, `cannotCreate` for a symlink that does
    ///   not end at a stream or when the path cannot be examined.
    public static func resolve(_ path: String) throws(OutputError) -> OutputTarget {
        if path == "-" { return .standardOutput }
        if path.isEmpty { throw OutputError(path: path, kind: .usage, reason: "the output path is empty") }
        // A database's log or journal, written over, loses what it holds (whether it exists yet or not).
        for suffix in ["-wal", "-shm", "-journal"] where path.hasSuffix(suffix) {
            let database = String(path.dropLast(suffix.count))
            if SQLiteHeader.isDatabase(database, followingSymlinks: false) {
                throw OutputError(
                    path: path, kind: .usage,
                    reason: "belongs to the SQLite database \(TrajectoryReport.visible(database)); "
                        + "trove does not write over a database's files, choose another output")
            }
        }
        var link = stat()
        guard lstat(path, &link) == 0 else {
            let code = errno
            if code == ENOENT { return .file(path) }
            throw .errno(path, .cannotCreate, code)
        }
        var info = link
        if link.st_mode & S_IFMT == S_IFLNK {
            let isStream = stat(path, &info) == 0 && [S_IFCHR, S_IFIFO, S_IFSOCK].contains(info.st_mode & S_IFMT)
            guard isStream else {
                throw OutputError(
                    path: path, kind: .cannotCreate,
                    reason: "is a symbolic link; trove does not write through links, give the file's own path")
            }
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            guard !SQLiteHeader.isDatabase(path, followingSymlinks: false) else {
                throw OutputError(
                    path: path, kind: .usage,
                    reason: "is an SQLite database (a trove store?); trove does not write over a database, "
                        + "choose another output")
            }
            return .file(path)
        case S_IFCHR, S_IFIFO, S_IFSOCK: return .stream(path)
        case S_IFDIR: throw OutputError(path: path, kind: .usage, reason: "is a directory; give a file name")
        default:
            throw OutputError(
                path: path, kind: .usage,
                reason: "is a block device; trove writes regular files, character devices, FIFOs and sockets")
        }
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
