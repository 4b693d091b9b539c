import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A shell command run in the terminal's foreground while the review is suspended (a pager, an editor).
///
/// Foundation's `Process` starts a child in a process group of its own, which the terminal treats as a
/// background job: a pager's or an editor's read of the terminal then fails (EIO, or a stop by SIGTTIN)
/// and it exits at once. This starts the child in trove's own process group, the foreground one, with
/// the signals trove ignores meanwhile (Ctrl-C, Ctrl-\, a closed pipe) back at their defaults and none
/// blocked, so the child owns the keyboard as it would started from a shell.
enum ForegroundCommand {
    /// Runs `/bin/sh -c script` with `arguments` as `$1`, `$2`…, writes `input` (when given) to its
    /// standard input, waits for it and returns its exit status (128 + the signal when one ended it).
    /// Input the command does not read is no error (a pager quit early).
    ///
    /// - throws: ``TerminalError/cannotRun(_:reason:)`` when the shell cannot be started.
    static func run(_ script: String, arguments: [String] = [], input: [UInt8]? = nil) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGQUIT, SIGPIPE, SIGTSTP, SIGTTIN, SIGTTOU] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        // The pipe's ends are closed on exec: the child keeps only its standard input.
        var pipeEnds: [Int32] = [-1, -1]
        if input != nil {
            guard pipe(&pipeEnds) == 0 else {
                throw TerminalError.cannotRun(script, reason: String(cString: strerror(errno)))
            }
            for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
            posix_spawn_file_actions_adddup2(&actions, pipeEnds[0], 0)
        }
        defer { for end in pipeEnds where end >= 0 { close(end) } }

        let argv = (["/bin/sh", "-c", script, "sh"] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var pid: pid_t = 0
        let started = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, environ)
        guard started == 0 else { throw TerminalError.cannotRun(script, reason: String(cString: strerror(started))) }

        if let input {
            // Only the child may hold the reading end: once it exits, a write fails instead of waiting.
            close(pipeEnds[0])
            pipeEnds[0] = -1
            var bytes = input[...]
            while !bytes.isEmpty {
                let written = bytes.withUnsafeBytes { write(pipeEnds[1], $0.baseAddress, $0.count) }
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { break }
                bytes = bytes.dropFirst(written)
            }
            close(pipeEnds[1])
            pipeEnds[1] = -1
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else {
                throw TerminalError.cannotRun(
                    script, reason: "its end was not seen: \(String(cString: strerror(errno)))")
            }
        }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}
