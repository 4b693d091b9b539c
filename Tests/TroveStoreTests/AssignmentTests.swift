import Foundation
import GRDB
import Testing
import TroveCore
import TroveTestSupport

@testable import TroveStore

/// Issue 13 items 4 and 5: `trove assign` gives each trajectory K distinct reviewers, balanced and
/// deterministic, never again to one who holds or labeled it; progress counts each reviewer's work.
@Suite struct AssignmentTests {
    /// A store of `count` synthetic trajectories.
    private func store(count: Int) throws -> Store {
        let directory = TemporaryDirectory()
        let lines = (0..<count).map { index in
            #"{"id": "t\#(index)", "conversations": [{"from": "human", "value": "task \#(index)"}, {"from": "gpt", "value": "done"}]}"#
        }
        let store = try Store.inMemory()
        try TrajectoryImporter(store: store).importFiles([
            directory.write("t.jsonl", lines.joined(separator: "\n") + "\n")
        ])
        return store
    }

    private func assignments(_ store: Store) throws -> [[String]] {
        try store.testSeam.read { db in
            try Row.fetchAll(
                db, sql: "SELECT external_id, reviewer FROM review_assignment ORDER BY trajectory_id, reviewer"
            ).map { [$0["external_id"], $0["reviewer"]] }
        }
    }

    @Test func eachTrajectoryGetsKDistinctReviewersWithLoadsWithinOne() throws {
        let first = try store(count: 31)
        let summary = try first.assign(reviewers: ["a", "b", "c", "d"], perItem: 3, matching: Filter(nil), seed: 5)
        #expect(summary.trajectories == 31)
        #expect(summary.short == 0)
        let rows = try assignments(first)
        #expect(rows.count == 93)
        let perTrajectory = Dictionary(grouping: rows, by: { $0[0] }).mapValues { Set($0.map { $0[1] }).count }
        #expect(perTrajectory.values.allSatisfy { $0 == 3 })
        let loads = summary.loads.map(\.total)
        #expect(loads.reduce(0, +) == 93)
        #expect(loads.max()! - loads.min()! <= 1)
        // The same seed on a fresh store gives the same assignment; another seed a different one.
        let again = try store(count: 31)
        try again.assign(reviewers: ["a", "b", "c", "d"], perItem: 3, matching: Filter(nil), seed: 5)
        #expect(try assignments(again) == rows)
        let other = try store(count: 31)
        try other.assign(reviewers: ["a", "b", "c", "d"], perItem: 3, matching: Filter(nil), seed: 6)
        #expect(try assignments(other) != rows)
    }

