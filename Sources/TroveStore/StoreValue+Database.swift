import Foundation
import GRDB
import TroveCore

extension StoreValue {
    /// The value as SQLite stores it (bytes as a blob).
    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let value): value.databaseValue
        case .real(let value): value.databaseValue
        case .text(let value): value.databaseValue
        case .bytes(let value): Data(value).databaseValue
        }
    }
}
