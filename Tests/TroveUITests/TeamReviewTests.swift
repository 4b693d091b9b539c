import Testing
import TroveCore
import TroveStore
import TroveTestSupport
import TroveUI

/// Review by a team: a reviewer's queue (`Q`), their `done/assigned` in the status bar, and what they
/// see of the other reviewers' labels.
@Suite struct TeamReviewTests {
    /// Four trajectories, each assigned to both `r1` and `r2`.
    static func assignedStore() throws -> Store {
        let store = try ReviewSession.store(ids: ["t1", "t2", "t3", "t4"])
        try store.assign(reviewers: ["r1", "r2"], perItem: 2, matching: Filter(nil), seed: 1)
        return store
    }

    /// Opens on `reviewer`'s queue, as `trove review` does for a reviewer with one.
    static func openOnQueue(_ store: Store, reviewer: String) throws {
        let queue = try #require(try store.reviewQueue(of: reviewer))
        try store.saveReviewState(
            ReviewSessionState(trajectoryID: nil, filter: queue.source, sort: ListSort()), for: reviewer)
    }

    static func text(_ canvas: Canvas) -> String { canvas.lines.joined(separator: "\n") }

    @Test(arguments: ScreenSnapshotTests.sizes)
    func queueAndProgress(size: Size) throws {
        let store = try Self.assignedStore()
        try Self.openOnQueue(store, reviewer: "r1")
        let session = ReviewSession.run(store, size: size, events: Script.events(.keys("a")), reviewer: "r1")
        assertSnapshot(session.canvas, named: "queue-list")
        #expect(session.runtime.state.progress == QueueProgress(assigned: 4, done: 1))
        #expect(session.runtime.state.showsQueue)
        #expect(session.runtime.state.list.total == 3)
        if size.width >= 80 { #expect(Self.text(session.canvas).contains("done 1/4")) }
    }

    @Test func queueKeySwitchesBetweenQueueAndAll() throws {
        let store = try Self.assignedStore()
        try Self.openOnQueue(store, reviewer: "r1")
        let all = ReviewSession.run(store, events: Script.events(.keys("aQ")), reviewer: "r1")
        #expect(!all.runtime.state.showsQueue)
        #expect(all.runtime.state.list.total == 4)
        #expect(all.runtime.state.filter.source.isEmpty)
        let back = ReviewSession.run(store, events: Script.events(.keys("Q")), reviewer: "r1")
        #expect(back.runtime.state.showsQueue)
        #expect(back.runtime.state.list.total == 3)
        // The queue is not someone else's: r2 has decided nothing yet.
        let other = ReviewSession.run(store, events: Script.events(.keys("Q")), reviewer: "r2")
        #expect(other.runtime.state.list.total == 4)
        #expect(other.runtime.state.progress == QueueProgress(assigned: 4, done: 0))
    }

    @Test func noQueueWithoutAssignments() throws {
        let store = try Self.assignedStore()
        let session = ReviewSession.run(store, events: Script.events(.keys("Q")), reviewer: "solo")
        #expect(!session.runtime.state.showsQueue)
        #expect(session.runtime.state.message?.text.contains("no queue") == true)
        // No assignments, no figures: the status bar stays as it was before teams.
        #expect(!Self.text(session.canvas).contains("done "))
    }
}
