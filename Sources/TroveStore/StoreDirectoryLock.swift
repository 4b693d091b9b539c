import Foundation

/// An advisory `flock` on the directory that holds a store, taken while a store is opened: exclusive
/// by a process that may create or migrate the store, shared by a reader.
///
/// Two processes creating one new store at once used to run the migrations side by side, and one of
/// them failed (`table store_info already exists`). Under this lock the second waits, then finds the
/// store whole.
///
/// Implementation note: the lock is on the directory, not the store's file, because closing any
/// descriptor of a file drops every POSIX lock this process holds on it, among them the locks SQLite
/// keeps on an open store; and not on a lock file, which a read-only directory could not hold and a
/// failed command would leave behind.
enum StoreDirectoryLock {
    /// Runs `body` holding the lock on the directory of `path`. When the directory cannot be opened
    /// (it does not exist), `body` runs unlocked, and SQLite reports the problem.
    static func holding<Value>(directoryOf path: String, exclusive: Bool, _ body: () throws -> Value) throws -> Value {
        let descriptor = open(directory(of: path), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return try body() }
        defer { close(descriptor) }
        while flock(descriptor, exclusive ? LOCK_EX : LOCK_SH) != 0, errno == EINTR {}
        return try body()
    }

    /// The directory that holds `path` (`.` for a bare file name).
    static func directory(of path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        return directory.isEmpty ? "." : directory
    }
}
