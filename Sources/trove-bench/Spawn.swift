import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Starts programs with `posix_spawnp` and reaps them.
enum Spawn {
    /// How a child's standard streams and session are set up.
    struct Setup {
        /// The file opened as standard input.
        var input = "/dev/null"
        /// The file standard output is written to (truncated).
        var output = "/dev/null"
        /// The file standard error is written to (truncated).
        var error = "/dev/null"
        /// A terminal to open as all three streams, in a new session, instead of the files above.
        var terminal: String?
    }

    /// The environment children get: this process's, with `TERM` set and a UTF-8 locale when none is set.
    static let environment: [String] = {
        var variables = ProcessInfo.processInfo.environment
        variables["TERM"] = "xterm-256color"
        if variables["LC_ALL"] == nil, variables["LC_CTYPE"] == nil, variables["LANG"] == nil {
            variables["LANG"] = "C.UTF-8"
        }
        return variables.map { "\($0.key)=\($0.value)" }
    }()

    /// glibc's `POSIX_SPAWN_SETSID`, which its headers show only under `_GNU_SOURCE`.
    private static let newSession: Int16 = 0x80

    /// Starts `arguments` (the first one found on `PATH`) and returns its process id.
    static func start(_ arguments: [String], setup: Setup = Setup()) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        if let terminal = setup.terminal {
            // A session leader that opens a terminal makes it its controlling terminal.
            posix_spawnattr_setflags(&attributes, Self.newSession)
            posix_spawn_file_actions_addopen(&actions, 0, terminal, O_RDWR, 0)
            posix_spawn_file_actions_adddup2(&actions, 0, 1)
            posix_spawn_file_actions_adddup2(&actions, 0, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, setup.input, O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, setup.output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            posix_spawn_file_actions_addopen(&actions, 2, setup.error, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            for string in argv + envp { free(string) }
        }
        var pid: pid_t = 0
        let result = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw BenchError.failed("cannot start \(arguments[0]): \(String(cString: strerror(result)))")
        }
        return pid
    }

    /// Waits for `pid` to end and returns its exit status (128 + signal when killed).
    static func wait(_ pid: pid_t) -> Int32 {
        waitCounting(pid).status
    }

    /// Waits for `pid` to end and returns its exit status (128 + signal when killed) and the CPU time it
    /// used, user and system, in seconds (its threads together).
    static func waitCounting(_ pid: pid_t) -> (status: Int32, cpuSeconds: Double) {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0, errno == EINTR {}
        let signal = status & 0x7f
        let cpu = [usage.ru_utime, usage.ru_stime].reduce(0) { $0 + Double($1.tv_sec) + Double($1.tv_usec) / 1e6 }
        return (signal == 0 ? (status >> 8) & 0xff : 128 + signal, cpu)
    }

    /// Whether `name` is an executable on `PATH`.
    static func isInstalled(_ name: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { access("\($0)/\(name)", X_OK) == 0 }
    }
}
