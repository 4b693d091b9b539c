import TroveCore

/// The lock an import run holds on a PostgreSQL store while it runs, so that `trove check` tells a run
/// in progress from one that was interrupted: a session-level advisory lock, which the server lets go
/// when the importer's session ends, however it ends (the SQLite store's equivalent is a lock file's
/// `flock`).
///
/// Implementation note: the lock's two keys are `hashtext('trove import run ' || schema)` and the run's
/// id (modulo 2³¹), in the two-key space, apart from the single-key locks the store's label writers and
/// opening take. A check reads `pg_locks` instead of trying the lock: it takes nothing, sees a lock its
/// own session holds too, and needs no privilege. A connection pooler that hands sessions around per
/// transaction would lose the lock; trove connects to the server itself.
extension PostgresStore {
    /// Takes import run `run`'s lock for this session, waiting while another session holds it (only a
    /// check's instant probe of an older trove could). Inside the transaction that registers the run,
    /// so that another session sees the run only together with its lock.
    func lockImportRun(_ run: Int64) throws {
        try connection.execute(
            "SELECT pg_advisory_lock(\(Self.firstKey), \(Self.secondKey))", importRunLockParameters(run))
    }

    /// Lets import run `run`'s lock go (it is held once, so once is enough).
    func unlockImportRun(_ run: Int64) throws {
        try connection.execute(
            "SELECT pg_advisory_unlock(\(Self.firstKey), \(Self.secondKey))", importRunLockParameters(run))
    }

    /// Whether some session, this one included, holds import run `run`'s lock.
    func isImportRunning(_ run: Int64) throws -> Bool {
        try connection.execute(
            """
            SELECT EXISTS (
                SELECT 1 FROM pg_locks
                WHERE locktype = 'advisory' AND granted AND objsubid = 2
                  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND classid = \(Self.firstKey)::oid AND objid = \(Self.secondKey)::oid)
            """, importRunLockParameters(run)
        ).string(0, 0) == "t"
    }

    /// The lock's two `integer` keys, from the parameters ``importRunLockParameters(_:)`` gives.
    private static let firstKey = "hashtext($1)"
    private static let secondKey = "($2::bigint % 2147483648)::integer"

    private func importRunLockParameters(_ run: Int64) -> [PostgresValue] {
        [.text("trove import run " + schema), .integer(run)]
    }
}
