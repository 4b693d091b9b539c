import Foundation
import Testing
import TrovePostgres
import TroveTestSupport

/// The secrets a connection string may carry stay out of what trove prints and writes.
@Suite struct PostgresConnectionRedactionTests {
    @Test(arguments: [
        ("postgresql://ana:s3cr%E2t@db.example:5432/trove", "postgresql://ana:…@db.example:5432/trove"),
        ("postgres://ana@db/trove?password=TOPSECRET", "postgres://ana@db/trove?password=…"),
        (
            "postgresql://db/trove?options=-csearch_path%3Dteam&pass%77ord=TOPSECRET&sslpassword=KEY&passfile=/p",
            "postgresql://db/trove?options=-csearch_path%3Dteam&pass%77ord=…&sslpassword=…&passfile=/p"
        ),
        ("postgresql://[::1]:5432/trove?sslmode=require", "postgresql://[::1]:5432/trove?sslmode=require"),
        ("host=db password=TOPSECRET dbname=trove", "host=db password=… dbname=trove"),
        ("host=db password = 'TOP \\' SECRET' sslpassword=KEY", "host=db password = '…' sslpassword=…"),
    ])
    func secretsAreReplaced(url: String, shown: String) {
        #expect(PostgresConnection.withoutPassword(url) == shown)
    }
}

@Suite(.enabled(if: TestPostgres.url != nil, TestPostgres.skipMessage))
struct PostgresConnectionTests {
    let connection: PostgresConnection
    let schema = TestPostgres.uniqueSchema()

    init() throws {
        connection = try PostgresConnection(url: TestPostgres.url ?? "")
        try connection.execute("CREATE SCHEMA \(schema); SET search_path = \(schema)")
    }

    /// Every byte value, and bytes that are not UTF-8, come back exactly in both result formats.
    @Test(arguments: [false, true])
    func bytesRoundTripExactly(binary: Bool) throws {
        let bytes: [UInt8] = Array(0...255) + [0xC3, 0x28, 0x00, 0x0A]
        try connection.execute("CREATE TABLE blob (b bytea)")
        try connection.execute("INSERT INTO blob VALUES ($1)", [.bytes(bytes)])
        let result = try connection.execute("SELECT b FROM blob", binary: binary)
        #expect(try result.bytes(0, 0) == bytes)
    }

    @Test(arguments: [false, true])
    func parametersAndTypedResults(binary: Bool) throws {
        let result = try connection.execute(
            "SELECT $1::bigint, $2::double precision, $3::text, $4::text, $5::boolean, 7::int4",
            [.integer(-9_007_199_254_740_993), .real(0.1), .text("naïve\tline"), .null, .bool(true)],
            binary: binary)
        #expect(try result.integer(0, 0) == -9_007_199_254_740_993)
        #expect(try result.real(0, 1) == 0.1)
        #expect(try result.string(0, 2) == "naïve\tline")
        #expect(try result.string(0, 3) == nil)
        #expect(try result.integer(0, 4) == 1)
        #expect(try result.integer(0, 5) == 7)
    }

    @Test func aTypeMismatchIsAnErrorNamingTheColumn() throws {
        let result = try connection.execute("SELECT 'x'::text AS word", binary: true)
        #expect(throws: PostgresError.self) { try result.bytes(0, 0) }
    }

    @Test func errorsCarrySQLStateAndStatement() throws {
        try connection.execute("CREATE TABLE k (id bigint PRIMARY KEY)")
        try connection.execute("INSERT INTO k VALUES (1)")
        let error = try #require(throws: PostgresError.self) {
            try connection.execute("INSERT INTO k VALUES ($1)", [.integer(1)])
        }
        #expect(error.isUniqueViolation)
        #expect(error.context.contains("INSERT INTO k"))
    }

    @Test func aFailedTransactionLeavesNothing() throws {
        try connection.execute("CREATE TABLE t (id bigint)")
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try connection.transaction {
                try connection.execute("INSERT INTO t VALUES (1)")
                throw Stop()
            }
        }
        _ = try connection.transaction { try connection.execute("INSERT INTO t VALUES (2)") }
        #expect(try connection.execute("SELECT count(*), max(id) FROM t").integer(0, 0) == 1)
    }

    @Test func copyStreamsRowsOfEveryType() throws {
        try connection.execute("CREATE TABLE c (id bigint, r double precision, t text, b bytea, f boolean)")
        let copied = try connection.copy(into: "c", columns: ["id", "r", "t", "b", "f"]) { writer in
            for index in 0..<5000 {
                try writer.row()
                writer.integer(index)
                writer.real(index.isMultiple(of: 2) ? nil : Double(index) / 3)
                writer.text("text \(index) ünïcode")
                writer.bytes([UInt8(index % 256), 0, 0xFF])
                writer.bool(index.isMultiple(of: 3))
            }
        }
        #expect(copied == 5000)
        let result = try connection.execute("SELECT id, r, t, b, f FROM c WHERE id = 4999", binary: true)
        #expect(try result.real(0, 1) == 4999.0 / 3)
        #expect(try result.string(0, 2) == "text 4999 ünïcode")
        #expect(try result.bytes(0, 3) == [UInt8(4999 % 256), 0, 0xFF])
        #expect(try connection.execute("SELECT count(*) FROM c").integer(0, 0) == 5000)
    }

    @Test func aRefusedCopyStoresNoRow() throws {
        try connection.execute("CREATE TABLE u (id bigint PRIMARY KEY)")
        #expect(throws: PostgresError.self) {
            try connection.copy(into: "u", columns: ["id"]) { writer in
                for id in [1, 2, 2] {
                    try writer.row()
                    writer.integer(id)
                }
            }
        }
        #expect(try connection.execute("SELECT count(*) FROM u").integer(0, 0) == 0)
        // The connection is usable after the refusal.
        try connection.execute("INSERT INTO u VALUES (3)")
    }

    @Test func notificationsArriveOnAnotherConnection() throws {
        let listener = try PostgresConnection(url: TestPostgres.url ?? "")
        let channel = schema
        try listener.listen(channel)
        try connection.notify(channel, payload: "label 42")
        let received = try listener.notifications(timeout: 5)
        #expect(received == [.init(channel: channel, payload: "label 42")])
        #expect(try listener.notifications(timeout: 0.05).isEmpty)
    }

    @Test func aServerThatIsNotThereIsAConnectError() {
        let error = #expect(throws: PostgresError.self) {
            try PostgresConnection(url: "postgresql://nobody:secret@127.0.0.1:1/none?connect_timeout=2")
        }
        #expect(error?.stage == .connect)
        #expect(error?.context.contains("secret") == false)
    }
}
