import GRDB

/// Rows written straight into a store's tables, for tests that need a store in a shape the importer
/// would not make (an older schema, a catalog without an import).
enum StoreRows {
    /// The SHA-256 of `{}`, each trajectory's record.
    static let emptyObjectSHA256 = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"

    /// One import run (id 1) and a trajectory per `(row id, external id, messages, steps)`, task `os`.
    static func insertTrajectories(_ rows: [(Int64, String, Int, Int)], into db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO import_run (id, started_at, trove_version, files, options)
                VALUES (1, '2026-01-01T00:00:00Z', '0.1.0', '[]', '{}')
                """)
        for (line, (id, externalID, messages, steps)) in rows.enumerated() {
            try db.execute(
                sql: """
                    INSERT INTO trajectory (id, external_id, task, dialect, source_file, source_line, format,
                        original, original_sha256, message_count, step_count, import_id, imported_at)
                    VALUES (?, ?, 'os', 'os', 'f.jsonl', ?, 'conversations/from-value', x'7B7D', ?, ?, ?, 1, '')
                    """, arguments: [id, externalID, line + 1, emptyObjectSHA256, messages, steps])
        }
    }
}
