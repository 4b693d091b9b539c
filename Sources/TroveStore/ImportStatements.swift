import GRDB

/// The statements an import runs for every record and message, prepared once per batch's transaction.
///
/// Message rows, texts, text uses and flags are written several rows a statement (``MultiRowInsert``), so
/// they reach their tables at the latest with ``flush()``: the importer flushes before it reads or deletes
/// them (a replace, a lookup of a shared text in the store, the search index at the end of a batch).
///
/// Implementation note: a ``BulkStatement`` made per row looked its SQL up in GRDB's statement cache each
/// time (hashing the SQL text), twice per message; holding the handles for the batch leaves SQLite's own work.
///
/// The multi-row inserts are `INSERT OR FAIL`, prepared while the importer has CHECK constraints off: a
/// statement that writes several rows and may abort midway (a key conflict under the default `ABORT`, or
/// any function call, such as a CHECK's `json_valid`) keeps a statement journal of every page it changes,
/// to undo only itself, even when the transaction is rolled back whole on any error, as the importer's is.
/// Each sixteen message rows copied the 16 KB page they appended to: without it the writer thread of a
/// 200 MB import took 2.8 s instead of 3.3 s (DECISIONS.md 82).
final class ImportStatements {
    let trajectory: BulkStatement
    /// Finds a trajectory's row id by `external_id`.
    let trajectoryID: BulkStatement
    /// Inserts a message row (`trajectory_id`, `idx`, `role`, `original_role`, `text_id`, `loss`, `turn`,
    /// `tool_calls`, `tool_call_id`).
    let message: MultiRowInsert
    /// Inserts a flag (`trajectory_id`, `flag`).
    let flag: MultiRowInsert
    /// Inserts a message text (`id`, `hash`, `text`, `trajectory_id`, `context`); its id comes from
    /// ``newTextID(for:)``.
    let text: MultiRowInsert
    /// Finds a shared text by `hash`, `text` and `context`.
    let sharedText: BulkStatement
    /// Inserts a use of a shared text (`text_id`, `trajectory_id`), unless it is stored.
    let textUse: MultiRowInsert
    private let db: Database
    /// The id the next text inserted gets.
    private var nextTextID: Int64
    /// The texts inserted through these statements, in id order, when they are kept (for a
    /// ``SearchIndexBuild``, which indexes them without reading the store).
    private(set) var newTexts: PackedTexts?

    /// Prepares the statements; `textsBefore` is the largest `message_text.id` stored (0 for none), and
    /// `keepsNewTexts` whether ``newTexts`` collects the texts inserted.
    ///
    /// Implementation note: texts are inserted with their ids, the ones SQLite would choose (one more than the
    /// largest), since a message row needs its text's id before the buffered text reaches the table.
    init(_ db: Database, textsBefore: Int64, keepsNewTexts: Bool = false) throws {
        self.db = db
        nextTextID = textsBefore + 1
        newTexts = keepsNewTexts ? PackedTexts() : nil
        trajectory = try BulkStatement(
            db,
            sql: """
                INSERT INTO trajectory (external_id, task, dialect, source_file, source_line, format, env_reward,
                    metadata, original, original_sha256, message_count, step_count, preview, flags, source_model,
                    import_id, imported_at, steps, outcome, env_reward_source, task_group, goal)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        trajectoryID = try BulkStatement(db, sql: "SELECT id FROM trajectory WHERE external_id = ?")
        message = try MultiRowInsert(
            db,
            insert: """
                INSERT OR FAIL INTO message_row (trajectory_id, idx, role, original_role, text_id, loss, turn, tool_calls,
                    tool_call_id)
                """, columns: 9)
        flag = try MultiRowInsert(db, insert: "INSERT OR FAIL INTO trajectory_flag (trajectory_id, flag)", columns: 2)
        text = try MultiRowInsert(
            db, insert: "INSERT OR FAIL INTO message_text (id, hash, text, trajectory_id, context)", columns: 5)
        sharedText = try BulkStatement(
            db, sql: "SELECT id FROM message_text WHERE hash = ? AND text = ? AND trajectory_id IS NULL AND context = ?"
        )
        textUse = try Self.textUses(db)
    }

    /// Inserts uses of shared texts (`text_id`, `trajectory_id`), those stored left alone.
    static func textUses(_ db: Database) throws -> MultiRowInsert {
        try MultiRowInsert(db, insert: "INSERT OR IGNORE INTO text_use (text_id, trajectory_id)", columns: 2)
    }

    /// The row id of the last row inserted on the connection by a statement of its own (a trajectory).
    var lastInsertedRowID: Int64 { db.lastInsertedRowID }

    /// An id for `text`, about to be inserted: unused in the store and in this batch.
    func newTextID(for text: String) -> Int64 {
        newTexts?.append(text)
        defer { nextTextID += 1 }
        return nextTextID
    }

    /// The id of the last text inserted through these statements (`textsBefore` when none was).
    var lastTextID: Int64 { nextTextID - 1 }

    /// Writes every buffered row.
    func flush() throws {
        try text.flush()
        try message.flush()
        try textUse.flush()
        try flag.flush()
    }
}
