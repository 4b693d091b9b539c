import Testing
import TroveCore
import TroveStore
import TroveTestSupport
import TroveUI

/// The real runtime, keymap and screens against a real in-memory store, driven by scripted keys.
@Suite struct ScriptedSessionTests {
    @Test func acceptFromTheListIsStoredAndMovesOn() throws {
        let store = try ReviewSession.fixtureStore()
        let session = ReviewSession.run(store, events: Script.events(.keys("a")))
        let events = try store.labelHistory(of: "os_f1")
        #expect(events.map(\.label.status) == [.accepted])
        #expect(events.first?.reviewer == "tester")
        #expect(events.first?.origin == "ui")
        #expect(session.runtime.state.currentRow?.id == "os_f2")
        #expect(session.canvas.lines[22].contains("✓1 accepted"))
    }

    @Test func labelsFromTheTrajectoryScreen() throws {
        let store = try ReviewSession.fixtureStore()
        let keys = Script.open("db_f1") + Script.events(.keys("r0.25"), .key(.enter), .keys("t3"), .key(.enter))
        let session = ReviewSession.run(store, events: keys + Script.events(.keys("cshort"), .key(.enter), .keys("x")))
        let label = try #require(try store.trajectory(id: "db_f1")).label
        #expect(label == ReviewLabel(status: .rejected, reward: 0.25, tags: ["thought-mismatch"], note: "short"))
        #expect(session.runtime.state.screen == .trajectory)
    }

    @Test func undoReachesBackIntoEarlierSessions() throws {
        let store = try ReviewSession.fixtureStore()
        ReviewSession.run(store, events: Script.events(.keys("aq")))
        #expect(try store.trajectory(id: "os_f1")?.label.status == .accepted)
        let second = ReviewSession.run(store, events: Script.events(.key(.backspace)))
        #expect(try store.trajectory(id: "os_f1")?.label.status == .pending)
        #expect(second.runtime.state.currentRow?.id == "os_f1")
        ReviewSession.run(store, events: Script.events(.key(.ctrl("r"))))
        #expect(try store.trajectory(id: "os_f1")?.label.status == .accepted)
    }

    @Test func reopeningRestoresPositionFilterAndSort() throws {
        let store = try ReviewSession.fixtureStore()
        ReviewSession.run(store, events: Script.events(.keys("f"), .keys("task:kg"), .key(.enter), .keys("sjq")))
        let reopened = ReviewSession.run(store, events: [])
        #expect(reopened.runtime.state.filter.source == "task:kg")
        #expect(reopened.runtime.state.sort == ListSort(column: .id))
        #expect(reopened.runtime.state.currentRow?.id == "kg_f2")
    }

    @Test func searchJumpsToHitsAndHighlights() throws {
        let store = try ReviewSession.fixtureStore()
        let search = Script.events(.keys("/"), .keys("Solaris"), .key(.enter))
        let session = ReviewSession.run(store, events: search)
        #expect(session.runtime.state.currentRow?.id == "kg_f1")
        let opened = ReviewSession.run(store, events: search + Script.events(.key(.enter)), reviewer: "other")
        #expect(opened.canvas.roleLines.joined().contains("/"))
        #expect(opened.canvas.lines[0].contains("kg_f1"))
    }

    @Test func resizeAndTinyTerminalsNeverCrash() throws {
        let store = try ReviewSession.fixtureStore()
        let keys =
            Script.open("kg_f1")
            + Script.events(
                .resize(Size(width: 40, height: 10)), .keys("jjJ"), .resize(Size(width: 20, height: 5)), .keys("pRo"),
                .resize(Size(width: 1, height: 1)), .resize(Size(width: 0, height: 0)),
                .resize(Size(width: 120, height: 40)))
        let session = ReviewSession.run(store, size: Size(width: 80, height: 24), events: keys)
        #expect(session.canvas.size == Size(width: 120, height: 40))
        let tiny = ReviewSession.run(store, size: Size(width: 30, height: 8), events: Script.events(.keys("j")))
        assertSnapshot(tiny.canvas, named: "too-small")
    }

    @Test func quitRestoresTheTerminal() throws {
        let store = try ReviewSession.fixtureStore()
        let session = ReviewSession.run(store, events: Script.events(.keys("?q"), .key(.ctrl("c"))))
        #expect(session.runtime.state.isQuitting)
        #expect(session.terminal.stopCount == 1)
        #expect(!session.terminal.isStarted)
        let ended = ReviewSession.run(store, events: [])
        #expect(ended.terminal.stopCount == 1)
    }

    @Test func anotherProcessChangingTheStoreRefreshesTheRow() throws {
        let fake = FakeReviewStore([UpdateTests.stored("a"), UpdateTests.stored("b")])
        let terminal = ScriptedTerminal(size: Size(width: 80, height: 24), events: [])
        let runtime = ReviewRuntime(
            terminal: terminal, store: fake, state: AppState(size: terminal.size, reviewer: "me"))
        runtime.dispatch(.started(nil))
        _ = try fake.applyLabel(.reject, to: ["a"], reviewer: "other", origin: "cli")
        runtime.dispatch(.storeChanged)
        #expect(runtime.state.currentRow?.status == .rejected)
        #expect(runtime.state.list.counts == StatusCounts(rejected: 1, pending: 1))
        runtime.handle(.key(.char("x")))
        #expect(fake.allEvents.last?.reviewer == "me")
        #expect(runtime.state.currentRow?.id == "b")
    }

    @Test func storeErrorsBecomeAStatusMessage() throws {
        let fake = FakeReviewStore([UpdateTests.stored("a")])
        let runtime = ReviewRuntime(
            terminal: ScriptedTerminal(size: Size(width: 80, height: 24), events: []), store: fake,
            state: AppState(size: Size(width: 80, height: 24), reviewer: "me"))
        runtime.dispatch(.started(nil))
        runtime.dispatch(.command(.accept))
        #expect(fake.allEvents.count == 1)
        var state = runtime.state
        state.list.window.rows[0].id = "gone"
        let failed = ReviewRuntime(
            terminal: ScriptedTerminal(size: state.size, events: []), store: fake, state: state)
        failed.dispatch(.command(.open))
        #expect(failed.state.message?.text == "trajectory gone is no longer in the store")
    }
}
