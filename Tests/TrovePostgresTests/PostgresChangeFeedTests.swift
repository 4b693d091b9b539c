import Foundation
import Testing
import TroveCore
import TrovePostgres
import TroveTestSupport

/// Other processes' changes reach a listening review session through `LISTEN`/`NOTIFY`.
@Suite(.enabled(if: TestPostgres.url != nil, TestPostgres.skipMessage))
struct PostgresChangeFeedTests {
    let url = TestPostgres.url ?? ""

    /// A label batch and an import, each committed on another connection, arrive within a second; a
    /// change to another store (schema) on the same server does not, and nothing arrives unasked.
    @Test func committedChangesOfThisStoreArriveWithinASecond() throws {
        let schema = TestPostgres.uniqueSchema()
        let store = try PostgresStore(url: url, schema: schema, createIfMissing: true)
        let feed = try store.changeFeed()
        #expect(try !feed.changeArrived())
        let other = try PostgresStore(url: url, schema: TestPostgres.uniqueSchema(), createIfMissing: true)
        _ = try PostgresImporter(store: other).importFiles([Fixtures.url("dialects/os.json").path])
        #expect(try !feed.waitForChange(timeout: 0.3))

        let writer = try PostgresStore(url: url, schema: schema)
        _ = try PostgresImporter(store: writer).importFiles([Fixtures.url("dialects/os.json").path])
        let start = Date()
        #expect(try feed.waitForChange(timeout: 1))
        #expect(Date().timeIntervalSince(start) < 1)
        // The import's later notifications (one per transaction) may reach the socket a moment after the
        // first under load: once they have, nothing more is waiting.
        while try feed.waitForChange(timeout: 0.2) {}
        #expect(try !feed.changeArrived())

        try writer.connection.execute(
            """
            INSERT INTO label_batch (reviewer, at, kind, change, origin)
                VALUES ('ana', '2026-11-30T00:00:00Z', 'label', '{}', 'test')
            """)
        #expect(try feed.waitForChange(timeout: 1))
    }

    /// A team policy set and an assignment, each committed on another connection, arrive as changes and
    /// move the change token, which an open review polls when it has no feed.
    @Test func aPolicyAndAnAssignmentArriveAndMoveTheToken() throws {
        let schema = TestPostgres.uniqueSchema()
        let store = try PostgresStore(url: url, schema: schema, createIfMissing: true)
        _ = try PostgresImporter(store: store).importFiles([Fixtures.url("dialects/os.json").path])
        let feed = try store.changeFeed()
        let writer = try PostgresStore(url: url, schema: schema)
        let before = try store.changeToken()
        _ = try writer.setTeamPolicy(try TeamPolicy(minReviews: 2, consensus: .unanimous), by: "lead")
        #expect(try feed.waitForChange(timeout: 1))
        let afterPolicy = try store.changeToken()
        #expect(afterPolicy != before)
        while try feed.waitForChange(timeout: 0.2) {}
        _ = try writer.assign(reviewers: ["ana"], perItem: 1, matching: Filter(nil), seed: 1)
        #expect(try feed.waitForChange(timeout: 1))
        #expect(try store.changeToken() != afterPolicy)
    }

    /// A transaction that is rolled back sends nothing.
    @Test func aRolledBackChangeSendsNothing() throws {
        let schema = TestPostgres.uniqueSchema()
        let store = try PostgresStore(url: url, schema: schema, createIfMissing: true)
        let feed = try store.changeFeed()
        struct Abandoned: Error {}
        #expect(throws: Abandoned.self) {
            try store.connection.transaction {
                try store.connection.execute(
                    """
                    INSERT INTO label_batch (reviewer, at, kind, change, origin)
                        VALUES ('ana', '2026-11-30T00:00:00Z', 'label', '{}', 'test')
                    """)
                throw Abandoned()
            }
        }
        #expect(try !feed.waitForChange(timeout: 0.3))
    }
}
