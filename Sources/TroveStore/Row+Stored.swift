import GRDB

extension Row {
    /// The value of `column` as `Value`.
    ///
    /// A stored value of another type (NULL where trove always writes one, text where it writes a
    /// number) is damage to the store, not a programming error: it throws ``DamagedColumn`` naming the
    /// column, where GRDB's subscript would stop the process.
    func stored<Value: DatabaseValueConvertible>(_ column: some ColumnExpression, as type: Value.Type = Value.self)
        throws(DamagedColumn) -> Value
    {
        do {
            return try decode(type, forColumn: column)
        } catch {
            throw DamagedColumn(column: column.name, stored: self[column.name] as DatabaseValue)
        }
    }

    /// The record this row holds; see ``reading(of:_:)``.
    func record<Record: FetchableRecord>(_ type: Record.Type = Record.self, of trajectory: String? = nil) throws
        -> Record
    {
        try reading(of: trajectory) { try Record(row: $0) }
    }

    /// What `body` reads from this row, a row of the trajectory named `trajectory` (else by the row's own
    /// `external_id` or `trajectory_id`, when it has them).
    ///
    /// - throws: ``StoreError/damagedRow(trajectory:column:stored:)`` for a damaged column `body` read.
    func reading<Value>(of trajectory: String? = nil, _ body: (Row) throws -> Value) throws -> Value {
        do {
            return try body(self)
        } catch let damage as DamagedColumn {
            throw StoreError.damagedRow(
                trajectory: trajectory ?? damagedTrajectoryName, column: damage.column, stored: damage.stored)
        }
    }

    /// How a damaged row names its trajectory: its external id when that survived, else its row id.
    private var damagedTrajectoryName: String? {
        if let id = try? decode(String.self, forColumn: "external_id") { return id }
        if let rowID = try? decode(Int64.self, forColumn: "trajectory_id") { return "row \(rowID)" }
        return nil
    }
}
