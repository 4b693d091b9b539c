import GRDB
import TroveCore

extension Store {
    /// The external ids of the trajectories that match `filter`, in import order (the first `limit`,
    /// when given).
    public func trajectoryIDs(matching filter: Filter, limit: Int? = nil) throws -> [String] {
        try writer.read { db in
            let (condition, arguments) = try filter.sqlCondition(in: db)
            return try String.fetchAll(
                db,
                sql: """
                    SELECT t.external_id FROM trajectory t LEFT JOIN label_current l ON l.trajectory_id = t.id
                    WHERE \(condition) ORDER BY t.id LIMIT ?
                    """, arguments: arguments + [limit ?? -1])
        }
    }
}
