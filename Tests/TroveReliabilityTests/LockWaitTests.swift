import Foundation
import GRDB
import Testing
import TroveCore
import TroveStore
import TroveTestSupport

/// Issue 18 item 10: a writer waits for another process's long write instead of failing with
/// "database is locked" after 10 s.
@Suite struct LockWaitTests {
    @Test func aLabelWaitsForAWriteLongerThanTenSecondsAndThenCommits() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("store.sqlite")
        let store = try Store.open(path: path, createIfMissing: true)
        try TrajectoryImporter(store: store).importFiles([Fixtures.url("import/db-small.jsonl").path])

        // Another writer holds the write lock for 12 s, longer than the 10 s trove used to wait.
        let holder = try DatabaseQueue(path: path)
        let locked = DispatchSemaphore(value: 0)
        let released = DispatchSemaphore(value: 0)
        Thread {
            try? holder.inDatabase { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                locked.signal()
                Thread.sleep(forTimeInterval: 12)
                try db.execute(sql: "COMMIT")
            }
            released.signal()
        }.start()
        locked.wait()
        let start = Date()
        let result = try TroveBinary.run(["label", "--store", path, "db_0", "--accept", "--reviewer", "r1"])
        let waited = Date().timeIntervalSince(start)
        released.wait()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(waited >= 10)
        #expect(try Store.open(path: path).currentLabel(of: "db_0").status == .accepted)
        print("reliability: a label waited \(Int(waited)) s for another writer and committed")
    }
}
