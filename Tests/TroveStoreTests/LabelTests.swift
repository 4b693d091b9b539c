import Foundation
import GRDB
import Testing
import TroveCore
import TroveTestSupport

@testable import TroveStore

@Suite struct LabelTests {
    private func storeWithFixture(at path: String? = nil) throws -> Store {
        let store = try path.map { try Store.open(path: $0, createIfMissing: true) } ?? Store.inMemory()
        try TrajectoryImporter(store: store).importFiles([Fixtures.url("import/db-small.jsonl").path])
        return store
    }

    @Test func labelsAreAppendedAndTheCurrentOneIsVisibleInTheViews() throws {
        let store = try storeWithFixture()
        try store.applyLabel(.accept, to: ["db_0", "db_1"], reviewer: "ana", origin: "test")
        try store.applyLabel(
            LabelChange(status: .rejected, reward: .set(0, reason: "wrong"), addTags: ["wrong-answer"]), to: ["db_1"],
            reviewer: "ben", origin: "test")
        // ana and ben each keep their label; by one review and majority, one accept and one reject dispute it.
        #expect(try store.currentLabel(of: "db_1").status == .disputed)
        #expect(try store.currentLabel(of: "db_1", reviewer: "ana") == ReviewLabel(status: .accepted))
        #expect(try store.currentLabel(of: "db_3") == .unreviewed)
        let history = try store.labelHistory(of: "db_1")
        #expect(history.map(\.reviewer) == ["ana", "ben"])
        #expect(history.map(\.label.status) == [.accepted, .rejected])
        let rows = try store.testSeam.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT external_id, status, effective_reward, tags FROM trajectory_review ORDER BY external_id")
        }
        #expect(rows.map { $0[1] as String } == ["accepted", "disputed", "pending"])
        #expect(rows[1][2] as Double? == 0)
        #expect(rows[1][3] as String == #"["wrong-answer"]"#)
        let accepted = try store.testSeam.read { db in
            try Row.fetchAll(db, sql: "SELECT external_id, record FROM accepted_trajectory")
        }
        #expect(accepted.map { $0[0] as String } == ["db_0"])
        #expect((accepted[0][1] as String).hasPrefix(#"{"conversations": "#))
    }

    @Test func unknownIdsStoreNothing() throws {
        let store = try storeWithFixture()
        #expect(throws: StoreError.self) {
            try store.applyLabel(.accept, to: ["db_0", "nope"], reviewer: "ana", origin: "test")
        }
        #expect(try store.labelHistory(of: "db_0").isEmpty)
    }

    @Test func theHistoryIsAppendOnly() throws {
        let store = try storeWithFixture()
        try store.applyLabel(.accept, to: ["db_0"], reviewer: "ana", origin: "test")
        #expect(throws: DatabaseError.self) {
            try store.testSeam.write { db in try db.execute(sql: "UPDATE label_event SET status = 'rejected'") }
        }
        #expect(throws: DatabaseError.self) {
            try store.testSeam.write { db in try db.execute(sql: "DELETE FROM label_event") }
        }
    }

    @Test func undoAndRedoReachBackAcrossSessions() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("store.sqlite")
        do {
            let store = try storeWithFixture(at: path)
            try store.applyLabel(.accept, to: ["db_0"], reviewer: "ana", origin: "ui")
            try store.applyLabel(
                LabelChange(reward: .set(0.5, reason: nil)), to: ["db_0"], reviewer: "ana", origin: "ui")
            try store.applyLabel(.reject, to: ["db_1"], reviewer: "ana", origin: "ui")
            try store.applyLabel(.accept, to: ["db_3"], reviewer: "ben", origin: "ui")
        }
        // A new session on the same file undoes ana's changes newest first, never ben's.
        let store = try Store.open(path: path)
        let first = try #require(try store.undo(reviewer: "ana", origin: "ui"))
        #expect(first.firstEvents.map(\.trajectoryID) == ["db_1"])
        #expect(try store.currentLabel(of: "db_1") == .unreviewed)
        try store.undo(reviewer: "ana", origin: "ui")
        #expect(try store.currentLabel(of: "db_0") == ReviewLabel(status: .accepted))
        try store.undo(reviewer: "ana", origin: "ui")
        #expect(try store.currentLabel(of: "db_0") == .unreviewed)
        #expect(try store.undo(reviewer: "ana", origin: "ui") == nil)
        #expect(try store.currentLabel(of: "db_3").status == .accepted)
        // Redo re-applies in the reverse order.
        try store.redo(reviewer: "ana", origin: "ui")
        #expect(try store.currentLabel(of: "db_0") == ReviewLabel(status: .accepted))
        try store.redo(reviewer: "ana", origin: "ui")
        #expect(try store.currentLabel(of: "db_0").reward == 0.5)
        // A new change clears the redo stack.
        try store.applyLabel(.reject, to: ["db_3"], reviewer: "ana", origin: "ui")
        #expect(try store.redo(reviewer: "ana", origin: "ui") == nil)
        #expect(try store.labelHistory(of: "db_0").map(\.kind) == [.label, .label, .undo, .undo, .redo, .redo])
    }

    @Test func aReadOnlyStoreRefusesChanges() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("store.sqlite")
        _ = try storeWithFixture(at: path)
        let store = try Store.open(path: path, readOnly: true)
        #expect(try store.trajectoryCount() == 3)
        #expect(throws: StoreError.readOnly(path: path)) {
            try store.applyLabel(.accept, to: ["db_0"], reviewer: "ana", origin: "test")
        }
    }

    @Test func aStoreFromANewerTroveIsRefused() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("store.sqlite")
        _ = try storeWithFixture(at: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-future')") }
        try queue.close()
        #expect(throws: StoreError.supersededSchema(path: path)) { _ = try Store.open(path: path) }
    }

    @Test func anOnDiskStoreUsesWriteAheadLogging() throws {
        let directory = TemporaryDirectory()
        let store = try storeWithFixture(at: directory.path("store.sqlite"))
        let mode = try store.testSeam.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }
}
