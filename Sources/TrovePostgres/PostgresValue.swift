import Foundation
import TroveCore

/// A statement parameter: sent as text (the server converts it to the column's type), bytes as `bytea`
/// in binary, so the bytes arrive exactly.
public enum PostgresValue: Sendable, Hashable {
    case null
    case text(String)
    case integer(Int64)
    case real(Double)
    case bool(Bool)
    case bytes([UInt8])

    /// `value`, or NULL when it is `nil`.
    public static func text(_ value: String?) -> PostgresValue { value.map { .text($0) } ?? .null }
    public static func integer(_ value: Int?) -> PostgresValue { value.map { .integer(Int64($0)) } ?? .null }
    public static func real(_ value: Double?) -> PostgresValue { value.map { .real($0) } ?? .null }

    /// `value` as a parameter.
    public init(_ value: StoreValue) {
        self =
            switch value {
            case .null: .null
            case .integer(let number): .integer(number)
            case .real(let number): .real(number)
            case .text(let text): .text(text)
            case .bytes(let bytes): .bytes(bytes)
            }
    }

    /// The type the server is told, by OID (0: let it infer from the statement).
    var typeOID: UInt32 {
        switch self {
        case .bytes: PostgresType.bytea
        default: 0
        }
    }

    /// The value as libpq sends it: text, or raw bytes for `bytea`; `nil` for NULL.
    var wire: [UInt8]? {
        switch self {
        case .null: nil
        case .text(let value): Array(value.utf8)
        case .integer(let value): Array(String(value).utf8)
        // Swift prints the shortest text that reads back as the same double; PostgreSQL's float8
        // input reads it exactly.
        case .real(let value): Array("\(value)".utf8)
        case .bool(let value): Array((value ? "true" : "false").utf8)
        case .bytes(let value): value
        }
    }

    var isBinary: Bool {
        if case .bytes = self { return true }
        return false
    }
}

/// The OIDs of the built-in types trove reads and writes (pg_type.dat; fixed across versions).
enum PostgresType {
    static let bool: UInt32 = 16
    static let bytea: UInt32 = 17
    static let int8: UInt32 = 20
    static let int2: UInt32 = 21
    static let int4: UInt32 = 23
    static let text: UInt32 = 25
    static let float4: UInt32 = 700
    static let float8: UInt32 = 701
}
