import Foundation
import Testing
import TrovePostgres
import TroveTestSupport

/// A running statement is cancelled from another thread (how the review UI stops a count it no longer
/// needs), and the connection then works as before.
@Suite(.enabled(if: TestPostgres.url != nil, TestPostgres.skipMessage))
struct PostgresCancellerTests {
    @Test func aRunningStatementIsCancelledFromAnotherThreadAndTheConnectionStillWorks() throws {
        let connection = try PostgresConnection(url: TestPostgres.url ?? "")
        let canceller = try #require(connection.canceller())
        let start = Date()
        Thread.detachNewThread {
            usleep(200_000)
            canceller.cancel()
        }
        #expect {
            try connection.execute("SELECT pg_sleep(10)")
        } throws: { error in
            (error as? PostgresError)?.isCanceled == true
        }
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(try connection.execute("SELECT 1").integer(0, 0) == 1)
        // A cancel that arrives between statements is forgotten: the next statement runs.
        canceller.cancel()
        #expect(try connection.execute("SELECT 2").integer(0, 0) == 2)
    }
}
