import Foundation

/// The 16 bytes every SQLite database file starts with, `SQLite format 3\0`: how trove tells a
/// database (a trove store, or any other) from trajectory data and from an output it may replace.
public enum SQLiteHeader {
    static let bytes = Array("SQLite format 3\0".utf8)

    /// Whether the regular file at `path` starts with the header; false for anything else (a FIFO, a
    /// device), when it cannot be opened or read, or when it is a symlink and `followingSymlinks` is
    /// false.
    public static func isDatabase(_ path: String, followingSymlinks: Bool = true) -> Bool {
        // A FIFO is not opened: opening one waits for a writer, and reading takes its bytes from whoever
        // reads it next.
        var info = stat()
        guard (followingSymlinks ? stat(path, &info) : lstat(path, &info)) == 0, (info.st_mode & S_IFMT) == S_IFREG
        else { return false }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | (followingSymlinks ? 0 : O_NOFOLLOW))
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var header = [UInt8](repeating: 0, count: bytes.count)
        let count = header.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, bytes.count) }
        return count == bytes.count && header == bytes
    }
}
