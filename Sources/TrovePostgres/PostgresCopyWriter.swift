/// Rows for `COPY … FROM STDIN (FORMAT binary)`, each value in its column's binary send format,
/// handed to the server in chunks of about a megabyte.
///
/// Each row appends exactly one value per column, in the `COPY`'s column order, through the method
/// that matches the column's type: ``integer(_:)`` for `bigint`, ``real(_:)`` for `double precision`,
/// ``text(_:)`` for `text`, ``bytes(_:)`` for `bytea`, ``bool(_:)`` for `boolean`.
public struct PostgresCopyWriter {
    private var buffer: [UInt8] = []
    private let columns: Int
    private var valuesInRow = 0
    private let send: ([UInt8]) throws(PostgresError) -> Void
    /// Rows written so far.
    public private(set) var rows = 0
    private static let chunk = 1 << 20

    init(columns: Int, send: @escaping ([UInt8]) throws(PostgresError) -> Void) {
        self.columns = columns
        self.send = send
        buffer.reserveCapacity(Self.chunk + 4096)
        buffer.append(contentsOf: Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00])
        append(UInt32(0))  // flags
        append(UInt32(0))  // header extension length
    }

    /// Starts a row; the previous one must be complete.
    public mutating func row() throws(PostgresError) {
        try requireCompleteRow()
        if buffer.count >= Self.chunk {
            try send(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
        append(UInt16(columns))
        rows += 1
        valuesInRow = 0
    }

    public mutating func null() {
        append(UInt32(bitPattern: -1))
        valuesInRow += 1
    }

    public mutating func integer(_ value: Int64?) {
        guard let value else { return null() }
        append(UInt32(8))
        append(UInt64(bitPattern: value))
        valuesInRow += 1
    }

    public mutating func integer(_ value: Int?) { integer(value.map(Int64.init)) }

    public mutating func real(_ value: Double?) {
        guard let value else { return null() }
        append(UInt32(8))
        append(value.bitPattern)
        valuesInRow += 1
    }

    public mutating func bool(_ value: Bool?) {
        guard let value else { return null() }
        append(UInt32(1))
        buffer.append(value ? 1 : 0)
        valuesInRow += 1
    }

    public mutating func text(_ value: String?) {
        guard let value else { return null() }
        append(UInt32(value.utf8.count))
        buffer.append(contentsOf: value.utf8)
        valuesInRow += 1
    }

    public mutating func bytes<Bytes: Collection<UInt8>>(_ value: Bytes?) {
        guard let value else { return null() }
        append(UInt32(value.count))
        buffer.append(contentsOf: value)
        valuesInRow += 1
    }

    mutating func finish() throws(PostgresError) {
        try requireCompleteRow()
        append(UInt16(bitPattern: -1))
        try send(buffer)
        buffer.removeAll()
    }

    private func requireCompleteRow() throws(PostgresError) {
        guard rows == 0 || valuesInRow == columns else {
            throw PostgresError(
                stage: .copy, message: "row \(rows) has \(valuesInRow) values for \(columns) columns",
                context: "COPY FROM STDIN")
        }
    }

    private mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.bigEndian) { buffer.append(contentsOf: $0) }
    }
}
