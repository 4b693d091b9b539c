import Foundation
import GRDB
import Testing
import TroveCore
import TroveTestSupport

@testable import TroveStore

/// Issue 10 items 4 and 5: a change is one batch, undone and redone whole, and a change that changes
/// nothing writes nothing.
@Suite struct LabelBatchTests {
    private func store() throws -> Store {
        let store = try Store.inMemory()
        try TrajectoryImporter(store: store).importFiles([Fixtures.url("import/db-small.jsonl").path])
        return store
    }

    private func eventCount(_ store: Store) throws -> Int {
        try store.testSeam.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM label_event") ?? 0 }
    }

    @Test func aChangeByFilterIsOneBatchThatOneUndoTakesBackAndOneRedoBringsBack() throws {
        let store = try store()
        try store.applyLabel(.accept, to: ["db_0"], reviewer: "r1", origin: "test")
        let batch = try #require(
            try store.applyLabel(.reject, matching: try Filter.parse("task:db"), reviewer: "r1", origin: "cli"))
        #expect(batch.count == 3)
        #expect(batch.firstEvents.map(\.trajectoryID) == ["db_0", "db_1", "db_3"])
        #expect(Set(batch.firstEvents.map(\.batch)) == [batch.id])
        #expect(batch.message == "labeled 3 trajectories: rejected (by r1)")

        let undone = try #require(try store.undo(reviewer: "r1", origin: "cli"))
        #expect(undone.count == 3)
        #expect(undone.reverts == batch.id)
        #expect(undone.message == "undone: reject of 3 trajectories")
        #expect(try store.currentLabel(of: "db_0").status == .accepted)
        #expect(try store.currentLabel(of: "db_1") == .unreviewed)
        #expect(try store.currentLabel(of: "db_3") == .unreviewed)

        let redone = try #require(try store.redo(reviewer: "r1", origin: "cli"))
        #expect(redone.message == "redone: reject of 3 trajectories")
        for id in ["db_0", "db_1", "db_3"] { #expect(try store.currentLabel(of: id).status == .rejected) }

        // The second undo takes back the whole batch again, the third the single accept before it.
        try store.undo(reviewer: "r1", origin: "cli")
        let single = try #require(try store.undo(reviewer: "r1", origin: "cli"))
        #expect(single.message == "undone: accept of db_0")
        #expect(try store.currentLabel(of: "db_0") == .unreviewed)
        #expect(try store.undo(reviewer: "r1", origin: "cli") == nil)
    }

    @Test func messagesNameTheChangeAndTheTrajectory() throws {
        let store = try store()
        let events = try store.applyLabel(
            LabelChange(note: .set("see step 3")), to: ["db_3"], reviewer: "r1", origin: "ui")
        #expect(events.count == 1)
        #expect(try #require(try store.undo(reviewer: "r1", origin: "ui")).message == "undone: note on db_3")
        #expect(try #require(try store.redo(reviewer: "r1", origin: "ui")).message == "redone: note on db_3")
    }

    @Test func aChangeThatChangesNothingWritesNothing() throws {
        let store = try store()
        #expect(try store.applyLabel(LabelChange(reward: .clear), to: ["db_0"], reviewer: "r1", origin: "cli") == [])
        #expect(try store.applyLabel(LabelChange(note: .clear), to: ["db_0"], reviewer: "r1", origin: "cli") == [])
        #expect(try store.applyLabel(.pending, matching: Filter(nil), reviewer: "r1", origin: "cli") == nil)
        #expect(try eventCount(store) == 0)
        #expect(try store.testSeam.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM label_batch") } == 0)

        try store.applyLabel(.accept, to: ["db_0", "db_1"], reviewer: "r1", origin: "cli")
        // Only db_3 changes; nothing to undo was created by the no-op changes.
        let batch = try #require(try store.applyLabel(.accept, matching: Filter(nil), reviewer: "r1", origin: "cli"))
        #expect(batch.firstEvents.map(\.trajectoryID) == ["db_3"])
        #expect(try eventCount(store) == 3)
        #expect(try store.undo(reviewer: "r1", origin: "cli")?.count == 1)
        #expect(try store.undo(reviewer: "r1", origin: "cli")?.count == 2)
    }

