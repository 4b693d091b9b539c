import CLibPQ
import Foundation
import TroveCore

/// The rows a statement returned, in text or binary format, read by row and column index.
///
/// Accessors convert the column's wire value to Swift; a value of another type than asked (an
/// integer read as bytes) is a ``PostgresError`` naming the column, never a crash.
public final class PostgresResult {
    private let result: OpaquePointer
    private let statement: String

    /// Rows and columns in the result.
    public let rowCount: Int
    public let columnCount: Int

    init(_ result: OpaquePointer, statement: String) {
        self.result = result
        self.statement = statement
        rowCount = Int(PQntuples(result))
        columnCount = Int(PQnfields(result))
    }

    deinit { PQclear(result) }

    /// The number of rows an INSERT, UPDATE, DELETE or COPY changed.
    public var affectedRows: Int { Int(String(cString: PQcmdTuples(result))) ?? 0 }

    /// Column names in order.
    public var columnNames: [String] { (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) } }

    public func isNull(_ row: Int, _ column: Int) -> Bool { PQgetisnull(result, Int32(row), Int32(column)) == 1 }

    private func isBinary(_ column: Int) -> Bool { PQfformat(result, Int32(column)) == 1 }

    private func type(_ column: Int) -> UInt32 { PQftype(result, Int32(column)) }

    private func raw(_ row: Int, _ column: Int) -> UnsafeRawBufferPointer {
        let length = Int(PQgetlength(result, Int32(row), Int32(column)))
        return UnsafeRawBufferPointer(start: PQgetvalue(result, Int32(row), Int32(column)), count: length)
    }

    private func mismatch(_ column: Int, _ wanted: String) -> PostgresError {
        PostgresError(
            stage: .query,
            message:
                "column \(String(cString: PQfname(result, Int32(column)))) (type OID \(type(column))) is not \(wanted)",
            context: String(statement.prefix(200)))
    }

    /// Types whose binary format is their UTF-8 text: text, varchar, name, json.
    private static let textTypes: Set<UInt32> = [PostgresType.text, 1043, 19, 114]

    /// A text value (any type in text format; text, varchar or name in binary).
    public func string(_ row: Int, _ column: Int) throws(PostgresError) -> String? {
        guard !isNull(row, column) else { return nil }
        if isBinary(column), !Self.textTypes.contains(type(column)) { throw mismatch(column, "text") }
        return String(decoding: raw(row, column), as: UTF8.self)
    }

    /// An integer value (int2, int4, int8 or a bool as 0 or 1).
    public func integer(_ row: Int, _ column: Int) throws(PostgresError) -> Int64? {
        guard !isNull(row, column) else { return nil }
        let bytes = raw(row, column)
        if isBinary(column) {
            switch (type(column), bytes.count) {
            case (PostgresType.int8, 8): return Int64(bigEndian: bytes.loadUnaligned(as: Int64.self))
            case (PostgresType.int4, 4): return Int64(Int32(bigEndian: bytes.loadUnaligned(as: Int32.self)))
            case (PostgresType.int2, 2): return Int64(Int16(bigEndian: bytes.loadUnaligned(as: Int16.self)))
            case (PostgresType.bool, 1): return Int64(bytes[0])
            default: throw mismatch(column, "an integer")
            }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if type(column) == PostgresType.bool { return text == "t" ? 1 : 0 }
        guard let value = Int64(text) else { throw mismatch(column, "an integer") }
        return value
    }

    /// A floating-point value (float4, float8, or an integer).
    public func real(_ row: Int, _ column: Int) throws(PostgresError) -> Double? {
        guard !isNull(row, column) else { return nil }
        let bytes = raw(row, column)
        if isBinary(column) {
            switch (type(column), bytes.count) {
            case (PostgresType.float8, 8):
                return Double(bitPattern: UInt64(bigEndian: bytes.loadUnaligned(as: UInt64.self)))
            case (PostgresType.float4, 4):
                return Double(Float(bitPattern: UInt32(bigEndian: bytes.loadUnaligned(as: UInt32.self))))
            default: return try integer(row, column).map(Double.init)
            }
        }
        guard let value = Double(String(decoding: bytes, as: UTF8.self)) else { throw mismatch(column, "a number") }
        return value
    }

    /// A `bytea` value's bytes (binary format as they are; text format decoded from its hex form).
    public func bytes(_ row: Int, _ column: Int) throws(PostgresError) -> [UInt8]? {
        guard !isNull(row, column) else { return nil }
        guard type(column) == PostgresType.bytea else { throw mismatch(column, "bytea") }
        if isBinary(column) { return Array(raw(row, column)) }
        var length = 0
        guard let decoded = PQunescapeBytea(PQgetvalue(result, Int32(row), Int32(column)), &length) else {
            throw mismatch(column, "bytea")
        }
        defer { PQfreemem(decoded) }
        return Array(UnsafeBufferPointer(start: decoded, count: length))
    }

    /// A value of any type trove's tables use, as `trove copy` carries it (a boolean as 0 or 1).
    public func value(_ row: Int, _ column: Int) throws(PostgresError) -> StoreValue {
        guard !isNull(row, column) else { return .null }
        switch type(column) {
        case PostgresType.int8, PostgresType.int4, PostgresType.int2, PostgresType.bool:
            return try integer(row, column).map { .integer($0) } ?? .null
        case PostgresType.float8, PostgresType.float4: return try real(row, column).map { .real($0) } ?? .null
        case PostgresType.bytea: return try bytes(row, column).map { .bytes($0) } ?? .null
        default: return try string(row, column).map { .text($0) } ?? .null
        }
    }
}
