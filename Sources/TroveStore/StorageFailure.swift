import GRDB

/// Whether an error from the store is the disk's fault (full, a file size
/// limit, an I/O error) rather than the data's or trove's, so that commands
/// can say so and exit 74.
public enum StorageFailure {
    /// The SQLite result is SQLITE_FULL or SQLITE_IOERR (any extended code).
    public static func isIOError(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return error.resultCode == .SQLITE_FULL || error.resultCode == .SQLITE_IOERR
    }
}
