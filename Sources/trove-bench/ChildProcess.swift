#if canImport(Glibc)
    import Glibc
#endif

/// A finished run of a program: wall time from spawn to exit, peak RSS, exit status.
struct ChildProcess {
    var seconds: Double
    var peakRSS: Int
    var status: Int32

    /// Runs `arguments` to completion with the streams of `setup`.
    ///
    /// - throws: ``BenchError`` when it cannot start or exits non-zero (naming its error file).
    static func run(_ arguments: [String], setup: Spawn.Setup = Spawn.Setup()) throws -> ChildProcess {
        let clock = ContinuousClock()
        let start = clock.now
        let pid = try Spawn.start(arguments, setup: setup)
        let memory = PeakMemory(watching: pid)
        let status = Spawn.wait(pid)
        let run = ChildProcess(seconds: (clock.now - start).seconds, peakRSS: memory.stop(), status: status)
        guard status == 0 else {
            throw BenchError.failed(
                "\(arguments.joined(separator: " ")) exited with \(status) (stderr: \(setup.error))")
        }
        return run
    }
}
