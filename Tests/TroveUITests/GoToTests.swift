import Testing
import TroveCore
import TroveStore
import TroveTestSupport
import TroveUI

/// `:` goes to an id: never elsewhere.
@Suite struct GoToTests {
    /// The pending list (singers_bad, shops_ok, singers_retry) with the cursor on its last row.
    static let pendingListAtTheEnd = Script.events(.keys("f"), .keys("status:pending"), .key(.enter), .keys("G"))

    static func goTo(_ id: String) -> [TerminalEvent] { Script.events(.keys(":"), .keys(id), .key(.enter)) }

    static func store() throws -> Store {
        let store = try TagMenuTests.runsStore()
        _ = try store.applyLabel(.accept, to: ["singers_ok"], reviewer: "qa", origin: "t")
        return store
    }

    /// QA: going to singers_ok, which `status:pending` hides, said so but moved the cursor from
    /// singers_retry to singers_bad, and an `a` after it accepted a run nobody asked for.
    @Test func anIDTheFilterHidesLeavesTheCursorWhereItWas() throws {
        let store = try Self.store()
        let session = ReviewSession.run(
            store, events: Self.pendingListAtTheEnd + Self.goTo("singers_ok") + Script.events(.keys("a")),
            reviewer: "qa")
        #expect(try store.reviewerLabels(of: "singers_retry").first?.label.status == .accepted)
        #expect(try store.reviewerLabels(of: "singers_bad").isEmpty)
        #expect(session.runtime.state.filter.source == "status:pending")
    }

    /// The same from the open trajectory: it stays open, and the list's cursor stays on it.
    @Test func anIDTheFilterHidesLeavesTheOpenTrajectory() throws {
        let store = try Self.store()
        let session = ReviewSession.run(
            store, events: Self.pendingListAtTheEnd + Script.events(.key(.enter)) + Self.goTo("singers_ok"),
            reviewer: "qa")
        let state = session.runtime.state
        #expect(state.message?.text == "singers_ok is not in this list: the filter hides it (f changes the filter)")
        #expect(state.screen == .trajectory)
        #expect(state.document?.id == "singers_retry")
        #expect(state.currentRow?.id == "singers_retry")
    }

    /// An id the list shows is gone to, and opened from the open trajectory.
    @Test func anIDTheListShowsIsGoneTo() throws {
        let store = try Self.store()
        let session = ReviewSession.run(
            store, events: Self.pendingListAtTheEnd + Script.events(.key(.enter)) + Self.goTo("singers_bad"),
            reviewer: "qa")
        #expect(session.runtime.state.document?.id == "singers_bad")
        #expect(session.runtime.state.currentRow?.id == "singers_bad")
    }
}