    @Test func thePreviewCountsWhatWouldChangeAndWritesNothing() throws {
        let store = try store()
        try store.applyLabel(.reject, to: ["db_1"], reviewer: "r1", origin: "cli")
        let preview = try store.previewLabel(
            .reject, matching: try Filter.parse("task:db"), reviewer: "r1", limit: 1)
        #expect(preview.count == 2)
        #expect(preview.firstIDs == ["db_0"])
        #expect(try eventCount(store) == 1)
    }

    /// The set-based SQL computes the same label as ``LabelChange/applied(to:)`` for every kind of change.
    @Test(arguments: [
        LabelChange(addTags: ["b", "a"]), LabelChange(removeTags: ["x"]), LabelChange(toggleTags: ["x", "new"]),
        LabelChange(addTags: ["x"], removeTags: ["x"]), LabelChange(addTags: ["y"], toggleTags: ["y", "x"]),
        LabelChange(removeTags: ["x"], toggleTags: ["x"]),
        LabelChange(status: .rejected, reward: .set(0.25, reason: "partly"), note: .set("n")),
        LabelChange(reward: .clear, note: .set("")), LabelChange(status: .pending, note: .clear),
    ])
    func theSQLLabelIsTheLabelAppliedToInSwift(change: LabelChange) throws {
        let store = try store()
        let start = LabelChange(
            status: .accepted, reward: .set(1, reason: "r"), addTags: ["x", "z"], note: .set("old"))
        try store.applyLabel(start, to: ["db_0"], reviewer: "r1", origin: "test")
        for id in ["db_0", "db_1"] {
            let before = try store.currentLabel(of: id)
            try store.applyLabel(change, to: [id], reviewer: "r1", origin: "test")
            #expect(try store.currentLabel(of: id) == change.applied(to: before), "\(id)")
        }
    }

    @Test func aVersionTwoStoreGetsABatchPerEventAndUndoKeepsWorking() throws {
        let queue = try DatabaseQueue()
        try StoreSchema.migrator.migrate(queue, upTo: "v2-private-and-shared-texts")
        try queue.write { db in
            try StoreRows.insertTrajectories([(1, "os_1", 1, 0), (2, "os_2", 1, 0)], into: db)
            try db.execute(
                sql: """
                    INSERT INTO label_event (id, trajectory_id, reviewer, at, kind, reverts, status, tags, origin) VALUES
                        (1, 1, 'ana', '2026-01-01T00:00:00.000Z', 'label', NULL, 'accepted', '[]', 'ui'),
                        (2, 2, 'ana', '2026-01-01T00:00:01.000Z', 'label', NULL, 'rejected', '[]', 'ui'),
                        (3, 2, 'ana', '2026-01-01T00:00:02.000Z', 'undo', 2, 'pending', '[]', 'ui');
                    """)
        }
        let store = try Store(queue, path: ":memory:")
        let batches = try store.testSeam.read { db in
            try Row.fetchAll(db, sql: "SELECT id, kind, reverts, change FROM label_batch ORDER BY id")
        }
        #expect(batches.map { $0[3] as String } == ["accept", "reject", "reject"])
        #expect(batches.map { $0[2] as Int64? } == [nil, nil, 2])
        #expect(try store.labelHistory(of: "os_2").map(\.batch) == [2, 3])
        #expect(
            try store.testSeam.read { db in
                try String.fetchOne(db, sql: "SELECT value FROM store_info WHERE key = 'schema_version'")
            } == String(StoreSchema.version))
        // The history stays append-only, and undo goes on from where version 2 left it.
        #expect(throws: DatabaseError.self) {
            try store.testSeam.write { db in try db.execute(sql: "UPDATE label_event SET batch = NULL") }
        }
        #expect(try store.redo(reviewer: "ana", origin: "cli")?.message == "redone: reject of os_2")
        try store.undo(reviewer: "ana", origin: "cli")
        #expect(try store.undo(reviewer: "ana", origin: "cli")?.message == "undone: accept of os_1")
        #expect(try store.currentLabel(of: "os_1") == .unreviewed)
    }
}
