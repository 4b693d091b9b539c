import Testing
import TroveCore
import TroveTestSupport

@testable import TrovePostgres

/// The counts the review UI runs apart from its pages reuse an idle connection instead of making the server
/// start a backend for each; a connection whose work failed for another reason than a stop is closed.
@Suite(.enabled(if: TestPostgres.url != nil, TestPostgres.skipMessage))
struct PostgresConnectionPoolTests {
    private struct Broken: Error {}

    private func backend(_ pool: PostgresConnectionPool, throwing error: (any Error)? = nil) throws -> Int64 {
        try pool.withConnection { connection in
            let pid = try connection.execute("SELECT pg_backend_pid()").integer(0, 0) ?? 0
            if let error { throw error }
            return pid
        }
    }

    @Test func aConnectionIsKeptAfterSuccessOrAStopAndClosedAfterAnyOtherFailure() throws {
        let pool = PostgresConnectionPool(url: TestPostgres.url ?? "", schema: "pool_schema")
        let first = try backend(pool)
        #expect(try backend(pool) == first)
        #expect(throws: CountStopped.self) { try backend(pool, throwing: CountStopped()) }
        #expect(try backend(pool) == first)
        #expect(throws: Broken.self) { try backend(pool, throwing: Broken()) }
        #expect(try backend(pool) != first)
    }

    @Test func aNewConnectionSearchesTheStoresSchema() throws {
        let pool = PostgresConnectionPool(url: TestPostgres.url ?? "", schema: "pool \"schema\"")
        let path = try pool.withConnection { try $0.execute("SHOW search_path").string(0, 0) }
        #expect(path == "\"pool \"\"schema\"\"\"")
    }
}
