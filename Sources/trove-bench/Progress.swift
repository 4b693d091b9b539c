import Foundation

/// Progress lines on standard error, so standard output holds only the results.
enum Progress {
    /// The first message's time: a static `let` is set once, on first use.
    private static let start = ContinuousClock.now

    /// Writes `message` to standard error with the seconds since the first message.
    static func log(_ message: String) {
        let origin = start
        let elapsed = String(format: "%7.1f", (ContinuousClock.now - origin).seconds)
        FileHandle.standardError.write(Data("bench \(elapsed)s  \(message)\n".utf8))
    }
}
