import CLibc
import Foundation

/// Keeps the kernel writing a store's dirty pages to disk while an import writes it, so that each
/// checkpoint's `fsync`s find little left to write.
///
/// Contract:
/// - From ``start()`` to ``stop()``, a thread of its own asks Linux every ``interval`` to start writing
///   back the store file's and its WAL's dirty pages (`sync_file_range` with `SYNC_FILE_RANGE_WRITE`),
///   and does not wait for them. It is a hint: what SQLite syncs, and when, is unchanged, so every
///   guarantee of the WAL holds as before.
/// - It never opens either file: it asks through a descriptor this process already holds on it (found
///   by device and inode among `/proc/self/fd`), because closing any descriptor of a file drops every
///   POSIX lock the process holds on it, SQLite's included. A file without such a descriptor (a WAL not
///   created yet) is skipped until the next request.
/// - The thread asks at least once, however soon it is stopped; ``stop()`` returns once the thread has
///   ended, and is safe to call more than once.
///
/// Implementation note: a 1 GB import into a new store writes about 2.8 GB of pages to the WAL and
/// again to the store. Linux starts writing dirty pages back only past 10% of memory or after 30 s, so
/// each checkpoint (every 160 MB of WAL) found all of them unwritten and its two `fdatasync`s waited on
/// the disk: 1.1 s of a 200 MB import's 8 s, all on the writer's thread. Asked every 20 ms, the disk
/// writes while the writer computes: the `fdatasync`s took 0.22 s, and 1 GB went from 47.0 / 48.0 s to
/// 42.0 / 39.8 s in alternating runs (release; DECISIONS.md 77).
final class WritebackPacer: @unchecked Sendable {
    // @unchecked: `stopping` is guarded by `condition`; `descriptors` and `requests` belong to the
    // pacer's thread, and `requests` is read after `done`, which that thread signals last.

    /// How long the pacer waits between two requests.
    static let interval: TimeInterval = 0.020

    private let paths: [String]
    private let condition = NSCondition()
    private var stopping = false
    private var started = false
    private let done = DispatchSemaphore(value: 0)
    /// The descriptor last found for each of `paths`.
    private var descriptors: [Int32?]
    private var requests = 0

    /// A pacer for the store at `storePath` and its WAL; nothing runs before ``start()``.
    init(storePath: String) {
        paths = [storePath, storePath + "-wal"]
        descriptors = [nil, nil]
    }

    /// Starts the pacer's thread.
    func start() {
        guard !started else { return }
        started = true
        let thread = Thread { [self] in run() }
        thread.name = "trove writeback"
        thread.start()
    }

    /// Stops the pacer and waits for its thread to end; returns how many writeback requests the kernel
    /// accepted (for tests).
    @discardableResult
    func stop() -> Int {
        guard started else { return 0 }
        condition.lock()
        let wasStopping = stopping
        stopping = true
        condition.signal()
        condition.unlock()
        if !wasStopping { done.wait() }
        return requests
    }

    /// Requests writeback of each file, at least once, until stopped.
    private func run() {
        condition.lock()
        repeat {
            condition.unlock()
            for index in paths.indices { requestWriteback(index) }
            condition.lock()
            if !stopping { _ = condition.wait(until: Date(timeIntervalSinceNow: Self.interval)) }
        } while !stopping
        condition.unlock()
        done.signal()
    }

    private func requestWriteback(_ index: Int) {
        var file = stat()
        guard stat(paths[index], &file) == 0 else { return }
        // A descriptor SQLite closed meanwhile, or one reused for another file, fails this check or
        // costs one hint on a file that is not the store; neither harms anything.
        if let known = descriptors[index], Self.descriptor(known, isFile: file) {
            if trove_start_writeback(known) == 0 { requests += 1 }
            return
        }
        descriptors[index] = Self.openDescriptor(of: file)
        if let found = descriptors[index], trove_start_writeback(found) == 0 { requests += 1 }
    }

    private static func descriptor(_ descriptor: Int32, isFile file: stat) -> Bool {
        var status = stat()
        return fstat(descriptor, &status) == 0 && status.st_dev == file.st_dev && status.st_ino == file.st_ino
    }

    /// A descriptor of this process open on `file`, if any.
    private static func openDescriptor(of file: stat) -> Int32? {
        guard let directory = opendir("/proc/self/fd") else { return nil }
        defer { closedir(directory) }
        let own = dirfd(directory)
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard let number = Int32(name), number != own, descriptor(number, isFile: file) else { continue }
            return number
        }
        return nil
    }
}
