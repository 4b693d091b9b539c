#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Renames finished temporaries over their destinations as one unit: an
/// export's train and valid files and their manifests, or a mix and its manifest.
///
/// Contract:
/// - With more than one file, the temporary → destination pairs are first
///   written to a journal beside the first destination (`.NAME.trove-commit`,
///   itself renamed into place: that rename is the commit point), then renamed
///   one by one, then the journal is removed.
/// - A run killed before the commit point leaves every destination as it was;
///   a run killed after it leaves a journal that the next run writing the
///   same output finishes (``recover(beside:)``) before it writes anything, so
///   the files are all old or all new, never some of each, and a manifest
///   always describes the files beside it.
/// - SIGINT, SIGTERM, SIGHUP and SIGQUIT are held while the renames run, so only
///   SIGKILL or a power loss can stop a commit in the middle.
///
/// ```swift
/// try train.finish(); try valid.finish(); try manifest.finish()
/// try OutputCommit.publish([train, valid, manifest])
/// ```
public enum OutputCommit {
    /// Renames every writer's temporary over its destination (streams are skipped).
    ///
    /// - throws: ``OutputError`` of kind `io` when the journal or a rename fails.
    public static func publish(_ writers: [JSONLinesWriter]) throws(OutputError) {
        let files = writers.compactMap { writer in writer.temporary.map { (writer.path, $0) } }
        guard let first = files.first else { return }
        var blocked = sigset_t()
        var previous = sigset_t()
        sigemptyset(&blocked)
        for signal in TemporaryFileRegistry.signals { sigaddset(&blocked, signal) }
        sigprocmask(SIG_BLOCK, &blocked, &previous)
        defer { sigprocmask(SIG_SETMASK, &previous, nil) }
        let journal = files.count > 1 ? journalPath(beside: first.1.destination) : nil
        if let journal {
            var entries: [UInt8] = Array("\(getpid())".utf8) + [0]
            for (_, temporary) in files {
                entries += Array(temporary.path.utf8) + [0] + Array(temporary.destination.utf8) + [0]
            }
            let record = try TemporaryFile(for: journal, shownPath: first.0)
            try write(entries, to: record, shownPath: first.0)
            try record.close(shownPath: first.0)
            FaultInjection.point("commit")
            guard rename(record.path, journal) == 0 else { throw .errno(first.0, .io, errno) }
            record.markCommitted()
        }
        for (index, (shownPath, temporary)) in files.enumerated() {
            FaultInjection.point("rename-\(index)")
            guard rename(temporary.path, temporary.destination) == 0 else { throw .errno(shownPath, .io, errno) }
            temporary.markCommitted()
        }
        FaultInjection.point("journal-removal")
        if let journal { unlink(journal) }
    }

    /// Finishes a commit that a killed run left beside `destination`: renames
    /// each temporary its journal lists that still exists, then removes the
    /// journal. A journal whose run is still alive is left to that run.
    public static func recover(beside destination: String) {
        let journal = journalPath(beside: destination)
        let fd = open(journal, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(fd, &chunk, chunk.count)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += chunk[..<count]
        }
        Glibc.close(fd)
        let fields = bytes.split(separator: 0, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
        guard let pid = fields.first.flatMap({ pid_t($0) }), !TemporaryFile.processIsAlive(pid) || pid == getpid()
        else { return }
        var index = 1
        while index + 1 < fields.count {
            var info = stat()
            if lstat(fields[index], &info) == 0 { rename(fields[index], fields[index + 1]) }
            index += 2
        }
        unlink(journal)
    }

    /// How a commit journal's name ends: `.NAME` + this, beside the first destination `NAME`.
    static let journalSuffix = ".trove-commit"

    static func journalPath(beside destination: String) -> String {
        OutputTarget.directory(of: destination) + "/." + OutputTarget.name(of: destination) + journalSuffix
    }

    private static func write(_ bytes: [UInt8], to file: TemporaryFile, shownPath: String) throws(OutputError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(file.descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw .errno(shownPath, .io, errno)
            }
            offset += written
        }
    }
}

/// Named points where the crash-safety tests kill trove (docs/reliability.md):
/// with `TROVE_KILL_AT=NAME` in the environment, the process sends itself
/// SIGKILL on reaching the point `NAME`, or the signal whose number
/// `TROVE_KILL_SIGNAL` gives (15 for SIGTERM, which trove's cleanup handles).
/// Unset, a point is one environment lookup.
package enum FaultInjection {
    package static func point(_ name: String) {
        guard let wanted = getenv("TROVE_KILL_AT"), String(cString: wanted) == name else { return }
        let number = getenv("TROVE_KILL_SIGNAL").flatMap { Int32(String(cString: $0)) }
        kill(getpid(), number ?? SIGKILL)
    }
}
