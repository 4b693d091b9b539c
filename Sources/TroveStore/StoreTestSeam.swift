import GRDB

/// Raw SQL on a store's connection, for the tests and the benchmark only (`package`: clients of the
/// library see the store's methods alone).
///
/// Tests use it to build stores in shapes trove never writes (an older schema, damaged rows, rows a
/// case needs exactly); the benchmark to copy a store's rows into a store of a million trajectories.
package struct StoreTestSeam: Sendable {
    private let writer: any DatabaseWriter

    init(_ writer: any DatabaseWriter) {
        self.writer = writer
    }

    /// Runs `body` on a read-only snapshot.
    package func read<Value>(_ body: (Database) throws -> Value) throws -> Value {
        try writer.read(body)
    }

    /// Runs `body` in a write transaction, committed when it returns.
    package func write<Value>(_ body: (Database) throws -> Value) throws -> Value {
        try writer.write(body)
    }

    /// Runs `body` with the writer's connection outside any transaction (for `VACUUM`, pragmas, or
    /// transactions `body` opens itself).
    package func writeWithoutTransaction<Value>(_ body: (Database) throws -> Value) throws -> Value {
        try writer.writeWithoutTransaction(body)
    }
}

extension Store {
    /// Raw SQL on this store's connection, for tests and the benchmark.
    package var testSeam: StoreTestSeam { StoreTestSeam(writer) }
}
