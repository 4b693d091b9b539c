import Foundation

/// Runs `python3 -c CODE ARGUMENTS…` for tests that check trove's output with the tools trainers use
/// (Python's `sqlite3`, Hugging Face `datasets`).
public enum Python {
    /// What a run printed on standard output and how it exited; nil when `python3` cannot be started.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
    }

    /// Runs `code` with `arguments` in `sys.argv[1...]`; standard error is dropped.
    public static func run(_ code: String, _ arguments: [String] = []) -> Result? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", code] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: printed, as: UTF8.self))
    }
}
