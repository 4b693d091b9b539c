#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A new file under a unique name in the directory of the file it will replace,
/// renamed over that file by ``OutputCommit``.
///
/// Contract:
/// - Created with `O_CREAT | O_EXCL | O_NOFOLLOW` under a name no other run
///   uses (`.NAME.trove-PID-RANDOM.tmp`), so a planted symlink or FIFO, or a
///   second run writing the same output, is never followed or shared.
/// - Its mode is the replaced file's (a 0600 file stays 0600), or the umask's
///   for a new file.
/// - Removed when released unless committed, and on SIGINT, SIGTERM, SIGHUP and
///   SIGQUIT, with the files SQLite keeps beside it when it is filled as a database
///   (`-journal`, `-wal`, `-shm`: a backup's copy); a run killed outright leaves
///   them, and the next run writing a file in the same directory removes every
///   temporary (and such files) of a run whose process is gone, after finishing
///   the commits such runs left there (``OutputCommit/recover(beside:)``).
public final class TemporaryFile {
    /// The temporary's path.
    public let path: String
    /// The file it will replace.
    public let destination: String
    /// Open for writing until ``close()``.
    public let descriptor: Int32
    private var isOpen = true
    private var isCommitted = false

    /// Creates the temporary for `destination`, after finishing the commits killed
    /// runs left in its directory and removing temporaries that dead runs left there.
    ///
    /// - throws: ``OutputError`` of kind `cannotCreate`, naming `shownPath`.
    public init(for destination: String, shownPath: String) throws(OutputError) {
        Self.removeLeftovers(beside: destination)
        var existing = stat()
        let mode: mode_t? =
            stat(destination, &existing) == 0 && existing.st_mode & S_IFMT == S_IFREG
            ? existing.st_mode & 0o7777 : nil
        let prefix = OutputTarget.directory(of: destination) + "/" + Self.prefix(of: destination)
        var attempt = 0
        while true {
            let candidate = prefix + "\(getpid())-\(String(UInt32.random(in: .min ... .max), radix: 16)).tmp"
            // A signal between creating the file and registering it would leave the file behind, so
            // the cleanup signals wait until it is registered.
            let fd = TemporaryFileRegistry.holdingSignals {
                let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
                if fd >= 0 { TemporaryFileRegistry.add(candidate) }
                return fd
            }
            if fd >= 0 {
                if let mode, fchmod(fd, mode) != 0 {
                    let code = errno
                    Glibc.close(fd)
                    unlink(candidate)
                    throw .errno(shownPath, .cannotCreate, code)
                }
                path = candidate
                self.destination = destination
                descriptor = fd
                return
            }
            attempt += 1
            guard errno == EEXIST, attempt < 32 else { throw .errno(shownPath, .cannotCreate, errno) }
        }
    }

    deinit {
        if isOpen { Glibc.close(descriptor) }
        if !isCommitted {
            unlink(path)
            TemporaryFileRegistry.remove(path)
        }
    }

    /// Syncs and closes the file.
    ///
    /// - throws: ``OutputError`` of kind `io` (a full disk shows here on some file systems).
    public func close(shownPath: String) throws(OutputError) {
        guard isOpen else { return }
        let synced = fsync(descriptor) == 0
        let syncError = errno
        let closed = Glibc.close(descriptor) == 0
        isOpen = false
        guard synced, closed else { throw .errno(shownPath, .io, synced ? errno : syncError) }
    }

    /// Marks the temporary as renamed into place, so it is no longer removed.
    func markCommitted() {
        isCommitted = true
        TemporaryFileRegistry.remove(path)
    }

    /// `.NAME.trove-`: the start of every temporary's name for `destination`.
    static func prefix(of destination: String) -> String {
        "." + OutputTarget.name(of: destination) + ".trove-"
    }

    /// The files SQLite keeps beside a database at a path: removed with a temporary filled as one.
    public static let sqliteSidecars = ["-journal", "-wal", "-shm"]

    /// Removes the temporaries (and their SQLite files) in the directory of `destination` whose run is no
    /// longer alive, after finishing the commits dead runs left there, which may name some of them.
    public static func removeLeftovers(beside destination: String) {
        let directory = OutputTarget.directory(of: destination)
        let names = DirectoryListing.names(in: directory)
        for name in names where name.hasPrefix(".") && name.hasSuffix(OutputCommit.journalSuffix) {
            OutputCommit.recover(beside: directory + "/" + name.dropFirst().dropLast(OutputCommit.journalSuffix.count))
        }
        for name in names {
            guard let pid = runOfTemporary(named: name), !processIsAlive(pid) else { continue }
            unlink(directory + "/" + name)
        }
    }

