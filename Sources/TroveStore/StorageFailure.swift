import Foundation
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

    /// Whether `error` (one ``isIOError(_:)`` accepts) is the full disk holding `path`: SQLITE_FULL, or
    /// an I/O error while the file system there has no block left for this user (SQLite reports a `-shm`
    /// file it cannot create or grow as "disk I/O error").
    public static func isDiskFull(_ error: any Error, at path: String) -> Bool {
        if (error as? DatabaseError)?.resultCode == .SQLITE_FULL { return true }
        var info = statvfs()
        let directory = (path as NSString).deletingLastPathComponent
        return statvfs(directory.isEmpty ? "." : directory, &info) == 0 && info.f_bavail == 0
    }
}
