import Foundation
import TroveUI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension CursesTerminal {
    /// The pager when `$PAGER` names none.
    public static let defaultPager = "less -R"

    /// Runs `$PAGER` (else ``defaultPager``) through `/bin/sh` with `text` on its standard input, curses
    /// mode left for the while, then redraws the screen as it was.
    ///
    /// Ctrl-C and Ctrl-\ belong to the pager meanwhile (it runs in the terminal's foreground,
    /// ``ForegroundCommand``), and a pager that quits before reading everything is no error.
    ///
    /// - throws: ``TerminalError/pagerFailed(_:)`` when the pager exits with a failure,
    ///   ``TerminalError/cannotRun(_:reason:)`` when the shell cannot be started.
    public func page(_ text: String) throws {
        let command = environment["PAGER"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultPager
        let status = try suspended(ignoring: [SIGINT, SIGQUIT, SIGPIPE]) {
            try ForegroundCommand.run(command, input: Array(text.utf8))
        }
        guard status == 0 else {
            throw TerminalError.pagerFailed("\(command) exited with status \(status)")
        }
    }
}
