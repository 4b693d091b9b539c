import Foundation
import Testing

/// The PostgreSQL server tests use: `$TROVE_TEST_POSTGRES` (a URL), which scripts/test-postgres.sh sets
/// in CI. Tests that need it skip with a message when it is unset:
/// `@Suite(.enabled(if: TestPostgres.url != nil, TestPostgres.skipMessage))`.
public enum TestPostgres {
    public static let url: String? = ProcessInfo.processInfo.environment["TROVE_TEST_POSTGRES"].flatMap {
        $0.isEmpty ? nil : $0
    }

    public static let skipMessage: Comment =
        "TROVE_TEST_POSTGRES is unset (start a server with scripts/test-postgres.sh start)"

    /// A schema name no other test uses, so tests running at once never meet.
    public static func uniqueSchema() -> String {
        "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }

    /// The server's URL with `schema` on its search path: a store URL `trove --store` takes (the store
    /// is created there on first use), and a connection's URL that reads that store's tables by name.
    public static func storeURL(schema: String = uniqueSchema()) -> String {
        let server = url ?? ""
        return server + (server.contains("?") ? "&" : "?") + "options=-csearch_path%3D" + schema
    }
}
