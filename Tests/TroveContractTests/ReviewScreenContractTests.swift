import Foundation
import Testing
import TroveCore
import TrovePostgres
import TroveStore
import TroveTestSupport
import TroveUI

/// The review screen over a PostgreSQL store draws what it draws over SQLite: the same key script, the
/// same frames, key by key (browsing read-only: labels on PostgreSQL are written by `LabelSink`).
@Suite(.enabled(if: TestPostgres.url != nil, TestPostgres.skipMessage))
struct ReviewScreenContractTests {
    @Test func aKeyScriptDrawsTheSameFramesOnBothBackends() throws {
        let stores = try FilterContractTests.labeledStores()
        let sqlite = try Store.open(path: stores.sqlite.sqlitePath, readOnly: true)
        let postgres = try #require(stores.postgres.postgresStore)
        let keys = Self.events(
            .keys("jjjj"), .key(.enter), .keys("jjjjo"), .key(.escape), .keys("ssSf"), .keys("task:os or tag:wrong"),
            .key(.enter), .keys("j"), .key(.enter), .key(.escape), .keys("/ls"), .key(.enter), .keys("nq"))
        let sqliteFrames = Self.frames(keys, source: ReadOnlySource(sqlite))
        let postgresFrames = Self.frames(keys, source: ReadOnlySource(postgres))
        // The script is a real one: it draws the list, trajectories, a filter and a search.
        #expect(Set(sqliteFrames.map(\.lines)).count > 10)
        #expect(sqliteFrames.contains { $0.lines.joined().contains("── Step 1/") })
        #expect(postgresFrames.count == sqliteFrames.count)
        for (index, (expected, found)) in zip(sqliteFrames, postgresFrames).enumerated() where expected != found {
            #expect(found.lines == expected.lines, "frame \(index)")
            break
        }
    }

    /// Labelling keys (accept, reject, a tag, undo) in a review session over each backend's sink write
    /// the same events, batches and decisions, and draw the same frames.
    @Test func labellingKeysWriteAlikeOnBothBackends() throws {
        let pair = try LabelSinkContractTests.Pair()
        let keys = Self.events(
            .keys("a"), .keys("j"), .keys("x"), .keys("j"), .keys("a"), .key(.backspace), .keys("jx"), .keys("q"))
        let size = Size(width: 100, height: 30)
        var frames: [[Canvas]] = []
        for sink in [pair.sinks.sqlite, pair.sinks.postgres] {
            let terminal = ScriptedTerminal(size: size, events: keys)
            let state = AppState(size: size, reviewer: "ana", storeName: "fixtures")
            let source = try #require(sink as? any TrajectorySource & LabelSink)
            try? ReviewRuntime(terminal: terminal, store: source, state: state, counting: .inline).run()
            frames.append(terminal.frames)
        }
        try pair.expectSameTables()
        let decisions = try pair.stores.postgres.rows("SELECT status FROM label_current ORDER BY trajectory_id")
        #expect(decisions == [["accepted"], ["rejected"], ["rejected"]])
        #expect(frames[1].count == frames[0].count)
        for (index, (expected, found)) in zip(frames[0], frames[1]).enumerated() where expected != found {
            #expect(found.lines == expected.lines, "frame \(index)")
            break
        }
    }

    private enum Part {
        case keys(String)
        case key(Key)
    }

    private static func events(_ parts: Part...) -> [TerminalEvent] {
        parts.flatMap { part -> [TerminalEvent] in
            switch part {
            case .keys(let text): text.map { .key(.char($0)) }
            case .key(let key): [.key(key)]
            }
        }
    }

    /// Every frame a read-only review session draws for `keys`, counting before each frame.
    private static func frames(_ keys: [TerminalEvent], source: ReadOnlySource) -> [Canvas] {
        let size = Size(width: 100, height: 30)
        let terminal = ScriptedTerminal(size: size, events: keys)
        let state = AppState(size: size, reviewer: "tester", storeName: "fixtures", readOnly: true)
        let runtime = ReviewRuntime(terminal: terminal, store: source, state: state, counting: .inline)
        try? runtime.run()
        return terminal.frames
    }
}

/// A store's reads, and writes that fail: what a read-only review session needs of both backends.
private struct ReadOnlySource: TrajectorySource, LabelSink {
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
