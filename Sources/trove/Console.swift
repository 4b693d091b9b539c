import ArgumentParser
import Foundation
import TroveCore
import TroveStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Output for commands: results on stdout, messages on stderr, written with
/// `write(2)` so that no C stream globals are shared across threads.
///
/// Everything printed is made inert first (``inert(_:)``): controls and bidi
/// characters from data (an id, a reviewer name, a bad value) are shown as
/// escapes, never sent to the terminal raw. Line feeds and tabs pass, so text keeps its lines; a
/// message that quotes data passes the data through ``visible(_:)``, which
/// escapes line feeds too, so one message stays one line.
enum Console {
    /// A result on stdout. A write that fails (a full disk behind a redirect)
    /// ends the run with a message and exit status 74: a result that did not
    /// arrive is not a success.
    static func output(_ text: String) {
        let failure = write(inert(text), to: 1)
        guard failure != 0 else { return }
        _ = write("trove: cannot write to standard output: \(String(cString: strerror(failure)))\n", to: 2)
        exit(TroveExitCode.ioError)
    }

    /// Runs `body`, which writes a command's outputs, and turns what stops it before they are in place
    /// into a message and its exit status: an ``OutputError`` by its kind (64, 73 or 74), a damaged
    /// store row or record 65. Nothing was written then: outputs are published only at the end.
    static func reportingWriteFailures(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as OutputError {
            Console.error("trove: \(error)")
            throw ExitCode(TroveExitCode.of(error))
        } catch let error as StoreError where error.isDamage {
            Console.error("trove: \(error); nothing was written")
            throw ExitCode(TroveExitCode.dataError)
        } catch let error as AlteredRecordError {
            Console.error("trove: \(error); nothing was written")
            throw ExitCode(TroveExitCode.dataError)
        }
    }

    /// Standard output as a stream that a command writes a piece at a time (`show` of a 300 MB record):
    /// pieces are gathered up to 64 KB and written with ``output(_:)``, which makes each inert and exits
    /// 74 when the write fails.
    struct StandardOutput: TextOutputStream {
        private var pending = ""

        mutating func write(_ text: String) {
            pending += text
            if pending.utf8.count >= 1 << 16 { flush() }
        }

        /// Writes what is gathered; call it once the command has written everything.
        mutating func flush() {
            guard !pending.isEmpty else { return }
            Console.output(pending)
            pending = ""
        }
    }

    /// One message line on stderr.
    static func error(_ line: String) {
        _ = write(inert(line) + "\n", to: 2)
    }

    /// Text on stderr as is (for progress lines drawn in place; callers pass no data unescaped).
    static func errorText(_ text: String) {
        _ = write(text, to: 2)
    }

    /// `text` from data made safe to quote inside one message line: controls
    /// (line feeds included) and bidi characters become escapes.
    static func visible(_ text: String) -> String {
        TrajectoryReport.visibleOnOneLine(text)
    }

    /// `text` with every control except the line feed and tab, and every bidi
    /// character, written as `\uXXXX`: inert on a terminal, and still valid
    /// JSON inside a string (JSON output escapes C0 itself; C1 and bidi pass it).
    static func inert(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: false
        case 0..<0x20, 0x7F, 0x80..<0xA0, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: true
        default: false
        }
    }

    /// Whether stderr is a terminal, so progress lines may be drawn in place.
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// Writes all of `text`; returns 0, or the errno of the write that failed.
    private static func write(_ text: String, to descriptor: Int32) -> Int32 { write(Array(text.utf8), to: descriptor) }

    /// Writes all of `bytes` to `descriptor`, again after an interrupted `write(2)`; returns 0, or the errno
    /// of the write that failed.
    static func write(_ bytes: [UInt8], to descriptor: Int32) -> Int32 {
        var bytes = bytes[...]
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
                return errno
            }
            bytes = bytes.dropFirst(written)
        }
        return 0
    }
}
