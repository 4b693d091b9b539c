/// VisiData (`vd`) opening JSONL in the same 120×40 pseudo-terminal: time from spawn to the first screen
/// that shows rows, and (optionally) until it has loaded every record.
struct VisiDataBenchmark {
    /// What one launch measured.
    struct Opening {
        var firstRows: Double
        /// Nil when not waited for, or not loaded within the limit.
        var loaded: Double?
        var peakRSS: Int
    }

    /// Opens `file` of `records` records and quits once it shows rows, or once it has loaded them all when
    /// `loadLimit` is given (giving up after it).
    func open(file: String, records: Int, loadLimit: Duration?) throws -> Opening {
        let session = try PseudoTerminal(
            ["vd", "-N", file], columns: ReviewBenchmark.columns, rows: ReviewBenchmark.rows)
        guard let shown = session.wait(until: Self.showsRows, timeout: .seconds(120)) else {
            _ = session.finish()
            throw BenchError.failed("vd showed no rows of \(file) within 120 s:\n\(session.screen.text)")
        }
        var loaded: Double?
        if let loadLimit {
            let done = session.wait(until: { Self.hasLoaded($0, records: records) }, timeout: loadLimit)
            loaded = done.map { ($0 - session.startedAt).seconds }
        }
        let (_, peakRSS) = session.finish(quitting: Array("gq".utf8), grace: .seconds(10))
        return Opening(firstRows: (shown - session.startedAt).seconds, loaded: loaded, peakRSS: peakRSS)
    }

    /// Whether the sheet shows a data row under its column header.
    static func showsRows(_ screen: TerminalScreen) -> Bool {
        !screen.line(2).isEmpty
    }

    /// Whether the status line counts every record and no longer says it is loading.
    static func hasLoaded(_ screen: TerminalScreen, records: Int) -> Bool {
        let status = screen.line(ReviewBenchmark.rows - 1)
        return !status.contains("loading") && status.contains(" \(records) rows")
    }
}
