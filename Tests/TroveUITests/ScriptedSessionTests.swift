import Foundation
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

    @Test func acceptingInAPendingListKeepsTruePositionsAndCounts() throws {
        // Given the pending list, with the cursor on its third row
        let store = try ReviewSession.fixtureStore()
        let total = try store.trajectoryCount()
        let keys = Script.events(.keys("f"), .keys("status:pending"), .key(.enter), .keys("jjaa"))
        // When two rows are accepted (each leaves the list; the next pending row is on screen)
        let session = ReviewSession.run(store, events: keys)
        // Then the cursor is on the list's third row again, numbered truly, with the list two shorter
        let state = session.runtime.state
        #expect(state.list.cursor == 2)
        #expect(state.list.isPositioned)
        #expect(state.list.counts?.total == total - 2)
        #expect(state.list.window.row(at: 2)?.id == state.currentRow?.id)
        #expect(session.canvas.lines[22].hasPrefix(" 3/\(total - 2)"), "\(session.canvas.lines[22])")
    }

    @Test func labelsFromTheTrajectoryScreen() throws {
        let store = try ReviewSession.fixtureStore()
        let keys = Script.open("db_f1") + Script.events(.keys("r0.25"), .key(.enter), .keys("t3"), .key(.enter))
        let session = ReviewSession.run(store, events: keys + Script.events(.keys("cshort"), .key(.enter), .keys("x")))
        let label = try #require(try store.trajectory(id: "db_f1")).label
        #expect(label == ReviewLabel(status: .rejected, reward: 0.25, tags: ["thought-mismatch"], note: "short"))
        #expect(session.runtime.state.screen == .trajectory)
    }

    @Test func bulkAcceptIsOneBatchUndoneAndRedoneInOneStep() throws {
        let store = try ReviewSession.fixtureStore()
        let filter = Script.events(.keys("f"), .keys("task:db"), .key(.enter))
        let accepted = ReviewSession.run(store, events: filter + Script.events(.keys("Ay")))
        let db = ["db_f1", "db_f2", "db_f3"]
        #expect(try db.map { try store.trajectory(id: $0)?.label.status } == [.accepted, .accepted, .accepted])
        #expect(try store.trajectory(id: "os_f1")?.label.status == .pending)
        #expect(accepted.canvas.lines[23].contains("accepted 3 trajectories"))
        let undone = ReviewSession.run(store, events: Script.events(.key(.backspace)))
        #expect(try db.map { try store.trajectory(id: $0)?.label.status } == [.pending, .pending, .pending])
        #expect(undone.canvas.lines[23].contains("undone: accept of 3 trajectories"))
        let redone = ReviewSession.run(store, events: Script.events(.key(.ctrl("r"))))
        #expect(redone.canvas.lines[23].contains("redone: accept of 3 trajectories"))
        #expect(try db.map { try store.trajectory(id: $0)?.label.status } == [.accepted, .accepted, .accepted])
        let cancelled = ReviewSession.run(store, events: Script.events(.keys("Xn")))
        #expect(try store.trajectory(id: "db_f1")?.label.status == .accepted)
        #expect(cancelled.canvas.lines[23].contains("cancelled"))
    }

    @Test func undoReachesBackIntoEarlierSessions() throws {
        let store = try ReviewSession.fixtureStore()
        ReviewSession.run(store, events: Script.events(.keys("aq")))
        #expect(try store.trajectory(id: "os_f1")?.label.status == .accepted)
        let second = ReviewSession.run(store, events: Script.events(.key(.backspace)))
        #expect(try store.trajectory(id: "os_f1")?.label.status == .pending)
        // The message names what was taken back, as `trove label --undo` does.
        #expect(second.runtime.state.message?.text == "undone: accept of os_f1")
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

    /// A new filter, and clearing one, keeps the cursor on its trajectory when the list still has it, as a
    /// sort does; a filter that leaves it out puts the cursor on the row at its place: the next one in
    /// the list, else the last.
    @Test func filteringKeepsTheCursorsTrajectory() throws {
        let store = try ReviewSession.fixtureStore()
        let onDB2 = Script.events(.keys("jjj"))
        func filter(_ text: String) -> [TerminalEvent] {
            Script.events(.keys("f"), .key(.ctrl("u")), .keys(text), .key(.enter))
        }
        // Each session its own reviewer: a reviewer's next session starts where the last one left off.
        func run(_ events: [TerminalEvent], _ reviewer: String) -> AppState {
            ReviewSession.run(store, events: events, reviewer: reviewer).runtime.state
        }
        let filtered = ReviewSession.run(store, events: onDB2 + filter("task:db"), reviewer: "narrowing")
        #expect(filtered.runtime.state.currentRow?.id == "db_f2")
        #expect(filtered.runtime.state.list.cursor == 1)
        #expect(filtered.canvas.lines[filtered.canvas.size.height - 2].contains(" 2/3 of 18 "))
        #expect(filtered.runtime.state.message == nil)
        let cleared = run(onDB2 + filter("task:db") + filter(""), "clearing")
        #expect(cleared.currentRow?.id == "db_f2")
        #expect(cleared.list.cursor == 3)
        let later = run(onDB2 + filter("task:kg"), "left-out-before")
        #expect(later.currentRow?.id == "kg_f1")
        #expect(later.list.cursor == 0)
        let earlier = run(onDB2 + filter("task:os"), "left-out-after")
        #expect(earlier.currentRow?.id == "os_f2")
        #expect(earlier.list.cursor == 1)
        #expect(earlier.message == nil)
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

    /// QA: a search with no hit in the open trajectory opened another one with nothing said, and the
    /// next `a` labeled a trajectory the reviewer never chose.
    @Test func aSearchThatLeavesTheTrajectorySaysWhere() throws {
        let store = try ReviewSession.fixtureStore()
        let session = ReviewSession.run(
            store,
            events: Script.events(
                .keys(":os_f1"), .key(.enter), .key(.enter), .keys("/"), .keys("Solaris"), .key(.enter)))
        #expect(session.runtime.state.document?.id == "kg_f1")
        #expect(session.runtime.state.message?.text == "no more hits in os_f1: next hit in kg_f1")
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

    /// Esc is also the prompts' cancel key: one press too many must not quit from the list.
    @Test func escapeGoesBackButNeverQuits() throws {
        let store = try ReviewSession.fixtureStore()
        let session = ReviewSession.run(
            store, events: Script.open("db_f1") + Script.events(.key(.escape), .key(.escape), .key(.escape)))
        #expect(session.runtime.state.screens == [.list])
        #expect(!session.runtime.state.isQuitting)
        #expect(session.canvas.lines.contains { $0.contains("Esc goes back; on the list, q quits") })
        let quitting = ReviewSession.run(store, events: Script.events(.keys("q")))
        #expect(quitting.runtime.state.isQuitting)
    }

    @Test func keysOnTheTooSmallNoticeDoNothingButQuit() throws {
        let store = try ReviewSession.fixtureStore()
        let tiny = Script.events(.resize(Size(width: 20, height: 5)), .keys("ax1 "), .key(.enter), .key(.escape))
        let session = ReviewSession.run(store, events: tiny + Script.events(.resize(Size(width: 80, height: 24))))
        #expect(try store.labelHistory(of: "os_f1").isEmpty)
        #expect(session.runtime.state.screens == [.list])
        #expect(!session.runtime.state.isQuitting)
        let quitting = ReviewSession.run(
            store, events: Script.open("db_f1") + tiny.prefix(1) + Script.events(.keys("q")))
        #expect(quitting.runtime.state.isQuitting)
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

    /// `trove review --where`: the session opens on the filter's first row, whatever the saved position
    /// says, keeping the saved sort; the saved position changes only as the session moves.
    @Test func aSessionOpensWhereTheCommandLineAsks() throws {
        let store = try ReviewSession.store(ids: ["a", "b", "c"])
        let saved = ReviewSessionState(trajectoryID: "c", filter: "id:c", sort: ListSort())
        try store.saveReviewState(saved, for: "me")
        let terminal = ScriptedTerminal(size: Size(width: 80, height: 24), events: [])
        let runtime = ReviewRuntime(
            terminal: terminal, store: store, state: AppState(size: terminal.size, reviewer: "me"), counting: .inline,
            opening: ReviewSessionState(trajectoryID: nil, filter: "id:a or id:b", sort: ListSort()))
        try? runtime.run()
        #expect(runtime.state.filter.source == "id:a or id:b")
        #expect(runtime.state.currentRow?.id == "a")
        #expect(runtime.state.list.counts == StatusCounts(pending: 2))
    }

    @Test func anotherProcessChangingTheStoreRefreshesTheRow() throws {
        let store = try ReviewSession.store(ids: ["a", "b"])
        let terminal = ScriptedTerminal(size: Size(width: 80, height: 24), events: [])
        let runtime = ReviewRuntime(
            terminal: terminal, store: store, state: AppState(size: terminal.size, reviewer: "me"), counting: .inline)
        runtime.dispatch(.started(nil))
        _ = try store.applyLabel(.reject, to: ["a"], reviewer: "other", origin: "cli")
        runtime.dispatch(.storeChanged)
        #expect(runtime.state.currentRow?.status == .rejected)
        #expect(runtime.state.list.counts == StatusCounts(rejected: 1, pending: 1))
        // Rejecting it too records my own label beside theirs, and the list moves on.
        runtime.handle(.key(.char("x")))
        #expect(try store.labelHistory(of: "a").map(\.reviewer) == ["other", "me"])
        #expect(runtime.state.currentRow?.id == "b")
    }

    @Test func storeErrorsBecomeAStatusMessage() throws {
        let store = try ReviewSession.store(ids: ["a"])
        let runtime = ReviewRuntime(
            terminal: ScriptedTerminal(size: Size(width: 80, height: 24), events: []), store: store,
            state: AppState(size: Size(width: 80, height: 24), reviewer: "me"), counting: .inline)
        runtime.dispatch(.started(nil))
        runtime.dispatch(.command(.accept))
        #expect(try store.labelHistory(of: "a").count == 1)
        var state = runtime.state
        state.list.window.rows[0].id = "gone"
        let failed = ReviewRuntime(
            terminal: ScriptedTerminal(size: state.size, events: []), store: store, state: state, counting: .inline)
        failed.dispatch(.command(.open))
        #expect(failed.state.message?.text == "trajectory gone is no longer in the store")
    }
}

@Suite struct BackgroundCountingTests {
    /// The in-memory store with counts the test controls: held until ``open()``, so the frame before
    /// them can be seen; once open, finished whatever deadline the runtime gives them (always quick).
    final class GatedCountStore: TrajectorySource, LabelSink, @unchecked Sendable {
        let store: Store
        let gate = NSCondition()
        var isOpen: Bool
        /// The page reads (`rows(…)`) so far, and the rows they returned, for tests of what a window reads.
        private(set) var pageReads = 0
        private(set) var rowsRead = 0
        /// Runs once, after the next page read: another process writing between two reads of a window.
        var afterPageRead: (() -> Void)?

        init(_ store: Store, open: Bool = false) {
            self.store = store
            self.isOpen = open
        }

        func open() {
            gate.withLock {
                isOpen = true
                gate.broadcast()
            }
        }

        func listCounts(
            matching filter: Filter, sortedBy sort: ListSort, before anchor: TrajectoryRow?, storeTotal: Int?,
            onOwnConnection: Bool, shouldStop: @escaping @Sendable () -> Bool
        ) throws -> ListCounts {
            try gate.withLock {
                while !isOpen {
                    if shouldStop() { throw CountStopped() }
                    _ = gate.wait(until: Date(timeIntervalSinceNow: 0.001))
                }
            }
            return try store.listCounts(
                matching: filter, sortedBy: sort, before: anchor, storeTotal: storeTotal,
                onOwnConnection: onOwnConnection, shouldStop: { false })
        }
        func rows(matching filter: Filter, sortedBy sort: ListSort, after row: TrajectoryRow?, limit: Int) throws
            -> [TrajectoryRow]
        { counted(try store.rows(matching: filter, sortedBy: sort, after: row, limit: limit)) }
        func rows(matching filter: Filter, sortedBy sort: ListSort, before row: TrajectoryRow?, limit: Int) throws
            -> [TrajectoryRow]
        { counted(try store.rows(matching: filter, sortedBy: sort, before: row, limit: limit)) }
        private func counted(_ rows: [TrajectoryRow]) -> [TrajectoryRow] {
            let write = gate.withLock {
                pageReads += 1
                rowsRead += rows.count
                defer { afterPageRead = nil }
                return afterPageRead
            }
            write?()
            return rows
        }
        func row(id: String) throws -> TrajectoryRow? { try store.row(id: id) }
        func excerpt(id: String, textBudget: Int, blindReviewer: String?) throws -> TrajectoryExcerpt? {
            try store.excerpt(id: id, textBudget: textBudget, blindReviewer: blindReviewer)
        }
        func textPage(of id: String, message: Int, bytes: Range<Int>, blindReviewer: String?) throws -> TextPage? {
            try store.textPage(of: id, message: message, bytes: bytes, blindReviewer: blindReviewer)
        }
        func labelHistory(of id: String) throws -> [LabelEvent] { try store.labelHistory(of: id) }
        func stats() throws -> DatasetStats { try store.stats() }
        func ownDecisions(of reviewer: String) throws -> [String: (accepted: Int, rejected: Int)] {
            try store.ownDecisions(of: reviewer)
        }
        func agreement() throws -> AgreementReport { try store.agreement() }
        func changeToken() throws -> Int64 { try store.changeToken() }
        func reviewState(for reviewer: String) throws -> ReviewSessionState? { try store.reviewState(for: reviewer) }
        func tagsInUse() throws -> [String] { try store.tagsInUse() }
        func tagsInUse(by reviewer: String) throws -> [String] { try store.tagsInUse(by: reviewer) }
        func originalRecord(of id: String) throws -> [UInt8]? { try store.originalRecord(of: id) }
        func ids(startingWith prefix: String, limit: Int) throws -> [String] {
            try store.ids(startingWith: prefix, limit: limit)
        }
        func queueProgress(of reviewer: String) throws -> QueueProgress {
            try store.queueProgress(of: reviewer)
        }
        func teamPolicy() throws -> TeamPolicy {
            try store.teamPolicy()
        }
        func reviewerLabels(of id: String) throws -> [ReviewerLabel] {
            try store.reviewerLabels(of: id)
        }
        func applyLabel(_ change: LabelChange, to ids: [String], reviewer: String, origin: String) throws
            -> [LabelEvent]
        { try store.applyLabel(change, to: ids, reviewer: reviewer, origin: origin) }
        func applyLabel(_ change: LabelChange, matching filter: Filter, reviewer: String, origin: String) throws
            -> LabelBatch?
        { try store.applyLabel(change, matching: filter, reviewer: reviewer, origin: origin) }
        func previewLabel(_ change: LabelChange, matching filter: Filter, reviewer: String, limit: Int) throws
            -> (count: Int, firstIDs: [String])
        { try store.previewLabel(change, matching: filter, reviewer: reviewer, limit: limit) }
        func setTraining(_ training: TurnTraining, turn: Int, of id: String, reviewer: String, origin: String) throws
            -> LabelBatch?
        { try store.setTraining(training, turn: turn, of: id, reviewer: reviewer, origin: origin) }
        func setText(_ text: String?, turn: Int, of id: String, reviewer: String, origin: String) throws
            -> LabelBatch?
        { try store.setText(text, turn: turn, of: id, reviewer: reviewer, origin: origin) }
        func turnText(of id: String, turn: Int, blindReviewer: String?) throws
            -> (original: String, corrected: String?)?
        { try store.turnText(of: id, turn: turn, blindReviewer: blindReviewer) }
        func undo(reviewer: String, origin: String) throws -> LabelBatch? {
            try store.undo(reviewer: reviewer, origin: origin)
        }
        func redo(reviewer: String, origin: String) throws -> LabelBatch? {
            try store.redo(reviewer: reviewer, origin: origin)
        }
        func saveReviewState(_ state: ReviewSessionState, for reviewer: String) throws {
            try store.saveReviewState(state, for: reviewer)
        }
    }

    static func store(_ count: Int) throws -> Store {
        try ReviewSession.store(ids: (0..<count).map { "t\($0)" })
    }

    @Test func theFirstFrameDoesNotWaitForTheCountAndKeysWorkWhileItRuns() throws {
        let store = GatedCountStore(try Self.store(300))
        let size = Size(width: 80, height: 24)
        // j j while the count is held back; then, released, pauses for it to arrive.
        let terminal = ScriptedTerminal(size: size, events: [.key(.char("j")), .key(.char("j"))])
        let runtime = ReviewRuntime(terminal: terminal, store: store, state: AppState(size: size, reviewer: "me"))
        #expect(throws: ScriptedTerminal.ScriptEnded.self) { try runtime.run() }
        #expect(runtime.state.list.counts == nil)
        #expect(runtime.state.list.cursor == 2)
        let first = try #require(terminal.frames.first)
        #expect(first.lines[size.height - 2].hasPrefix(" 1/… · ✓… accepted ✗… rejected … pending"))
        store.open()
        let resumed = ScriptedTerminal(size: size, events: Array(repeating: nil, count: 200) + [.key(.char("q"))])
        let again = ReviewRuntime(
            terminal: resumed, store: store, state: AppState(size: size, reviewer: "me"))
        try again.run()
        #expect(again.state.list.counts == StatusCounts(pending: 300))
        #expect(again.state.list.storeTotal == 300)
        #expect(
            resumed.lastFrame?.lines[size.height - 2].hasPrefix(" 1/300 · ✓0 accepted ✗0 rejected 300 pending") == true)
    }

    /// Once the store's size is known, a quick count is taken before the frame: the filter's frame
    /// already shows its counts, with no pause for a second one.
    @Test func aQuickCountShowsWithTheFrame() throws {
        let store = try Self.store(120)
        _ = try store.applyLabel(.accept, to: ["t5", "t6"], reviewer: "me", origin: "test")
        let gated = GatedCountStore(store, open: true)
        let size = Size(width: 80, height: 24)
        var script: [TerminalEvent?] = Array(repeating: nil, count: 50) + [.key(.char("f"))]
        script += "status:accepted".map { .key(.char($0)) }
        script += [.key(.enter)]
        let terminal = ScriptedTerminal(size: size, events: script)
        let runtime = ReviewRuntime(terminal: terminal, store: gated, state: AppState(size: size, reviewer: "me"))
        #expect(throws: ScriptedTerminal.ScriptEnded.self) { try runtime.run() }
        #expect(terminal.lastFrame?.lines[size.height - 2].hasPrefix(" 1/2 of 120 · ✓2 accepted") == true)
    }

    @Test func aCountForAnOlderFilterIsDroppedAndTheNewestIsCounted() throws {
        let store = try Self.store(120)
        _ = try store.applyLabel(.accept, to: ["t5", "t6"], reviewer: "me", origin: "test")
        let size = Size(width: 80, height: 24)
        var script: [TerminalEvent?] = [.key(.char("f"))]
        script += "status:accepted".map { .key(.char($0)) }
        script += [.key(.enter)]
        script += Array(repeating: nil, count: 200) + [.key(.char("q"))]
        let terminal = ScriptedTerminal(size: size, events: script)
        let runtime = ReviewRuntime(terminal: terminal, store: store, state: AppState(size: size, reviewer: "me"))
        try runtime.run()
        #expect(runtime.state.list.counts == StatusCounts(accepted: 2))
        #expect(runtime.state.list.storeTotal == 120)
        #expect(terminal.lastFrame?.lines[size.height - 2].hasPrefix(" 1/2 of 120 · ✓2 accepted") == true)
    }
}
