import Foundation
import Synchronization

/// Watches the CPU time of each thread of a running child (`/proc/PID/task/TID/stat`) from a background
/// thread until stopped, to tell which thread bounds a run that uses several cores (trove's import: the
/// caller's thread writes SQLite, a second one reads and prepares).
///
/// A thread's time after its last reading (at most one interval) is missed, so the threads' sum can fall
/// a little short of the process's total from `wait4`.
final class ThreadTimes: Sendable {
    private let pid: pid_t
    private let state = Mutex((seconds: [pid_t: Double](), stopped: false))
    private let done = DispatchSemaphore(value: 0)
    /// How often the threads are read.
    static let interval: Duration = .milliseconds(10)
    private static let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))

    /// Starts watching `pid`.
    init(watching pid: pid_t) {
        self.pid = pid
        let thread = Thread { [self] in
            while !state.withLock({ $0.stopped }) {
                let readings = Self.threadSeconds(of: pid)
                state.withLock { state in state.seconds.merge(readings) { max($0, $1) } }
                Thread.sleep(forTimeInterval: Self.interval.seconds)
            }
            done.signal()
        }
        thread.start()
    }

    /// Stops watching and returns each thread's CPU seconds: the process's first thread first, then the
    /// others, busiest first.
    func stop() -> [Double] {
        let wasStopped = state.withLock { state in
            defer { state.stopped = true }
            return state.stopped
        }
        if !wasStopped { done.wait() }
        let seconds = state.withLock { $0.seconds }
        let others = seconds.filter { $0.key != pid }.values.sorted(by: >)
        return (seconds[pid].map { [$0] } ?? []) + others
    }

    /// User and system seconds of each thread of `pid` now; empty once it has exited.
    static func threadSeconds(of pid: pid_t) -> [pid_t: Double] {
        let directory = "/proc/\(pid)/task"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [:] }
        var seconds: [pid_t: Double] = [:]
        for name in names {
            guard let tid = pid_t(name),
                let stat = try? String(contentsOfFile: "\(directory)/\(name)/stat", encoding: .utf8),
                let ticks = cpuTicks(stat)
            else { continue }
            seconds[tid] = Double(ticks) / ticksPerSecond
        }
        return seconds
    }

    /// utime + stime of a `stat` line: the 14th and 15th fields, counted past the name in parentheses
    /// (which may hold spaces).
    static func cpuTicks(_ stat: String) -> Int? {
        guard let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // Past the name, field 3 (the state) is the first.
        guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) else { return nil }
        return user + system
    }
}
