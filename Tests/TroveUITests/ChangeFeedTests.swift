import Foundation
import Testing
import TroveCore
import TroveStore
import TroveTestSupport
import TroveUI

/// A store that sends word of changes (PostgreSQL's `LISTEN`/`NOTIFY`) refreshes the screen as soon as
/// the word arrives, between keys, without waiting for the once-a-second poll.
@Suite struct ChangeFeedTests {
    /// A feed whose first question finds another reviewer's label committed (as a notification would
    /// report it) and says so; later ones find nothing new.
    final class OtherReviewerFeed: StoreChangeFeed, @unchecked Sendable {
        let store: Store
        private(set) var questions = 0

        init(store: Store) { self.store = store }

        func changeArrived() throws -> Bool {
            questions += 1
            guard questions == 1 else { return false }
            _ = try store.applyLabel(.reject, to: ["a"], reviewer: "other", origin: "cli")
            return true
        }
    }

    /// A feed whose connection was lost.
    final class LostFeed: StoreChangeFeed, @unchecked Sendable {
        struct Lost: Error {}
        func changeArrived() throws -> Bool { throw Lost() }
    }

    @Test func wordOfAChangeRefreshesTheListBeforeThePollIsDue() throws {
        let store = try ReviewSession.store(ids: ["a", "b"])
        let feed = OtherReviewerFeed(store: store)
        let size = Size(width: 80, height: 24)
        let terminal = ScriptedTerminal(size: size, events: [nil, nil, .key(.char("q"))])
        let runtime = ReviewRuntime(
            terminal: terminal, store: store, state: AppState(size: size, reviewer: "me"), counting: .inline,
            changes: feed)
        let start = ContinuousClock.now
        try runtime.run()
        #expect(ContinuousClock.now - start < ReviewRuntime<ScriptedTerminal>.pollInterval)
        #expect(feed.questions >= 2)
        #expect(runtime.state.currentRow?.status == .rejected)
        #expect(runtime.state.list.counts == StatusCounts(rejected: 1, pending: 1))
    }

    @Test func aLostFeedRefreshesOnceAndTheStoreIsPolledFromThenOn() throws {
        let store = try ReviewSession.store(ids: ["a"])
        let size = Size(width: 80, height: 24)
        let terminal = ScriptedTerminal(size: size, events: [nil, .key(.char("q"))])
        let runtime = ReviewRuntime(
            terminal: terminal, store: store, state: AppState(size: size, reviewer: "me"), counting: .inline,
            changes: LostFeed())
        try runtime.run()
        #expect(runtime.state.isQuitting)
        #expect(runtime.state.message == nil)
    }
}
