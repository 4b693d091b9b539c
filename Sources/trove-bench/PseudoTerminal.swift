#if canImport(Glibc)
    import Glibc
#endif

/// A program running in a pseudo-terminal of a fixed size, as if a person had started it in a terminal
/// window. Its output is read as it comes, timed, and interpreted into ``screen``.
///
/// ```swift
/// let session = try PseudoTerminal(["trove", "review", "--store", path], columns: 120, rows: 40)
/// let drawn = session.wait(until: { $0.line(39).contains("help") }, timeout: .seconds(10))
/// let run = session.finish(quitting: Array("q".utf8))
/// ```
final class PseudoTerminal {
    /// When the program was spawned.
    let startedAt: ContinuousClock.Instant
    /// What the program has drawn so far.
    private(set) var screen: TerminalScreen
    private let pid: pid_t
    private let controller: Int32
    private var isClosed = false
    private let memory: PeakMemory
    private var exited: (status: Int32, peakRSS: Int)?
    private let clock = ContinuousClock()

    init(_ arguments: [String], columns: Int, rows: Int) throws {
        var controller: Int32 = -1
        var terminal: Int32 = -1
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&controller, &terminal, nil, nil, &size) == 0, let name = ttyname(terminal) else {
            throw BenchError.failed("cannot open a pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        let path = String(cString: name)
        _ = fcntl(controller, F_SETFD, FD_CLOEXEC)
        _ = fcntl(terminal, F_SETFD, FD_CLOEXEC)
        self.controller = controller
        self.screen = TerminalScreen(columns: columns, rows: rows)
        startedAt = clock.now
        // The child opens the terminal by name, so that it becomes its controlling terminal. posix_spawn
        // returns once the child has exec'd, so closing this end then lets end of file mean the child exited.
        defer { close(terminal) }
        do {
            pid = try Spawn.start(arguments, setup: Spawn.Setup(terminal: path))
            memory = PeakMemory(watching: pid)
        } catch {
            close(controller)
            throw error
        }
    }

    deinit {
        if exited == nil {
            _ = memory.stop()
            kill(pid, SIGKILL)
            _ = Spawn.wait(pid)
        }
        close(controller)
    }

    /// Reads output until `condition` holds for the screen; the instant of the read that made it hold, or
    /// nil when `timeout` passed or the program closed the terminal first.
    func wait(until condition: (TerminalScreen) -> Bool, timeout: Duration) -> ContinuousClock.Instant? {
        if condition(screen) { return clock.now }
        let deadline = clock.now + timeout
        while let arrived = read(before: deadline) {
            if condition(screen) { return arrived }
        }
        return nil
    }

    /// Reads until the program has written something and then been quiet for `quiet`: the instant its
    /// last byte arrived, or nil when nothing came within `timeout`.
    func settle(quiet: Duration, timeout: Duration) -> ContinuousClock.Instant? {
        guard var last = read(before: clock.now + timeout) else { return nil }
        while let arrived = read(before: clock.now + quiet) { last = arrived }
        return last
    }

    /// Reads and drops output until the program has been quiet for `quiet`.
    func drain(quiet: Duration) {
        while read(before: clock.now + quiet) != nil {}
    }

    /// Writes `bytes` as typed keys and returns the instant just before the write.
    @discardableResult
    func send(_ bytes: [UInt8]) -> ContinuousClock.Instant {
        let sentAt = clock.now
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(controller, $0.baseAddress, $0.count) }
            if written > 0 { offset += written } else if errno != EINTR { break }
        }
        return sentAt
    }

    /// The program's peak RSS so far, in bytes (0 once it has exited).
    var peakRSSSoFar: Int { PeakMemory.highWaterMark(of: pid) ?? 0 }

    /// Notes the program's peak RSS so far, types `keys` (when given), waits up to `grace` for the program
    /// to exit, kills it otherwise, and returns its exit status and that peak.
    func finish(quitting keys: [UInt8] = [], grace: Duration = .seconds(5)) -> (status: Int32, peakRSS: Int) {
        if let exited { return exited }
        let peakRSS = memory.stop()
        if !keys.isEmpty { send(keys) }
        let deadline = clock.now + grace
        // Keep reading so the program is never blocked writing its last frame; end of file means it closed
        // the terminal, which it does by exiting.
        while !isClosed, clock.now < deadline { _ = read(before: min(deadline, clock.now + .milliseconds(20))) }
        if !isClosed { kill(pid, SIGKILL) }
        let result = (Spawn.wait(pid), peakRSS)
        exited = result
        return result
    }

    /// Reads what is available before `deadline` into the screen: the instant it arrived, nil on timeout
    /// or once the program has closed the terminal.
    private func read(before deadline: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        guard !isClosed else { return nil }
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let remaining = deadline - clock.now
            guard remaining > .zero else { return nil }
            var descriptor = pollfd(fd: controller, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(clamping: Int((remaining.seconds * 1000).rounded(.up)))
            let ready = poll(&descriptor, 1, milliseconds)
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else { return nil }
            let count = buffer.withUnsafeMutableBytes { Glibc.read(controller, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                isClosed = true
                return nil
            }
            let arrived = clock.now
            screen.feed(buffer[..<count])
            return arrived
        }
    }
}
