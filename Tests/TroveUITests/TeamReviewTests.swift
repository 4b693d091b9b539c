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

    /// QA: with two reviews needed, a reviewer's accept left the header at `pending`, their own label
    /// nowhere but `H`.
    @Test func theHeaderShowsTheReviewersOwnLabelBesideTheTeamsDecision() throws {
        let store = try Self.assignedStore()
        try store.setTeamPolicy(try TeamPolicy(minReviews: 2, consensus: .majority, adjudicators: []), by: "lead")
        _ = try store.applyLabel(.accept, to: ["t1"], reviewer: "r1", origin: "test")
        let session = ReviewSession.run(
            store, size: Size(width: 120, height: 40), events: Script.open("t1"), reviewer: "r1")
        #expect(session.canvas.lines[0].contains("· pending (you: accepted)"))
    }

    /// QA: beside the list, labeling the last pending trajectory left its pane's header at the decision
    /// before (`pending (you: accepted)`, an adjudicator's ruling at `disputed`) while the list said
    /// accepted: with nothing pending after it, the cursor stays and the pane takes the row again.
    @Test func thePaneBesideTheListShowsTheLabelWhenNothingPendingFollows() throws {
        let store = try ReviewSession.store(ids: ["t1", "t2"])
        _ = try store.applyLabel(.accept, to: ["t2"], reviewer: "r2", origin: "test")
        let session = ReviewSession.run(
            store, size: Size(width: 160, height: 30), events: Script.events(.keys("a")), reviewer: "r1")
        #expect(session.runtime.state.showsSideBySide)
        #expect(session.runtime.state.document?.stored.label.status == .accepted)
        let title = try #require(session.canvas.lines.first { $0.contains("t1 · os") })
        #expect(title.contains("· accepted") && !title.contains("pending"), "\(title)")
    }

    /// QA: with `--where status:pending`, rejecting the last pending trajectory left the pane at
    /// `pending (you: rejected)` and the status bar at `1 pending`: the list emptied, and neither was read
    /// again.
    @Test func labelingTheFilteredListsLastRowShowsTheLabelAndTheNewCounts() throws {
        let store = try ReviewSession.store(ids: ["t1", "t2"])
        _ = try store.applyLabel(.accept, to: ["t2"], reviewer: "r1", origin: "test")
        try store.saveReviewState(
            ReviewSessionState(trajectoryID: nil, filter: "status:pending", sort: ListSort()), for: "r1")
        let session = ReviewSession.run(
            store, size: Size(width: 160, height: 30), events: Script.events(.keys("x")), reviewer: "r1")
        #expect(session.runtime.state.document?.stored.label.status == .rejected)
        #expect(session.runtime.state.list.counts?.total == 0)
        let title = try #require(session.canvas.lines.first { $0.contains("t1 · os") })
        #expect(title.contains("· rejected") && !title.contains("pending"), "\(title)")
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

    /// Three reviewers on an in-memory store, two reviews needed and `lead` the adjudicator: r1 accepts,
    /// r2 (blind) sees nothing of it until they reject, which makes the trajectory disputed; then every
    /// label shows side by side, and lead's reject is the final decision.
    @Test func threeReviewersDisputeAndAdjudicate() throws {
        let store = try ReviewSession.store(ids: ["t1", "t2"])
        try store.setTeamPolicy(TeamPolicy(minReviews: 2, consensus: .majority, adjudicators: ["lead"]), by: "lead")
        try store.assign(reviewers: ["r1", "r2"], perItem: 2, matching: Filter(nil), seed: 1)
        ReviewSession.run(store, events: Script.open("t1") + Script.events(.keys("a")), reviewer: "r1", blind: true)
        #expect(try store.row(id: "t1")?.status == .pending)

        let before = ReviewSession.run(store, events: Script.open("t1"), reviewer: "r2", blind: true)
        #expect(!Self.text(before.canvas).contains("r1"))
        #expect(!Self.text(before.canvas).contains("REVIEWER"))
        #expect(before.runtime.state.document?.labels.count == 1)

        let decided = ReviewSession.run(
            store, events: Script.open("t1") + Script.events(.keys("x")), reviewer: "r2", blind: true)
        #expect(try store.row(id: "t1")?.status == .disputed)
        #expect(decided.runtime.state.progress == QueueProgress(assigned: 2, done: 1))
        // No pending trajectory is left in the list (id:t1): the screen stays on t1, its labels read anew.
        #expect(Self.text(decided.canvas).contains("REVIEWER"))
        #expect(Self.text(decided.canvas).contains("done 1/2"))
        let after = ReviewSession.run(store, events: Script.open("t1"), reviewer: "r2", blind: true)
        let shown = after.canvas.lines
        #expect(shown.contains { $0.contains("r1") && $0.contains("accepted") })
        #expect(shown.contains { $0.contains("r2") && $0.contains("rejected") })

        let filtered = ReviewSession.run(
            store, events: Script.events(.keys("f"), .keys("status:disputed"), .key(.enter)), reviewer: "observer")
        #expect(filtered.runtime.state.list.total == 1)
        #expect(filtered.runtime.state.currentRow?.id == "t1")
        // The list shows the decision, disputed in a role of its own (seen off the cursor's row).
        let list = ReviewSession.run(store, events: Script.events(.keys("j")), reviewer: "onlooker")
        let row = try #require(list.canvas.lines.firstIndex { $0.contains("t1") && $0.contains("disputed") })
        #expect(list.canvas.roleLines[row].contains("DDDDDDDD"))
        let byR1 = ReviewSession.run(
            store, events: Script.events(.keys("f"), .keys("reviewer:r1"), .key(.enter)), reviewer: "observer")
        #expect(byR1.runtime.state.list.total == 1)

        // D goes to the disputed trajectory; lead's reject there is final, and the status line says so.
        let lead = ReviewSession.run(
            store, events: Script.events(.keys("D"), .key(.enter), .keys("x")), reviewer: "lead")
        #expect(try store.row(id: "t1")?.status == .rejected)
        #expect(lead.runtime.state.message?.text == "rejected t1 (saved): final decision (adjudicator)")
        let none = ReviewSession.run(store, events: Script.events(.keys("D")), reviewer: "lead")
        #expect(none.runtime.state.message?.text == "no disputed trajectory in this list")
        #expect(lead.runtime.state.progress == QueueProgress(assigned: 0, done: 0))
        let labels = try store.reviewerLabels(of: "t1")
        #expect(labels.map(\.reviewer) == ["lead", "r1", "r2"])
        #expect(labels.map(\.isAdjudicator) == [true, false, false])
    }

    /// A disputed trajectory is counted in the list's status bar and on the statistics screen (Tab), as
    /// `trove stats` counts it: the counts then add up to the list's length.
    @Test func disputedCountsInTheStatusBarAndTheStatistics() throws {
        let store = try ReviewSession.store(ids: ["t1", "t2", "t3"])
        try store.setTeamPolicy(TeamPolicy(minReviews: 2, consensus: .majority, adjudicators: []), by: "lead")
        try store.applyLabel(.accept, to: ["t1"], reviewer: "r1", origin: "cli")
        try store.applyLabel(.reject, to: ["t1"], reviewer: "r2", origin: "cli")
        #expect(try store.row(id: "t1")?.status == .disputed)
        let size = Size(width: 120, height: 24)
        let list = ReviewSession.run(store, size: size, events: [], reviewer: "onlooker")
        let status = try #require(list.canvas.lines.last { $0.contains("accepted") })
        #expect(status.contains("✓0 accepted ✗0 rejected 2 pending 1 disputed"), "\(status)")
        let stats = ReviewSession.run(store, size: size, events: Script.events(.key(.tab)), reviewer: "onlooker")
        #expect(Self.text(stats.canvas).contains("✓0 ✗0 2 pending 1 disputed"), "\(Self.text(stats.canvas))")
        // Without a dispute the status bar stays as it was.
        let solo = ReviewSession.run(try ReviewSession.store(ids: ["t1"]), size: size, events: [], reviewer: "solo")
        #expect(!Self.text(solo.canvas).contains("disputed"))
        // Blind, no decision is counted, disputes included.
        let blind = ReviewSession.run(store, size: size, events: [], reviewer: "r3", blind: true)
        #expect(!Self.text(blind.canvas).contains("disputed"))
    }

    @Test(arguments: ScreenSnapshotTests.sizes)
    func labelsSideBySide(size: Size) throws {
        let store = try ReviewSession.store(ids: ["t1"])
        try store.setTeamPolicy(TeamPolicy(minReviews: 2, consensus: .majority, adjudicators: ["lead"]), by: "lead")
        _ = try store.applyLabel(.accept, to: ["t1"], reviewer: "r1", origin: "test")
        let change = LabelChange(
            status: .rejected, reward: .set(0.25, reason: "wrong table"), note: .set("loops at step 3"))
        _ = try store.applyLabel(change, to: ["t1"], reviewer: "r2", origin: "test")
        _ = try store.applyLabel(.reject, to: ["t1"], reviewer: "lead", origin: "test")
        let session = ReviewSession.run(store, size: size, events: Script.open("t1"), reviewer: "r2", blind: true)
        assertSnapshot(BlindReviewTests.maskingTimes(session.canvas), named: "labels-side-by-side")
        #expect(session.canvas.lines.contains { $0.contains("lead*") && $0.contains("rejected") })
    }

    /// QA: one screen drew a hostile id two ways: the undo message and the reviewer table escaped it
    /// (`inj_1\e]0;PWNED\u{7}`), the list and the title drew its control characters as pictures
    /// (`inj_1␛]0;PWNED␇`). Every screen now draws ids and reviewer names the second way.
    @Test func aHostileIdAndReviewerNameAreDrawnOneWayOnEveryScreen() throws {
        let store = try ReviewSession.store(ids: [#"inj_1\u001b]0;PWNED\u0007"#])
        let id = "inj_1\u{1B}]0;PWNED\u{7}"
        _ = try store.applyLabel(.accept, to: [id], reviewer: "r\u{1B}[31m", origin: "test")
        let session = ReviewSession.run(
            store, size: Size(width: 120, height: 40),
            events: Script.events(.key(.enter), .keys("x"), .key(.backspace)),
            reviewer: "ana")
        #expect(session.runtime.state.message?.text == "undone: reject of \(id)")
        let text = Self.text(session.canvas)
        #expect(text.contains("undone: reject of inj_1␛]0;PWNED␇"), "\(text)")
        #expect(text.contains("r␛[31m"), "\(text)")
        #expect(!text.contains("\\e") && !text.contains("\\u{"), "\(text)")
    }
}
