import Foundation
import TroveCore
import TrovePostgres
import TroveUI

/// The review UI over a PostgreSQL store, in this process: the first screen (connecting and opening the
/// store included) and the time from each key to its frame, for a script of list moves, opening
/// trajectories, searches and a filter, with counts on their own connection as `trove review` runs them.
/// The store must exist (bench/postgres-multiply.sql builds one of a million trajectories).
///
/// Implementation note: it drives `ReviewRuntime` through a terminal that hands it the script's keys and
/// times each frame, in a read-only session (writes are not part of the script).
struct PostgresReviewBenchmark {
    let url: String
    let searches: [String]

    func run() throws -> String {
        let start = ContinuousClock.now
        let store = try PostgresStore(url: url)
        let terminal = TimingTerminal(size: Size(width: 120, height: 40), script: script, start: start)
        let state = AppState(size: terminal.size, reviewer: "bench", storeName: store.name, readOnly: true)
        let runtime = ReviewRuntime(
            terminal: terminal, store: store, state: state, changes: try store.changeFeed())
        try runtime.run()
        let total = try store.connection.execute("SELECT count(*) FROM trajectory").integer(0, 0) ?? 0
        var rows = [
            "| measure (\(total) trajectories) | samples | p50 | p99 | max |", "|---|---|---|---|---|",
            "| first screen (connect, open, first frame) | 1 | \(Self.ms(terminal.firstFrame)) | | |",
        ]
        for kind in KeyKind.allCases {
            let samples = terminal.latencies.filter { $0.kind == kind }.map(\.seconds)
            guard !samples.isEmpty else { continue }
            rows.append(
                "| \(kind.rawValue) | \(samples.count) | \(Self.ms(Percentile.of(samples, 50))) | "
                    + "\(Self.ms(Percentile.of(samples, 99))) | \(Self.ms(samples.max() ?? .nan)) |")
        }
        let every = terminal.latencies.map(\.seconds)
        rows.append(
            "| every key | \(every.count) | \(Self.ms(Percentile.of(every, 50))) | \(Self.ms(Percentile.of(every, 99))) "
                + "| \(Self.ms(every.max() ?? .nan)) |")
        return rows.joined(separator: "\n")
    }

    /// What each key of the script does, for the table's rows.
    enum KeyKind: String, CaseIterable {
        case move = "key to frame: j / k / page down / g / G in the list"
        case open = "key to frame: open a trajectory, back to the list"
        case step = "key to frame: j in a trajectory"
        case search = "search (`/word` Enter) to frame"
        case filter = "filter (`f status:pending task:os` Enter) to frame"
        case typing = "key to frame: typing in a prompt"
    }

    private var script: [(TerminalEvent, KeyKind)] {
        var script: [(TerminalEvent, KeyKind)] = []
        func keys(_ text: String, _ kind: KeyKind) { script += text.map { (.key(.char($0)), kind) } }
        for round in 0..<10 {
            keys(String(repeating: "j", count: 20), .move)
            script.append((.key(.pageDown), .move))
            script.append((.key(.enter), .open))
            keys("jjjjj", .step)
            script.append((.key(.escape), .open))
            if round == 4 { keys("Gkkkkg", .move) }
        }
        for word in searches {
            keys("/" + word, .typing)
            script.append((.key(.enter), .search))
        }
        keys("fstatus:pending task:os", .typing)
        script.append((.key(.enter), .filter))
        keys("jjjjj", .move)
        keys("q", .move)
        return script
    }

    private static func ms(_ seconds: Double) -> String {
        seconds.isNaN ? "–" : String(format: "%.1f ms", seconds * 1000)
    }
}

/// A terminal that plays a script of keys and times, for each key, how long until the next frame.
private final class TimingTerminal: Terminal {
    let size: Size
    private var script: [(TerminalEvent, PostgresReviewBenchmark.KeyKind)]
    private let opened: ContinuousClock.Instant
    private var pending: (ContinuousClock.Instant, PostgresReviewBenchmark.KeyKind)?
    private(set) var firstFrame = Double.nan
    private(set) var latencies: [(kind: PostgresReviewBenchmark.KeyKind, seconds: Double)] = []

    init(size: Size, script: [(TerminalEvent, PostgresReviewBenchmark.KeyKind)], start: ContinuousClock.Instant) {
        self.size = size
        self.script = script
        self.opened = start
    }

    func start() throws {}
    func stop() {}

    func nextEvent(timeout: Duration) throws -> TerminalEvent? {
        // A key that drew nothing (a no-op at the top of the list) is not counted.
        pending = nil
        guard !script.isEmpty else { return .key(.char("q")) }
        let (event, kind) = script.removeFirst()
        pending = (.now, kind)
        return event
    }

    func present(_ canvas: Canvas) {
        let now = ContinuousClock.now
        if firstFrame.isNaN { firstFrame = (now - opened).seconds }
        if let (sent, kind) = pending {
            latencies.append((kind, (now - sent).seconds))
            pending = nil
        }
    }

    func page(_ text: String) throws {}
    func edit(_ text: String) throws -> String { text }
}
