import GRDB
import TroveCore

extension Store: ExportSource {
    /// Calls `body` with one read transaction of the store (``ExportSource``).
    public func readSnapshot<T>(_ body: (any ExportSnapshot) throws -> T) throws -> T {
        try writer.read { db in try body(StoreExportSnapshot(db: db)) }
    }
}
