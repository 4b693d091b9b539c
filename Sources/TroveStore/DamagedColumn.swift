import GRDB

/// A column whose stored value does not have the type trove writes there.
struct DamagedColumn: Error {
    /// The column's name.
    var column: String
    /// What the column holds instead: `NULL`, `text`, `a blob`, ….
    var stored: String

    init(column: String, stored value: DatabaseValue) {
        self.column = column
        switch value.storage {
        case .null: stored = "NULL"
        case .int64: stored = "an integer"
        case .double: stored = "a real number"
        case .string: stored = "text"
        case .blob: stored = "a blob"
        }
    }
}
