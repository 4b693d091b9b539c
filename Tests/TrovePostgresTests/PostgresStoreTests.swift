import Foundation
import Testing
import TroveCore
import TrovePostgres
import TroveTestSupport

@Suite(.enabled(if: TestPostgres.url != nil, TestPostgres.skipMessage))
struct PostgresStoreTests {
    let url = TestPostgres.url ?? ""
    let schema = TestPostgres.uniqueSchema()

    @Test func aNewStoreHasEveryMigrationAndTheVersion() throws {
        let store = try PostgresStore(url: url, schema: schema, createIfMissing: true)
        #expect(try store.schemaVersion() == 8)
        let migrations = try store.connection.execute("SELECT identifier FROM grdb_migrations ORDER BY identifier")
        #expect(migrations.rowCount == 16)
        // Opening it again changes nothing.
        _ = try PostgresStore(url: url, schema: schema)
        #expect(try store.connection.execute("SELECT count(*) FROM grdb_migrations").integer(0, 0) == 16)
    }

    @Test func aStoreANewerTroveWroteIsRefused() throws {
        let store = try PostgresStore(url: url, schema: schema, createIfMissing: true)
        try store.connection.execute("INSERT INTO grdb_migrations VALUES ('v99-future')")
        #expect(throws: PostgresStoreError.supersededSchema(store: store.name, unknown: ["v99-future"])) {
            try PostgresStore(url: url, schema: schema)
        }
    }

    @Test func noStoreIsCreatedUnlessAsked() throws {
        #expect(throws: PostgresStoreError.self) { try PostgresStore(url: url, schema: schema) }
        let check = try PostgresConnection(url: url)
        let exists = try check.execute("SELECT count(*) FROM pg_namespace WHERE nspname = $1", [.text(schema)])
        #expect(try exists.integer(0, 0) == 0)
    }

    @Test func aSchemaHoldingOtherTablesIsNotAStore() throws {
        let connection = try PostgresConnection(url: url)
        try connection.execute("CREATE SCHEMA \(schema); CREATE TABLE \(schema).mine (x int)")
        #expect(throws: PostgresStoreError.self) { try PostgresStore(url: url, schema: schema, createIfMissing: true) }
    }

    /// Two schemas of one database hold two stores: what is written into one is not in the other.
    @Test func twoSchemasOfOneDatabaseAreTwoStores() throws {
        let one = try PostgresStore(url: url, schema: schema, createIfMissing: true)
        let other = try PostgresStore(url: url, schema: TestPostgres.uniqueSchema(), createIfMissing: true)
        try one.saveReviewState(
            ReviewSessionState(trajectoryID: "os_1", filter: "task:os", sort: ListSort()), for: "ana")
        #expect(try one.reviewState(for: "ana")?.trajectoryID == "os_1")
        #expect(try other.reviewState(for: "ana") == nil)
    }

    /// The schema may come from the URL's `search_path` option; `trove` otherwise.
    @Test func theURLsSearchPathNamesTheSchema() throws {
        let store = try PostgresStore(url: TestPostgres.storeURL(schema: schema), createIfMissing: true)
        #expect(store.schema == schema)
        #expect(try store.connection.execute("SELECT current_schema()").string(0, 0) == schema)
    }
}
