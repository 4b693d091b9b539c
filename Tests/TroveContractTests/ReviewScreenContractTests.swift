import Foundation
import Testing
import TroveCore
import TrovePostgres
import TroveStore
import TroveTestSupport
import TroveUI

/// The review screen over a PostgreSQL store draws what it draws over SQLite: the same key script, the
/// same frames, key by key (browsing in a read-only session).
@Suite(.enabled(if: TestPostgres.url != nil, TestPostgres.skipMessage))
struct ReviewScreenContractTests {
    @Test func aKeyScriptDrawsTheSameFramesOnBothBackends() throws {
        let stores = try FilterContractTests.labeledStores()
        let sqlite = try Store.open(path: stores.sqlite.sqlitePath, readOnly: true)
        let postgres = try #require(stores.postgres.postgresStore)
        let keys = Self.events(
            .keys("jjjj"), .key(.enter), .keys("jjjjo"), .key(.escape), .keys("ssSf"), .keys("task:os or tag:wrong"),
            .key(.enter), .keys("j"), .key(.enter), .key(.escape), .keys("/ls"), .key(.enter), .keys("nq"))
        let sqliteFrames = Self.frames(keys, source: sqlite)
        let postgresFrames = Self.frames(keys, source: postgres)
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
    private static func frames(_ keys: [TerminalEvent], source: any TrajectorySource & LabelSink) -> [Canvas] {
        let size = Size(width: 100, height: 30)
        let terminal = ScriptedTerminal(size: size, events: keys)
        let state = AppState(size: size, reviewer: "tester", storeName: "fixtures", readOnly: true)
        let runtime = ReviewRuntime(terminal: terminal, store: source, state: state, counting: .inline)
        try? runtime.run()
        return terminal.frames
    }
}