    @Test func aReviewerWhoHoldsOrDecidedATrajectoryIsNeverAssignedItAgain() throws {
        let store = try store(count: 6)
        try store.applyLabel(.accept, to: ["t0", "t1"], reviewer: "a", origin: "test")
        try store.assign(reviewers: ["b"], perItem: 1, matching: try Filter.parse("id:t2"), seed: 0)
        let summary = try store.assign(reviewers: ["a", "b", "c"], perItem: 2, matching: Filter(nil), seed: 1)
        let rows = try assignments(store)
        // t0 and t1 count a's label, so a is not assigned them; t2 keeps b.
        #expect(!rows.contains(["t0", "a"]))
        #expect(!rows.contains(["t1", "a"]))
        #expect(rows.filter { $0[0] == "t2" }.count == 2)
        for id in ["t0", "t1"] { #expect(rows.filter { $0[0] == id }.count == 1) }
        // One more for each of t0, t1 and t2, two for each of the three others.
        let added: Int = summary.loads.map(\.added).reduce(0, +)
        #expect(added == 9)
        // Nothing is left to assign: a second run adds nothing.
        let again = try store.assign(reviewers: ["a", "b", "c"], perItem: 2, matching: Filter(nil), seed: 9)
        #expect(again.loads.map(\.added) == [0, 0, 0])
    }

    /// QA: a tag-only label counted as one of the trajectory's reviewers, so its reviewer was not
    /// assigned it, never decided it, and it stayed pending under a policy of two reviews. A label that
    /// decides nothing (tags, a note, a reward override) leaves its trajectory to assign.
    @Test func aLabelThatDecidesNothingDoesNotCountTowardsPerItem() throws {
        let store = try store(count: 3)
        try store.applyLabel(LabelChange(addTags: ["looks-odd"]), to: ["t0"], reviewer: "a", origin: "test")
        try store.applyLabel(LabelChange(note: .set("later")), to: ["t1"], reviewer: "b", origin: "test")
        try store.applyLabel(LabelChange(reward: .set(0.5, reason: nil)), to: ["t2"], reviewer: "a", origin: "test")
        try store.assign(reviewers: ["a", "b"], perItem: 2, matching: Filter(nil), seed: 0)
        #expect(
            try assignments(store) == [
                ["t0", "a"], ["t0", "b"], ["t1", "a"], ["t1", "b"], ["t2", "a"], ["t2", "b"],
            ])
        #expect(try store.trajectoryIDs(matching: try Filter.parse("queue:a")) == ["t0", "t1", "t2"])
        _ = try store.setTeamPolicy(try TeamPolicy(minReviews: 2, consensus: .majority, adjudicators: []), by: "lead")
        for reviewer in ["a", "b"] {
            try store.applyLabel(
                .accept, to: try store.trajectoryIDs(matching: try Filter.parse("queue:\(reviewer)")),
                reviewer: reviewer, origin: "test")
        }
        #expect(try store.trajectoryIDs(matching: try Filter.parse("status:pending")) == [])
    }

