import GRDB
import Testing
import TroveCore
import TroveTestSupport

@testable import TroveStore

@Suite struct SchemaMigrationTests {
    /// A store as trove wrote it with schema version 1: one trajectory with two step rows.
    private func versionOneStore() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try StoreSchema.migrator.migrate(queue, upTo: "v1-review-state")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO import_run (id, started_at, trove_version, files, options)
                    VALUES (1, '2026-01-01T00:00:00Z', '0.1.0', '[]', '{}');
                    INSERT INTO trajectory (id, external_id, task, dialect, source_file, source_line, format,
                        original, original_sha256, message_count, step_count, import_id, imported_at)
                    VALUES (7, 'os_1', 'os', 'os', 'f.jsonl', 1, 'conversations/from-value', x'7B7D', '', 4, 2, 1, ''),
                           (8, 'os_2', 'os', 'os', 'f.jsonl', 2, 'conversations/from-value', x'7B7D', '', 1, 0, 1, '');
                    INSERT INTO step VALUES
                        (7, 1, 3, NULL, 'Done.', 'answer', 'ls', NULL, '3', 'os', '[["thought",5],["other",1]]'),
                        (7, 0, 1, 2, 'Think: "é"', 'bash', 'ls -a', 'a b', NULL, 'raw', '[["other",10]]');
                    """)
        }
        return queue
    }

    @Test func versionTwoMovesEachTrajectorysStepsIntoItsRowAndTheViewReadsThemAsBefore() throws {
        let queue = try versionOneStore()
        let before = try queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM step ORDER BY trajectory_id, idx")
        }
        let store = try Store(queue, path: ":memory:")
        let after = try store.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM step ORDER BY trajectory_id, idx")
        }
        #expect(after == before)
        let version = try store.writer.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM store_info WHERE key = 'schema_version'")
        }
        #expect(version == "2")
        let empty = try store.writer.read { db in
            try String.fetchOne(db, sql: "SELECT steps FROM trajectory WHERE id = 8")
        }
        #expect(empty == "[]")
        #expect(try store.check().findings.first { $0.check == "steps" }?.problems == [])
    }

    @Test func theCheckNamesATrajectoryWhoseStepsDisagreeWithItsCount() throws {
        let store = try Store(try versionOneStore(), path: ":memory:")
        try store.writer.write { db in
            try db.execute(sql: "UPDATE trajectory SET steps = 'not json' WHERE id = 8")
            try db.execute(sql: "UPDATE trajectory SET step_count = 3 WHERE id = 7")
        }
        let problems = try store.check().findings.first { $0.check == "steps" }?.problems
        #expect(problems == ["os_2: steps is not a JSON array", "os_1: step_count 3, but 2 steps"])
    }
}
