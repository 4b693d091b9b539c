import GRDB

/// The statements an import runs for every record and message, prepared once per batch's transaction.
///
/// Implementation note: a ``BulkStatement`` made per row looked its SQL up in GRDB's statement cache each
/// time (hashing the SQL text), twice per message; holding the handles for the batch leaves SQLite's own work.
struct ImportStatements {
    let trajectory: BulkStatement
    let message: BulkStatement
    let flag: BulkStatement
    /// Inserts a message text (`hash`, `text`, `trajectory_id`, `context`).
    let text: BulkStatement
    /// Finds a shared text by `hash`, `text` and `context`.
    let sharedText: BulkStatement
    let textUse: BulkStatement
    private let db: Database

    init(_ db: Database) throws {
        self.db = db
        trajectory = try BulkStatement(
            db,
            sql: """
                INSERT INTO trajectory (external_id, task, dialect, source_file, source_line, format, env_reward,
                    metadata, original, original_sha256, message_count, step_count, preview, flags, source_model,
                    import_id, imported_at, steps, outcome, env_reward_source, task_group)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        message = try BulkStatement(
            db,
            sql: """
                INSERT INTO message_row (trajectory_id, idx, role, original_role, text_id, loss, turn, tool_calls,
                    tool_call_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        flag = try BulkStatement(db, sql: "INSERT INTO trajectory_flag (trajectory_id, flag) VALUES (?, ?)")
        text = try BulkStatement(
            db, sql: "INSERT INTO message_text (hash, text, trajectory_id, context) VALUES (?, ?, ?, ?)")
        sharedText = try BulkStatement(
            db, sql: "SELECT id FROM message_text WHERE hash = ? AND text = ? AND trajectory_id IS NULL AND context = ?"
        )
        textUse = try BulkStatement(
            db, sql: "INSERT OR IGNORE INTO text_use (text_id, trajectory_id) VALUES (?, ?)")
    }

    /// The row id of the last row inserted on the connection.
    var lastInsertedRowID: Int64 { db.lastInsertedRowID }
}
