#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Output for commands: results on stdout, messages on stderr, written with
/// `write(2)` so that no C stream globals are shared across threads.
enum Console {
    static func output(_ text: String) {
        write(text, to: 1)
    }

    /// One message line on stderr.
    static func error(_ line: String) {
        write(line + "\n", to: 2)
    }

    /// Text on stderr as is (for progress lines drawn in place).
    static func errorText(_ text: String) {
        write(text, to: 2)
    }

    /// Whether stderr is a terminal, so progress lines may be drawn in place.
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    private static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { raw in
                #if canImport(Glibc)
                    Glibc.write(descriptor, raw.baseAddress, raw.count)
                #else
                    Darwin.write(descriptor, raw.baseAddress, raw.count)
                #endif
            }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }
}
