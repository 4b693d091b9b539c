import Foundation
import TroveCore

/// Idle connections to one store, kept for the work the review UI runs apart from the connection its
/// pages are read on (the counts after each frame).
///
/// Opening a connection costs the server a new backend process (10–20 ms on a busy loopback), more than
/// the count it is opened for; a connection a finished or stopped count leaves is kept for the next one.
/// A connection whose work failed otherwise is closed, not kept: its state is unknown. An idle
/// connection is used by one thread at a time (taken out under ``lock``), hence `@unchecked Sendable`.
final class PostgresConnectionPool: @unchecked Sendable {
    private let url: String
    private let schema: String
    /// At most this many idle connections are kept; the rest are closed when given back.
    private let capacity: Int
    private let lock = NSLock()
    private var idle: [PostgresConnection] = []

    init(url: String, schema: String, capacity: Int = 2) {
        self.url = url
        self.schema = schema
        self.capacity = capacity
    }

    /// Runs `body` on an idle connection, or on a new one (with the store's `search_path`) when none is
    /// idle, and keeps the connection afterwards unless `body` threw anything but ``CountStopped`` (a
    /// cancelled count leaves its connection ready for the next statement).
    func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let connection = try lock.withLock { idle.popLast() } ?? open()
        do {
            let value = try body(connection)
            giveBack(connection)
            return value
        } catch let stop as CountStopped {
            giveBack(connection)
            throw stop
        }
    }

    private func open() throws -> PostgresConnection {
        let connection = try PostgresConnection(url: url)
        try connection.execute("SET search_path = \(PostgresConnection.quoted(schema))")
        return connection
    }

    /// Keeps `connection` when there is room; otherwise the caller's last reference closes it, outside
    /// the lock (PQfinish waits for the server to hear it).
    private func giveBack(_ connection: PostgresConnection) {
        lock.withLock {
            if idle.count < capacity { idle.append(connection) }
        }
    }
}
