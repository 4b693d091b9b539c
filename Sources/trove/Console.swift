#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Output for commands: results on stdout, messages on stderr.
enum Console {
    static func output(_ text: String) {
        fputs(text, stdout)
    }

    static func error(_ line: String) {
        fputs(line + "\n", stderr)
    }

    /// Whether stderr is a terminal, so progress lines may be drawn in place.
    static var stderrIsTerminal: Bool { isatty(2) == 1 }
}
