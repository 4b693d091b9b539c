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
    /// Ctrl-C and Ctrl-\ belong to the pager meanwhile, and a pager that quits before reading everything
    /// is no error.
    public func page(_ text: String) throws {
        let command = environment["PAGER"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultPager
        try suspended(ignoring: [SIGINT, SIGQUIT, SIGPIPE]) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", command]
            let pipe = Pipe()
            process.standardInput = pipe
            try process.run()
            // Only the pager may hold the reading end: once it exits, a write fails instead of waiting.
            try? pipe.fileHandleForReading.close()
            let descriptor = pipe.fileHandleForWriting.fileDescriptor
            var bytes = Array(text.utf8)[...]
            while !bytes.isEmpty {
                let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { break }
                bytes = bytes.dropFirst(written)
            }
            try? pipe.fileHandleForWriting.close()
            process.waitUntilExit()
        }
    }
}