    /// The process id in `name` when it is a temporary's name (`.NAME.trove-PID-HEX.tmp`, or SQLite's
    /// `-journal`, `-wal` or `-shm` beside one), else nil.
    static func runOfTemporary(named name: String) -> pid_t? {
        guard name.hasPrefix(".") else { return nil }
        var stem = Substring(name)
        if let sidecar = sqliteSidecars.first(where: { name.hasSuffix(".tmp" + $0) }) {
            stem = stem.dropLast(sidecar.count)
        }
        guard stem.hasSuffix(".tmp") else { return nil }
        let parts = stem.dropLast(".tmp".count).split(separator: "-", omittingEmptySubsequences: false)
        // kill(2) treats 0 and negative ids as process groups: such a name is none of trove's.
        guard parts.count >= 3, parts[parts.count - 3].hasSuffix(".trove"), let pid = pid_t(parts[parts.count - 2]),
            pid > 0, UInt32(parts[parts.count - 1], radix: 16) != nil
        else { return nil }
        return pid
    }

    /// Runs `body`, which builds an SQLite database at `path` under a name of this run's own (the new
    /// store `copy` fills before linking it into place), with `path` and SQLite's files beside it removed
    /// if SIGINT, SIGTERM, SIGHUP or SIGQUIT ends the run meanwhile, as a temporary's are.
    public static func removedOnSignal<T>(_ path: String, while body: () throws -> T) rethrows -> T {
        TemporaryFileRegistry.holdingSignals { TemporaryFileRegistry.add(path) }
        defer { TemporaryFileRegistry.remove(path) }
        return try body()
    }

    /// Whether a process with `pid` exists (one owned by another user counts).
    static func processIsAlive(_ pid: pid_t) -> Bool {
        pid == getpid() || kill(pid, 0) == 0 || errno == EPERM
    }
}

/// The names in a directory (empty when it cannot be read).
enum DirectoryListing {
    static func names(in directory: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }
}

/// The temporaries this process has open, removed by a signal handler when a
/// catchable signal ends the run (the handler may only call async-signal-safe
/// functions, so the paths are kept as C strings in fixed slots).
enum TemporaryFileRegistry {
    private static let capacity = 256
    nonisolated(unsafe) private static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let slots = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        slots.initialize(repeating: nil, count: capacity)
        return slots
    }()
    nonisolated(unsafe) private static var handlersInstalled = false
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    /// Registers `path` and the files SQLite would keep beside it (``TemporaryFile/sqliteSidecars``).
    static func add(_ path: String) {
        installHandlers()
        var names = [path] + TemporaryFile.sqliteSidecars.map { path + $0 }
        for index in 0..<capacity where slots[index] == nil {
            guard let name = names.popLast() else { return }
            slots[index] = strdup(name)
        }
    }

    /// Runs `body` with the cleanup signals blocked (after installing their handlers), so that a signal
    /// arriving meanwhile is handled once `body` has registered what it created.
    static func holdingSignals<T>(_ body: () -> T) -> T {
        installHandlers()
        var blocked = sigset_t()
        var previous = sigset_t()
        sigemptyset(&blocked)
        for signal in signals { sigaddset(&blocked, signal) }
        sigprocmask(SIG_BLOCK, &blocked, &previous)
        defer { sigprocmask(SIG_SETMASK, &previous, nil) }
        return body()
    }

    /// Unregisters `path` and the files beside it that ``add(_:)`` registered.
    static func remove(_ path: String) {
        let names = Set([path] + TemporaryFile.sqliteSidecars.map { path + $0 })
        for index in 0..<capacity {
            guard let slot = slots[index], names.contains(String(cString: slot)) else { continue }
            slots[index] = nil
            free(slot)
        }
    }

    /// Installs the cleanup handler for each signal that is not ignored (under `nohup`, SIGHUP stays
    /// ignored), and unblocks those signals: a mask inherited from the parent would otherwise hold
    /// them until the run ends.
    private static func installHandlers() {
        guard !handlersInstalled else { return }
        handlersInstalled = true
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for signal in signals {
            var current = sigaction()
            sigaction(signal, nil, &current)
            let ignored =
                unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self)
                == unsafeBitCast(SIG_IGN, to: Int.self)
            guard !ignored else { continue }
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { signal in
                TemporaryFileRegistry.removeAll()
                Glibc.signal(signal, SIG_DFL)
                raise(signal)
            }
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, nil)
            sigaddset(&unblocked, signal)
        }
        sigprocmask(SIG_UNBLOCK, &unblocked, nil)
    }

    /// Unlinks every registered temporary and the files beside it (async-signal-safe).
    static func removeAll() {
        for index in 0..<capacity {
            if let slot = slots[index] { unlink(slot) }
        }
    }
}
