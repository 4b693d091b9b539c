import Foundation

/// A file beside a store on which a process holds an exclusive `flock` for as long as a piece of its
/// work runs (a search index build, an import run), so that another process can tell that work still
/// running from work whose process died: the kernel lets the lock go when the process ends, however it
/// ends, and the file stays behind to say the work began.
///
/// Contract:
/// - ``init(creating:mode:)`` creates the file (never an existing name, never through a symlink) and
///   holds its lock until ``remove()`` or the process ends.
/// - ``isHeld(_:)`` is true only while some process holds the lock; a missing file, or one this process
///   cannot open, is not held. It takes a shared lock for an instant, so two probes do not disturb each
///   other, and it opens the file read-only, so it works on a store opened read-only.
/// - ``unlessHeld(_:)`` takes the lock of a file no process holds (its work was abandoned), so that
///   the file can be removed without a process taking it up meanwhile; a file this process cannot open
///   (another user's, unreadable) is left alone, since whether its work runs cannot be told.
/// - ``mode(readableLike:owner:)`` gives such a file the store's read permissions, so every user who
///   can open the store can probe it.
///
/// Implementation note: `flock` rather than a process id written into the file: a process id is
/// reused, names nothing on another host sharing the store over NFS (where Linux carries `flock` to the
/// server as a byte-range lock every client sees) or in another PID namespace, and a reader would need
/// the boot id and start time as well to trust it. A `flock` belongs to an open file description, so a
/// probe from the process holding the lock, through a descriptor of its own, also sees it held.
final class LockedFile {
    /// The file's path.
    let path: String
    /// The open descriptor that holds the lock; -1 for a file that could not be opened (``unlessHeld(_:)``).
    private var descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    /// Creates the file at `path` with the permission bits `mode` (the umask does not apply) and takes
    /// its lock.
    ///
    /// - throws: ``StoreError/cannotCreate(path:reason:)`` when `path` exists or cannot be created.
    init(creating path: String, mode: mode_t = 0o600) throws(StoreError) {
        self.path = path
        descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode)
        guard descriptor >= 0 else {
            throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
        }
        fchmod(descriptor, mode)
        while flock(descriptor, LOCK_EX) != 0, errno == EINTR {}
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// `owner`'s bits for the file's owner, and the read bits of the store at `storePath` for the others
    /// (0o444 when it cannot be read): whoever can read the store can then probe the lock.
    static func mode(readableLike storePath: String, owner: mode_t) -> mode_t {
        var status = stat()
        let readable = stat(storePath, &status) == 0 ? status.st_mode & 0o444 : 0o444
        return readable | owner
    }

    /// Whether a process holds the lock on the file at `path`.
    static func isHeld(_ path: String) -> Bool {
        let probe = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard probe >= 0 else { return false }
        defer { close(probe) }
        return flock(probe, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK
    }

    /// The file at `path` with its lock taken, when no process holds it (also when it is missing:
    /// ``remove()`` then only unlinks the name); nil while a process holds it, or when the file exists
    /// and cannot be opened (another user's: its work may be running).
    static func unlessHeld(_ path: String) -> LockedFile? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        if descriptor < 0, errno != ENOENT { return nil }
        if descriptor >= 0, flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            close(descriptor)
            return nil
        }
        return LockedFile(path: path, descriptor: descriptor)
    }

    /// Removes the file, then lets its lock go: a process that probes in between finds no file.
    func remove() {
        unlink(path)
        release()
    }

    /// Lets the lock go and leaves the file.
    func release() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
    }
}
