import GRDB

extension Store {
    /// Switches the store from its write-ahead log to a rollback journal (`journal_mode = DELETE`,
    /// `synchronous = FULL`), for an import that fills an empty store; returns false, and changes nothing,
    /// when the switch cannot be made at once (another connection has the store open).
    ///
    /// Contract:
    /// - Each transaction is still atomic and durable; a process killed mid-transaction leaves a hot
    ///   journal, which the next connection to read the store rolls back.
    /// - Other processes may open the store meanwhile: one that opens it for writing puts it back in WAL
    ///   mode (GRDB does so for every pool, waiting for the import's transaction to end), and the import
    ///   goes on in WAL mode; readers take turns with the import's commits.
    /// - This process's reading connections are closed first: none may be open for the switch.
    ///
    /// Implementation note: in WAL mode every page a transaction writes goes to the log, and a checkpoint
    /// reads it back and writes it again into the store; a new store's pages are written once with a
    /// rollback journal, which holds only the few pages that existed before the transaction. The writer
    /// thread of a 200 MB import spent 20% less time, almost all of it the kernel's copies (DECISIONS.md 84).
    func useRollbackJournal() -> Bool {
        (writer as? DatabasePool)?.releaseMemory()
        do {
            return try writer.writeWithoutTransaction { db in
                // Leaving WAL mode needs the only connection to the store: when another has it open, fail
                // now rather than wait for it.
                try db.execute(sql: "PRAGMA busy_timeout = 0")
                defer { try? db.execute(sql: "PRAGMA busy_timeout = \(Int(Self.busyTimeout * 1000))") }
                guard try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE") == "delete" else { return false }
                try db.execute(sql: "PRAGMA synchronous = FULL")
                return true
            }
        } catch {
            return false
        }
    }

    /// Puts the store back in WAL mode with GRDB's settings for it (`synchronous = NORMAL`), after
    /// ``useRollbackJournal()``; waits for other connections' transactions to end.
    func useWriteAheadLog() throws {
        try writer.writeWithoutTransaction { db in
            guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                throw DatabaseError(message: "could not put the store \(path) back in WAL mode")
            }
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
    }
}
