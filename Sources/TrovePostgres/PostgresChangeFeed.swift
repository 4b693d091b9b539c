import Foundation
import TroveCore

/// A PostgreSQL store's changes as they are committed: a connection of its own listening on
/// ``channel``, where the store's triggers send the schema's name whenever a label batch, import run,
/// replaced record, trajectory, team policy or assignment is written (by any process), once per
/// transaction: whatever changes ``PostgresStore/changeToken()``.
///
/// ```swift
/// let feed = try store.changeFeed()
/// if try feed.changeArrived() { /* read what changed */ }
/// ```
public final class PostgresChangeFeed: StoreChangeFeed, @unchecked Sendable {
    /// The channel every trove store notifies, with its schema as the payload.
    public static let channel = "trove_change"

    private let connection: PostgresConnection
    private let schema: String
    private let lock = NSLock()

    init(url: String, schema: String) throws {
        connection = try PostgresConnection(url: url)
        self.schema = schema
        try connection.listen(Self.channel)
    }

    /// Reads the notifications already on the socket (no round trip to the server), keeping this store's.
    public func changeArrived() throws -> Bool {
        try lock.withLock {
            try connection.notifications(timeout: 0).contains { $0.payload == schema }
        }
    }

    /// Waits up to `timeout` seconds for a change of this store (for tests and tools that have nothing
    /// else to wait for).
    public func waitForChange(timeout: Double) throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        return try lock.withLock {
            while true {
                let left = deadline.timeIntervalSinceNow
                if try connection.notifications(timeout: max(0, left)).contains(where: { $0.payload == schema }) {
                    return true
                }
                if left <= 0 { return false }
            }
        }
    }
}

extension PostgresStore {
    /// A feed of this store's changes, on a connection of its own (``PostgresChangeFeed``).
    ///
    /// - throws: ``PostgresError`` when the server cannot be reached.
    public func changeFeed() throws -> PostgresChangeFeed {
        try PostgresChangeFeed(url: url, schema: schema)
    }
}