    @Test func moreReviewersPerItemThanReviewersIsRefused() throws {
        let store = try store(count: 2)
        #expect(throws: AssignmentError.tooFewReviewers(perItem: 3, reviewers: 2)) {
            try store.assign(reviewers: ["a", "b", "a"], perItem: 3, matching: Filter(nil), seed: 0)
        }
        #expect(try assignments(store).isEmpty)
    }

    @Test func theQueueIsWhatIsAssignedAndNotDecidedAndProgressCountsIt() throws {
        let store = try store(count: 4)
        try store.assign(reviewers: ["a", "b"], perItem: 2, matching: Filter(nil), seed: 0)
        try store.applyLabel(.accept, to: ["t0"], reviewer: "a", origin: "test")
        try store.applyLabel(LabelChange(addTags: ["later"]), to: ["t1"], reviewer: "a", origin: "test")
        try store.applyLabel(.reject, to: ["t2"], reviewer: "a", origin: "test")
        #expect(try store.trajectoryIDs(matching: try Filter.parse("queue:a")) == ["t1", "t3"])
        #expect(try store.trajectoryIDs(matching: try Filter.parse("queue:b")) == ["t0", "t1", "t2", "t3"])
        #expect(try store.trajectoryIDs(matching: try Filter.parse("assigned:a -queue:a")) == ["t0", "t2"])
        #expect(try store.trajectoryIDs(matching: try Filter.parse("assigned:nobody")) == [])
        #expect(try store.reviewQueue(of: "a")?.description == "queue:a")
        #expect(try store.reviewQueue(of: "nobody") == nil)
        #expect(try store.reviewQueue(of: "odd name")?.description == nil)
        let progress = try store.progress()
        #expect(progress.map(\.reviewer) == ["a", "b"])
        #expect(progress[0].assigned == 4)
        #expect(progress[0].done == 2)
        #expect(progress[0].decided == 2)
        #expect(progress[1].labelsPerHour == nil)
        #expect(progress[1].hoursLeft == nil)
    }

    /// QA: an adjudicator who decided trajectories showed done 0, as if idle: `decided` counts every
    /// trajectory a reviewer's label accepts or rejects, assigned or not, and with nothing assigned
    /// there is no time left to show.
    @Test func progressCountsDecisionsOutsideTheQueue() throws {
        let store = try store(count: 4)
        try store.assign(reviewers: ["a"], perItem: 1, matching: try Filter.parse("id:t0 or id:t1"), seed: 0)
        try store.applyLabel(.accept, to: ["t0", "t2"], reviewer: "a", origin: "test")
        try store.applyLabel(.reject, to: ["t1", "t3"], reviewer: "lead", origin: "test")
        try store.applyLabel(LabelChange(addTags: ["odd"]), to: ["t2"], reviewer: "lead", origin: "test")
        let progress = try store.progress()
        #expect(progress.map(\.reviewer) == ["a", "lead"])
        #expect(progress.map(\.assigned) == [2, 0])
        #expect(progress.map(\.done) == [1, 0])
        #expect(progress.map(\.decided) == [2, 2])
        #expect(progress[1].hoursLeft == nil)
    }

    @Test func thePaceIsTheLastHourOfAReviewersWork() throws {
        let store = try store(count: 10)
        try store.assign(reviewers: ["a"], perItem: 1, matching: Filter(nil), seed: 0)
        // Events 10 minutes apart from 00:00 to 01:30: the hour before the latest holds 00:40 … 01:30,
        // six events over 50 minutes, five intervals: 6 labels per hour.
        try store.testSeam.write { db in
            for minute in stride(from: 0, through: 90, by: 10) {
                try db.execute(
                    sql: """
                        INSERT INTO label_event (trajectory_id, reviewer, at, kind, status, tags, origin)
                        VALUES (?, 'a', ?, 'label', 'accepted', '[]', 'sql')
                        """,
                    arguments: [
                        minute / 10 + 1, String(format: "2026-01-01T%02d:%02d:00.000Z", minute / 60, minute % 60),
                    ])
            }
        }
        let a = try #require(try store.progress().first)
        #expect(a.done == 10)
        #expect(abs(try #require(a.labelsPerHour) - 6) < 1e-6)
        #expect(a.hoursLeft == 0)
    }

    /// QA: three labels a second apart (a batch from a script) gave "72005 labels per hour"; events that
    /// span less than five minutes give no pace.
    @Test func aBurstOfLabelsGivesNoPace() throws {
        let store = try store(count: 10)
        try store.assign(reviewers: ["a"], perItem: 1, matching: Filter(nil), seed: 0)
        try store.testSeam.write { db in
            for second in 0..<3 {
                try db.execute(
                    sql: """
                        INSERT INTO label_event (trajectory_id, reviewer, at, kind, status, tags, origin)
                        VALUES (?, 'a', ?, 'label', 'accepted', '[]', 'cli')
                        """,
                    arguments: [second + 1, String(format: "2026-01-01T00:00:%02d.000Z", second)])
            }
        }
        let a = try #require(try store.progress().first)
        #expect(a.done == 3)
        #expect(a.labelsPerHour == nil && a.hoursLeft == nil)
    }

    /// A batch counts as one change: a script's three labels, then one six minutes later, are two
    /// changes, ten an hour, not thirty.
    @Test func aBatchIsOneChangeOfThePace() throws {
        let store = try store(count: 10)
        try store.assign(reviewers: ["a"], perItem: 1, matching: Filter(nil), seed: 0)
        try store.testSeam.write { db in
            try db.execute(
                sql: """
                    INSERT INTO label_batch (id, reviewer, at, kind, change, origin)
                    VALUES (1, 'a', '2026-01-01T00:00:00.000Z', 'label', 'accept', 'cli');
                    INSERT INTO label_event (trajectory_id, reviewer, at, kind, status, tags, origin, batch) VALUES
                        (1, 'a', '2026-01-01T00:00:00.000Z', 'label', 'accepted', '[]', 'cli', 1),
                        (2, 'a', '2026-01-01T00:00:00.000Z', 'label', 'accepted', '[]', 'cli', 1),
                        (3, 'a', '2026-01-01T00:00:00.000Z', 'label', 'accepted', '[]', 'cli', 1);
                    INSERT INTO label_event (trajectory_id, reviewer, at, kind, status, tags, origin)
                    VALUES (4, 'a', '2026-01-01T00:06:00.000Z', 'label', 'accepted', '[]', 'ui');
                    """)
        }
        let a = try #require(try store.progress().first)
        #expect(abs(try #require(a.labelsPerHour) - 10) < 0.1)
    }
}
