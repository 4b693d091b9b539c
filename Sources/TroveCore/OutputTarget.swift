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
/// - An existing regular file this user may not write (`access(2)`, which root
///   passes, as the shell's `>` does) is refused as a file trove cannot create,
///   although renaming over it would succeed.
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
    ///   not end at a stream, a file this user may not write, or when the path
    ///   cannot be examined.
    public static func resolve(_ path: String) throws(OutputError) -> OutputTarget {
        if path == "-" { return .standardOutput }
        if path.isEmpty { throw OutputError(path: path, kind: .usage, reason: "the output path is empty") }
        try refuseDatabaseFile(path)
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
            // Renaming over a file needs only its directory's permission; the shell's `>` needs the file's.
            guard access(path, W_OK) == 0 else {
                throw OutputError(
                    path: path, kind: .cannotCreate,
                    reason: "is write-protected; trove does not replace a file you may not write, "
                        + "choose another output or make it writable")
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

    /// Refuses `path` as the new SQLite database `backup` and `copy` create (the caller refuses a name
    /// that exists): the same refusals as every output's for a name that does not exist yet, a file
    /// SQLite keeps beside a database (``resolve(_:)``) or one of `reserved` (``FileIdentity/refuseOverlap(outputs:inputs:reserved:)``).
    /// Such a file written as a database would be deleted or rolled back into its store by the
    /// next command that opens the store.
    ///
    /// - throws: ``OutputError`` of kind `usage`.
    public static func requireNewDatabase(_ path: String, reserved: [ReservedFile]) throws(OutputError) {
        try refuseDatabaseFile(path)
        try FileIdentity.refuseOverlap(outputs: [.file(path)], inputs: [], reserved: reserved)
    }

    /// Refuses `path` when it names the `-wal`, `-shm` or `-journal` of an SQLite database, whether the
    /// file exists yet or not: a database's log or journal, written over, loses what it holds.
    private static func refuseDatabaseFile(_ path: String) throws(OutputError) {
        for suffix in ["-wal", "-shm", "-journal"] where path.hasSuffix(suffix) {
            let database = String(path.dropLast(suffix.count))
            if SQLiteHeader.isDatabase(database, followingSymlinks: false) {
                throw OutputError(
                    path: path, kind: .usage,
                    reason: "belongs to the SQLite database \(TrajectoryReport.visible(database)); "
                        + "trove does not write over a database's files, choose another output")
            }
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
