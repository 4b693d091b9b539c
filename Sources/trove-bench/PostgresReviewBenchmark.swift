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
/// times each frame, over the store's reads (``TrajectorySource``); writes are not part of the script,
/// and a write the script would make fails (``ReadOnlyReview``).
struct PostgresReviewBenchmark {
    let url: String
    let searches: [String]

    func run() throws -> String {
        let start = ContinuousClock.now
        let store = try PostgresStore(url: url)
        let terminal = TimingTerminal(size: Size(width: 120, height: 40), script: script, start: start)
        let state = AppState(size: terminal.size, reviewer: "bench", storeName: store.name, readOnly: true)
        let runtime = ReviewRuntime(
            terminal: terminal, store: ReadOnlyReview(store), state: state, changes: try store.changeFeed())
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

/// A store's reads, and writes that fail: what a read-only review session needs.
private struct ReadOnlyReview: TrajectorySource, LabelSink {
    struct WriteAttempted: Error {}

    let source: any TrajectorySource

    init(_ source: any TrajectorySource) { self.source = source }

    func listCounts(
        matching filter: Filter, sortedBy sort: ListSort, before anchor: TrajectoryRow?, storeTotal: Int?,
        onOwnConnection: Bool, shouldStop: @escaping @Sendable () -> Bool
    ) throws -> ListCounts {
        try source.listCounts(
            matching: filter, sortedBy: sort, before: anchor, storeTotal: storeTotal, onOwnConnection: onOwnConnection,
            shouldStop: shouldStop)
    }
    func rows(matching filter: Filter, sortedBy sort: ListSort, after row: TrajectoryRow?, limit: Int) throws
        -> [TrajectoryRow]
    { try source.rows(matching: filter, sortedBy: sort, after: row, limit: limit) }
    func rows(matching filter: Filter, sortedBy sort: ListSort, before row: TrajectoryRow?, limit: Int) throws
        -> [TrajectoryRow]
    { try source.rows(matching: filter, sortedBy: sort, before: row, limit: limit) }
    func row(id: String) throws -> TrajectoryRow? { try source.row(id: id) }
    func excerpt(id: String, textBudget: Int) throws -> TrajectoryExcerpt? {
        try source.excerpt(id: id, textBudget: textBudget)
    }
    func textPage(of id: String, message: Int, bytes: Range<Int>) throws -> TextPage? {
        try source.textPage(of: id, message: message, bytes: bytes)
    }
    func labelHistory(of id: String) throws -> [LabelEvent] { try source.labelHistory(of: id) }
    func stats() throws -> DatasetStats { try source.stats() }
    func agreement() throws -> AgreementReport { try source.agreement() }
    func changeToken() throws -> Int64 { try source.changeToken() }
    func reviewState(for reviewer: String) throws -> ReviewSessionState? { try source.reviewState(for: reviewer) }
    func tagsInUse() throws -> [String] { try source.tagsInUse() }
    func ids(startingWith prefix: String, limit: Int) throws -> [String] {
        try source.ids(startingWith: prefix, limit: limit)
    }
    func originalRecord(of id: String) throws -> [UInt8]? { try source.originalRecord(of: id) }
    func queueProgress(of reviewer: String) throws -> QueueProgress { try source.queueProgress(of: reviewer) }
    func teamPolicy() throws -> TeamPolicy { try source.teamPolicy() }
    func reviewerLabels(of id: String) throws -> [ReviewerLabel] { try source.reviewerLabels(of: id) }
    func turnText(of id: String, turn: Int) throws -> (original: String, corrected: String?)? {
        try source.turnText(of: id, turn: turn)
    }

    func applyLabel(_ change: LabelChange, to ids: [String], reviewer: String, origin: String) throws -> [LabelEvent] {
        throw WriteAttempted()
    }
    func applyLabel(_ change: LabelChange, matching filter: Filter, reviewer: String, origin: String) throws
        -> LabelBatch?
    { throw WriteAttempted() }
    func previewLabel(_ change: LabelChange, matching filter: Filter, reviewer: String, limit: Int) throws
        -> (count: Int, firstIDs: [String])
    { throw WriteAttempted() }
    func setTraining(_ training: TurnTraining, turn: Int, of id: String, reviewer: String, origin: String) throws
        -> LabelBatch?
    { throw WriteAttempted() }
    func setText(_ text: String?, turn: Int, of id: String, reviewer: String, origin: String) throws -> LabelBatch? {
        throw WriteAttempted()
    }
    func undo(reviewer: String, origin: String) throws -> LabelBatch? { throw WriteAttempted() }
    func redo(reviewer: String, origin: String) throws -> LabelBatch? { throw WriteAttempted() }
    func saveReviewState(_ state: ReviewSessionState, for reviewer: String) throws {}
}
