import CLibPQ

/// Cancels the statement a connection is running (libpq's `PQcancel`), from another thread: the
/// statement then fails with SQLSTATE 57014 (``PostgresError/isCanceled``). A request that arrives
/// when nothing runs does nothing.
public final class PostgresCanceller: @unchecked Sendable {
    private let handle: OpaquePointer

    init(_ handle: OpaquePointer) {
        self.handle = handle
    }

    deinit { PQfreeCancel(handle) }

    /// Asks the server to cancel; false when the request could not be sent.
    @discardableResult
    public func cancel() -> Bool {
        var message = [CChar](repeating: 0, count: 256)
        return PQcancel(handle, &message, Int32(message.count)) == 1
    }
}
