import Foundation
import GRDB
import Testing
import TroveCore
import TroveTestSupport

@testable import TroveStore

/// Issue 18 item 10: a bulk label reads no trajectory's record. The filter's columns are read from the
/// `trajectory_filter_columns` index (a scan of the table read a 10 GB store of a million to test
/// `steps>0`), and foreign key checks, which read each trajectory's row, are off only inside the
/// label's own transaction, the store still whole after it.
@Suite struct BulkLabelCostTests {
    private func store() throws -> Store {
        let store = try Store.inMemory()
        try TrajectoryImporter(store: store).importFiles([Fixtures.url("import/db-small.jsonl").path])
        return store
    }

    /// The SQL of the `label_event_current` trigger, once per copy of it in the schema.
    private func triggerSQL(_ store: Store) throws -> [String] {
        try store.testSeam.read { db in
            try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'label_event_current'")
        }
    }

    private func plan(_ store: Store, _ sql: String, _ arguments: StatementArguments) throws -> [String] {
        try store.testSeam.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(sql)", arguments: arguments).map { $0["detail"] }
        }
    }

    @Test(arguments: ["steps>0", "turns>=2 dialect:db", "env_reward>0.5 group:x", "task:db or steps<3"])
    func theTargetsOfAFilterOnSmallColumnsAreReadFromTheIndex(filter: String) throws {
        let store = try store()
        let (targets, arguments) = try store.testSeam.read {
            try Store.targets(matching: try Filter.parse(filter), db: $0)
        }
        let plan = try plan(store, targets, arguments)
        #expect(!plan.contains { $0.hasPrefix("SCAN t") && !$0.contains("COVERING INDEX") }, "\(plan)")
    }

    @Test func foreignKeyChecksAreBackOnAfterALabelAndAfterOneThatFailed() throws {
        let store = try store()
        let foreignKeys = { try store.testSeam.read { db in try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") } }
        let trigger = { try triggerSQL(store) }
        let triggerBefore = try trigger()
        #expect(triggerBefore.count == 1)
        try store.applyLabel(.accept, matching: try Filter.parse("task:db"), reviewer: "r1", origin: "test")
        try store.applyLabel(.reject, to: ["db_0"], reviewer: "r2", origin: "test")
        try store.undo(reviewer: "r2", origin: "test")
        #expect(throws: StoreError.unknownTrajectory("none")) {
            try store.applyLabel(.accept, to: ["db_0", "none"], reviewer: "r1", origin: "test")
        }
        #expect(try foreignKeys() == true)
        // The trigger set aside inside each label write is back, and makes a script's event a label.
        #expect(try trigger() == triggerBefore)
        try store.testSeam.write { db in
            try db.execute(
                sql: """
                    INSERT INTO label_event (trajectory_id, reviewer, at, kind, status, tags, origin)
                    SELECT id, 'script', '2026-01-01T00:00:00.000Z', 'label', 'rejected', '[]', 'sql'
                    FROM trajectory WHERE external_id = 'db_1'
                    """)
        }
        #expect(try store.currentLabel(of: "db_1", reviewer: "script").status == .rejected)
        let checksIgnored = try store.testSeam.read { db in
            try Bool.fetchOne(db, sql: "PRAGMA ignore_check_constraints")
        }
        #expect(checksIgnored == false)
        let orphans = try store.testSeam.read { db in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") }
        #expect(orphans.isEmpty)
        #expect(try store.check().isOK)
        // A write outside the label path is checked again.
        #expect(throws: DatabaseError.self) {
            try store.testSeam.write { db in
                try db.execute(
                    sql: "INSERT INTO label_tag (trajectory_id, tag) VALUES (?, ?)", arguments: [999_999, "orphan"])
            }
        }
        #expect(throws: DatabaseError.self) {
            try store.testSeam.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO label_event (trajectory_id, reviewer, at, kind, status, tags, origin)
                        VALUES (1, 'script', '2026-01-01T00:00:00.000Z', 'label', 'accepted', 'not json', 'sql')
                        """)
            }
        }
    }

    /// Setting the `label_event_current` trigger aside is a schema change, which makes every other
    /// connection prepare its statements again: a label of one trajectory, its undo and redo leave the
    /// schema as it was; a bulk label sets the trigger aside and creates it again.
    @Test func onlyABulkLabelSetsTheTriggerAside() throws {
        let store = try store()
        let schemaVersion = { try store.testSeam.read { db in try Int.fetchOne(db, sql: "PRAGMA schema_version") } }
        let trigger = { try triggerSQL(store) }
        let triggerBefore = try trigger()
        let before = try schemaVersion()
        try store.applyLabel(.accept, to: ["db_0"], reviewer: "r1", origin: "test")
        try store.undo(reviewer: "r1", origin: "test")
        try store.redo(reviewer: "r1", origin: "test")
        #expect(try schemaVersion() == before)
        try store.applyLabel(.reject, matching: try Filter.parse("task:db"), reviewer: "r2", origin: "test")
        #expect(try schemaVersion() != before)
        #expect(try trigger() == triggerBefore)
    }

    /// An undo of a batch of a reviewer's first labels writes empty labels without looking up each
    /// one's label before it, and deletes the reviewer's labels instead of writing them empty and
    /// removing them: the other reviewer's labels decide again, the trajectory no one else labelled has
    /// no decision and no tags, and a redo brings the labels back.
    @Test func anUndoOfFirstLabelsDeletesTheReviewersLabels() throws {
        let store = try store()
        let tagged = LabelChange(status: .accepted, addTags: ["x"], note: .set("first"))
        let firstBatch = try #require(
            try store.applyLabel(tagged, matching: try Filter.parse("task:db"), reviewer: "r1", origin: "t"))
        try store.applyLabel(.reject, to: ["db_0"], reviewer: "r2", origin: "t")
        let second = try #require(
            try store.applyLabel(
                LabelChange(note: .set("second")), matching: try Filter.parse("task:db"), reviewer: "r1", origin: "t"))
        let firstLabels = { (batch: Int64) in
            try store.testSeam.read { db in
                let (first, last) = try Store.eventRange(ofBatch: batch, db: db)
                return try Store.reviewerOfFirstLabels(batch: batch, first: first, last: last, db: db)
            }
        }
        #expect(try firstLabels(firstBatch.id) == "r1")
        #expect(try firstLabels(second.id) == nil)
        try store.undo(reviewer: "r1", origin: "t")
        try store.undo(reviewer: "r1", origin: "t")
        #expect(try store.currentLabel(of: "db_1", reviewer: "r1") == .unreviewed)
        #expect(try store.reviewerLabels(of: "db_0").map(\.reviewer) == ["r2"])
        #expect(try store.currentLabel(of: "db_0").status == .rejected)
        #expect(try store.currentLabel(of: "db_0").tags == [])
        #expect(try store.currentLabel(of: "db_1") == .unreviewed)
        let undone = try #require(try store.labelHistory(of: "db_1").last)
        #expect(undone.kind == .undo && undone.label == .unreviewed)
        let rows = try store.testSeam.read { db in
            try Int.fetchOne(
                db, sql: "SELECT (SELECT count(*) FROM label_tag) + (SELECT count(*) FROM reviewer_current)")
        }
        #expect(rows == 1)
        try store.redo(reviewer: "r1", origin: "t")
        #expect(try store.currentLabel(of: "db_1", reviewer: "r1") == tagged.applied(to: ReviewLabel.unreviewed))
        #expect(try store.check().isOK)
    }

    /// trove's label writes skip the CHECK constraints (their values come from a validated change or from
    /// stored rows); `trove check` still finds a row that breaks one.
    @Test func checkFindsALabelRowThatBreaksACheckConstraint() throws {
        let store = try store()
        try store.applyLabel(.accept, matching: try Filter.parse("task:db"), reviewer: "r1", origin: "test")
        #expect(try store.check().isOK)
        try store.testSeam.writeWithoutTransaction { db in
            try db.execute(
                sql: """
                    PRAGMA ignore_check_constraints = ON;
                    INSERT INTO label_event (trajectory_id, reviewer, at, kind, status, tags, origin, batch)
                    VALUES (1, 'r1', '2026-01-01T00:00:00.000Z', 'label', 'accepted', 'not json', 'sql', 1);
                    PRAGMA ignore_check_constraints = OFF;
                    """)
        }
        #expect(!(try store.check().isOK))
    }

    /// A batch's events are read by their row id range, not through `label_event_by_batch` and a table
    /// lookup per entry (1.0 s instead of 2.0 s for the reviewer labels of a million events).
    @Test func aBatchsEventsAreReadByRowIDRange() throws {
        let store = try store()
        for sql in [StoreSchema.reviewerLabelUpsert, StoreSchema.emptyReviewerLabelRemoval] {
            let plan = try plan(store, sql, [1, 0])
            #expect(plan.contains { $0.contains("label_event USING INTEGER PRIMARY KEY (rowid>?)") }, "\(plan)")
            #expect(!plan.contains { $0.contains("label_event_by_batch") }, "\(plan)")
        }
    }

    /// Decisions read from each trajectory's one label, as a batch on trajectories no other reviewer
    /// labelled derives them, are the decisions the aggregate over every label gives, under every kind
    /// of policy.
    @Test(arguments: [
        nil, try TeamPolicy(minReviews: 2, consensus: .majority),
        try TeamPolicy(minReviews: 2, consensus: .unanimous, adjudicators: ["r1"]),
        try TeamPolicy(minReviews: 1, consensus: .unanimous, adjudicators: ["r2"]),
    ])
    func decisionsFromOneLabelAreTheAggregatesDecisions(policy: TeamPolicy?) throws {
        let store = try store()
        if let policy { try store.setTeamPolicy(policy, by: "lead") }
        try store.applyLabel(
            LabelChange(status: .accepted, addTags: ["b", "a"]), to: ["db_0"], reviewer: "r1", origin: "t")
        try store.applyLabel(
            LabelChange(status: .rejected, reward: .set(0.25, reason: "half")), to: ["db_1"], reviewer: "r2",
            origin: "t")
        try store.testSeam.write { db in
            // A script's label with a note and a reason but no reward: the decision has no reason.
            try db.execute(
                sql: """
                    INSERT INTO label_event (trajectory_id, reviewer, at, kind, status, reward_reason, tags, note, origin)
                    SELECT id, 'script', '2026-01-01T00:00:00.000Z', 'label', 'pending', 'why', '[]', 'look', 'sql'
                    FROM trajectory WHERE external_id = 'db_3'
                    """)
        }
        let rows = { (sql: String) in
            try store.testSeam.read { db in try Row.fetchAll(db, sql: "SELECT * FROM (\(sql)) ORDER BY trajectory_id") }
        }
        let sql = TeamPolicySQL(.sqlite)
        let targets = "SELECT trajectory_id FROM reviewer_current"
        let aggregated = try rows(sql.decisions(of: targets))
        #expect(aggregated.count == 3)
        #expect(try rows(sql.soleLabelDecisions(of: targets)) == aggregated)
    }

    /// A one-reviewer batch on trajectories another reviewer labelled (whose name sorts before or after)
    /// derives their decisions from both labels; an undo or redo from the labels it leaves, one or two.
    @Test(arguments: ["a", "z"])
    func aBatchOnTrajectoriesAnotherReviewerLabelledDecidesFromBoth(other: String) throws {
        let store = try store()
        try store.applyLabel(.reject, to: ["db_1"], reviewer: other, origin: "t")
        try store.applyLabel(.accept, matching: try Filter.parse("task:db"), reviewer: "m", origin: "t")
        #expect(try store.currentLabel(of: "db_1").status == .disputed)
        #expect(try store.currentLabel(of: "db_0").status == .accepted)
        try store.undo(reviewer: other, origin: "t")
        #expect(try store.currentLabel(of: "db_1").status == .accepted)
        try store.redo(reviewer: other, origin: "t")
        #expect(try store.currentLabel(of: "db_1").status == .disputed)
        try store.undo(reviewer: "m", origin: "t")
        #expect(try store.currentLabel(of: "db_1").status == .rejected)
        #expect(try store.currentLabel(of: "db_0").status == .pending)
        #expect(try store.check().isOK)
    }

    /// A change that leaves a verdict, a reward override or a note skips the search for emptied labels
    /// (a second read of each of a million events): that is only right if no label it gives is empty.
    @Test func aChangeSaidToLeaveContentNeverGivesAnEmptyLabel() throws {
        let changes: [LabelChange] = [
            .accept, .reject, .pending, LabelChange(reward: .set(0.5, reason: nil)), LabelChange(reward: .clear),
            LabelChange(note: .set("why")), LabelChange(note: .set("")), LabelChange(note: .clear),
            LabelChange(addTags: ["a"]), LabelChange(removeTags: ["a"]), LabelChange(toggleTags: ["a"]),
            LabelChange(status: .pending, reward: .clear, removeTags: ["a"], note: .clear),
        ]
        let labels: [ReviewLabel] = [
            .unreviewed, ReviewLabel(status: .accepted), ReviewLabel(status: .pending, reward: 1, rewardReason: "r"),
            ReviewLabel(status: .rejected, tags: ["a"], note: "n"),
        ]
        for change in changes where change.leavesNonEmptyLabels {
            for label in labels { #expect(change.applied(to: label) != .unreviewed, "\(change) on \(label)") }
        }
        #expect(
            changes.map(\.leavesNonEmptyLabels) == [true, true] + [false] + [true, false, true]
                + Array(repeating: false, count: 6))
    }

    @Test func aBulkAcceptThenAPendingAndItsUndoKeepOnlyLabelsWithContent() throws {
        let store = try store()
        let all = try Filter.parse("task:db")
        try store.applyLabel(.accept, matching: all, reviewer: "r1", origin: "test")
        try store.applyLabel(.pending, matching: all, reviewer: "r1", origin: "test")
        let rows = {
            try store.testSeam.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM reviewer_current") }
        }
        #expect(try rows() == 0)
        try store.undo(reviewer: "r1", origin: "test")
        #expect(try rows() ?? 0 > 0)
        #expect(try store.check().isOK)
    }
}
