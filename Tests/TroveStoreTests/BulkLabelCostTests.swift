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

    private func plan(_ store: Store, _ sql: String, _ arguments: StatementArguments) throws -> [String] {
        try store.testSeam.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(sql)", arguments: arguments).map { $0["detail"] }
        }
    }

    @Test(arguments: ["steps>0", "turns>=2 dialect:db", "env_reward>0.5 group:x", "task:db or steps<3"])
    func theTargetsOfAFilterOnSmallColumnsAreReadFromTheIndex(filter: String) throws {
        let store = try store()
        let (targets, arguments) = Store.targets(matching: try Filter.parse(filter))
        let plan = try plan(store, targets, arguments)
        #expect(!plan.contains { $0.hasPrefix("SCAN t") && !$0.contains("COVERING INDEX") }, "\(plan)")
    }

    @Test func foreignKeyChecksAreBackOnAfterALabelAndAfterOneThatFailed() throws {
        let store = try store()
        let foreignKeys = { try store.testSeam.read { db in try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") } }
        try store.applyLabel(.accept, matching: try Filter.parse("task:db"), reviewer: "r1", origin: "test")
        try store.applyLabel(.reject, to: ["db_0"], reviewer: "r2", origin: "test")
        try store.undo(reviewer: "r2", origin: "test")
        #expect(throws: StoreError.unknownTrajectory("none")) {
            try store.applyLabel(.accept, to: ["db_0", "none"], reviewer: "r1", origin: "test")
        }
        #expect(try foreignKeys() == true)
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
