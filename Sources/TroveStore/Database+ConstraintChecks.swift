import GRDB

extension Database {
    /// Runs `body` with SQLite's foreign key and CHECK constraints off, and puts them back on after it,
    /// for trove's own bulk writes, whose rows reference rows the same transaction reads or writes and
    /// whose values come from typed, validated fields (label writes, import batches).
    ///
    /// The constraints stay in the schema for SQL written from outside trove, and `trove check` verifies
    /// every row against them (`foreign_key_check`, and `integrity_check` on the writing connection).
    /// SQLite ignores the foreign key pragma inside a transaction, so `body` opens its own.
    func withConstraintChecksOff<Value>(_ body: () throws -> Value) throws -> Value {
        try execute(sql: "PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON")
        defer { try? execute(sql: "PRAGMA foreign_keys = ON; PRAGMA ignore_check_constraints = OFF") }
        return try body()
    }
}
