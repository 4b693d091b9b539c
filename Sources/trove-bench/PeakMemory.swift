import Foundation
import Synchronization

/// Watches a running child's peak resident memory (`VmHWM` in `/proc/PID/status`) from a background
/// thread until stopped.
///
/// `wait4`'s `ru_maxrss` cannot be used: `posix_spawn` starts the child in this process's address space
/// (`CLONE_VM`), and Linux keeps that space's high-water mark in the child's `ru_maxrss` across `exec`, so
/// every child would report at least this benchmark's own peak.
final class PeakMemory: Sendable {
    private let pid: pid_t
    private let state = Mutex((peak: 0, stopped: false))
    private let done = DispatchSemaphore(value: 0)
    /// How often the mark is read; growth in the child's last interval before it exits can be missed.
    static let interval: Duration = .milliseconds(10)

    /// Starts watching `pid`.
    init(watching pid: pid_t) {
        self.pid = pid
        let thread = Thread { [self] in
            while !state.withLock({ $0.stopped }) {
                if let mark = Self.highWaterMark(of: pid) { state.withLock { $0.peak = max($0.peak, mark) } }
                Thread.sleep(forTimeInterval: Self.interval.seconds)
            }
            done.signal()
        }
        thread.start()
    }

    /// Reads the mark once more (when the child is still there), stops watching and returns the peak in bytes.
    func stop() -> Int {
        let last = Self.highWaterMark(of: pid) ?? 0
        let wasStopped = state.withLock { state in
            defer { state.stopped = true }
            return state.stopped
        }
        if !wasStopped { done.wait() }
        return state.withLock { max($0.peak, last) }
    }

    /// The `VmHWM` of `pid` in bytes; nil once it has exited.
    static func highWaterMark(of pid: pid_t) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return nil }
        return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }.map { $0 * 1024 }
    }
}
