import Foundation
import Synchronization
import Testing
import TroveCore
import TrovePostgres
import TroveTestSupport

/// The review list's counts never hold the connection its pages are read on, and a count tried before
/// the frame gives up at once when told to, without waiting for the server to stop it.
@Suite(.enabled(if: TestPostgres.url != nil, TestPostgres.skipMessage))
struct PostgresCountTests {
    /// Runs `body` on a thread of its own and waits up to `seconds` for it; nil when it did not finish.
    private func finished<T: Sendable>(within seconds: Double, _ body: @escaping @Sendable () -> T) -> T? {
        let outcome = Mutex<T?>(nil)
        Thread.detachNewThread {
            let value = body()
            outcome.withLock { $0 = value }
        }
        let deadline = Date(timeIntervalSinceNow: seconds)
        while Date() < deadline {
            if let value = outcome.withLock({ $0 }) { return value }
            usleep(1000)
        }
        return nil
    }

    @Test func aCountWaitingOnTheServerHoldsUpNoReadAndAStoppedTryReturnsAtOnce() throws {
        let url = TestPostgres.url ?? ""
        let store = try PostgresStore(url: url, schema: TestPostgres.uniqueSchema(), createIfMissing: true)
        // Another session holds the trajectory table, so the count waits on the server until it lets go.
        let holder = try PostgresConnection(url: url)
        try holder.execute("SET search_path = \(PostgresConnection.quoted(store.schema))")
        try holder.execute("BEGIN")
        try holder.execute("LOCK TABLE trajectory IN ACCESS EXCLUSIVE MODE")
        defer { _ = try? holder.execute("ROLLBACK") }
        let stop = Mutex(false)
        let count = Mutex<Result<ListCounts, any Error>?>(nil)
        Thread.detachNewThread {
            let result = Result {
                try store.listCounts(
                    matching: try Filter.parse("task:os"), sortedBy: ListSort(), before: nil, storeTotal: 0,
                    shouldStop: { stop.withLock { $0 } })
            }
            count.withLock { $0 = result }
        }
        let watcher = try PostgresConnection(url: url)
        let deadline = Date(timeIntervalSinceNow: 10)
        var waiting = 0
        while waiting != 1, Date() < deadline {
            usleep(5000)
            waiting = Int(
                try watcher.execute(
                    """
                    SELECT count(*) FROM pg_stat_activity
                    WHERE wait_event_type = 'Lock' AND query LIKE '%count(*) FILTER%'
                    """
                ).integer(0, 0) ?? 0)
        }
        #expect(waiting == 1)
        // The store's own connection is free while the count waits.
        let read = finished(within: 2) { Result { try store.reviewState(for: "ana") } }
        #expect(read.map { (try? $0.get()) == .some(nil) } == true)
        // Told to stop, the try returns without waiting for the server.
        stop.withLock { $0 = true }
        let stopped = finished(within: 2) {
            while count.withLock({ $0 }) == nil { usleep(1000) }
            return true
        }
        #expect(stopped == true)
        #expect(throws: CountStopped.self) { try count.withLock { $0 }?.get() }
    }
}
