/// One column value as `trove copy` carries it between store backends: the storage classes both
/// SQLite and PostgreSQL tables of docs/store.md use (a PostgreSQL `boolean` travels as 0 or 1).
public enum StoreValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case bytes([UInt8])
}
