import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A finished run of a program: wall time from spawn to exit, peak RSS, CPU time (in all and per
/// thread), exit status, and the machine's load when it started.
struct ChildProcess {
    var seconds: Double
    var peakRSS: Int
    /// User and system time of all its threads.
    var cpuSeconds: Double
    /// User and system time of each thread: its first thread first, then the busiest (``ThreadTimes``).
    var threadSeconds: [Double]
    var status: Int32
    /// The one-minute load average as it started: on a machine shared with other work, wall times are
    /// comparable only within a run, CPU times a little further.
    var loadAverage: Double?

    /// Runs `arguments` to completion with the streams of `setup`.
    ///
    /// - throws: ``BenchError`` when it cannot start or exits non-zero (naming its error file).
    static func run(_ arguments: [String], setup: Spawn.Setup = Spawn.Setup()) throws -> ChildProcess {
        let clock = ContinuousClock()
        let loadAverage = Self.loadAverage()
        let start = clock.now
        let pid = try Spawn.start(arguments, setup: setup)
        let memory = PeakMemory(watching: pid)
        let threads = ThreadTimes(watching: pid)
        let (status, cpuSeconds) = Spawn.waitCounting(pid)
        let run = ChildProcess(
            seconds: (clock.now - start).seconds, peakRSS: memory.stop(), cpuSeconds: cpuSeconds,
            threadSeconds: threads.stop(), status: status, loadAverage: loadAverage)
        guard status == 0 else {
            throw BenchError.failed(
                "\(arguments.joined(separator: " ")) exited with \(status) (stderr: \(setup.error))")
        }
        return run
    }

    /// The one-minute load average (`/proc/loadavg`); nil where there is none.
    static func loadAverage() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return nil }
        return text.split(separator: " ").first.flatMap { Double($0) }
    }
}
