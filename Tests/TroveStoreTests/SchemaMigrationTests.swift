import GRDB
import Testing
import TroveCore
import TroveTestSupport

@testable import TroveStore

@Suite struct SchemaMigrationTests {
    /// A store as trove wrote it with schema version 1: one trajectory with two step rows.
    /// A text's hash as every version of the store has stored it (`trove check` compares them).
    private func hash(_ text: String) -> Int64 { Int64(bitPattern: StableHash.fnv1a(text)) }

    private func versionOneStore() throws -> DatabaseQueue {
        // A store's connections search with `trove_phrase` (a `has:` filter reads Terminus replies with it).
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.addPhraseFunction() }
        let queue = try DatabaseQueue(configuration: configuration)
        try StoreSchema.migrator.migrate(queue, upTo: "v1-review-state")
        try queue.write { db in
            try StoreRows.insertTrajectories([(7, "os_1", 4, 2), (8, "os_2", 1, 0)], into: db)
            try db.execute(
                sql: """
                    INSERT INTO message_text (id, hash, text) VALUES
                        (1, \(hash("You are an OS agent.")), 'You are an OS agent.'), (2, \(hash("list the files")), 'list the files'),
                        (3, \(hash("Think: ls")), 'Think: ls'), (4, \(hash("a b")), 'a b'), (5, \(hash("Done.")), 'Done.');
                    INSERT INTO message_row (id, trajectory_id, idx, role, original_role, text_id, loss, turn) VALUES
                        (1, 7, 0, 'instruction', 'human', 1, NULL, 'prompt'),
                        (2, 7, 1, 'agent', 'gpt', 3, 1, 'agent'),
                        (3, 7, 2, 'environment', 'human', 4, NULL, 'observation'),
                        (4, 7, 3, 'agent', 'gpt', 5, 1, 'agent'),
                        (5, 8, 0, 'instruction', 'human', 1, NULL, 'prompt');
                    INSERT INTO message_fts (rowid, text) SELECT id, text FROM message_text;
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
        let after = try store.testSeam.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM step ORDER BY trajectory_id, idx")
        }
        #expect(after == before)
        let version = try store.testSeam.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM store_info WHERE key = 'schema_version'")
        }
        #expect(version == String(StoreSchema.version))
        let empty = try store.testSeam.read { db in
            try String.fetchOne(db, sql: "SELECT steps FROM trajectory WHERE id = 8")
        }
        #expect(empty == "[]")
        #expect(try store.check().findings.first { $0.check == "steps" }?.problems == [])
    }

    @Test func versionTwoKeepsEveryMessageAndTellsPrivateTextsFromSharedOnes() throws {
        let queue = try versionOneStore()
        let columns = "trajectory_id, idx, role, original_role, text, loss, turn, text_id"
        let before = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT \(columns) FROM message ORDER BY trajectory_id, idx")
        }
        let store = try Store(queue, path: ":memory:")
        let after = try store.testSeam.read { db in
            try Row.fetchAll(db, sql: "SELECT \(columns) FROM message ORDER BY trajectory_id, idx")
        }
        #expect(after == before)
        let owners = try store.testSeam.read { db in
            try Row.fetchAll(db, sql: "SELECT id, trajectory_id FROM message_text ORDER BY id").map {
                [$0[0], $0[1]] as [Int64?]
            }
        }
        #expect(owners == [[1, nil], [2, nil], [3, 7], [4, 7], [5, 7]])
        let uses = try store.testSeam.read { db in
            try Row.fetchAll(db, sql: "SELECT text_id, trajectory_id FROM text_use ORDER BY 1, 2").map {
                [$0[0], $0[1]] as [Int64]
            }
        }
        #expect(uses == [[1, 7], [1, 8]])
        // Version 3 marks the shared prompt as context: has: no longer finds it, context: does.
        #expect(try store.trajectoryIDs(matching: try Filter.parse("has:agent")) == [])
        #expect(try store.trajectoryIDs(matching: try Filter.parse("context:agent")) == ["os_1", "os_2"])
        #expect(try store.trajectoryIDs(matching: try Filter.parse("has:Done")) == ["os_1"])
        #expect(try store.check().isOK)
    }

    @Test func anOlderStoreOpenedReadOnlyIsRefusedUntilAWritableOpenUpgradesIt() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("old.sqlite")
        let queue = try DatabaseQueue(path: path)
        try StoreSchema.migrator.migrate(queue, upTo: "v1-review-state")
        try queue.close()
        #expect(throws: StoreError.outdatedSchema(path: path, version: 1)) {
            try Store.open(path: path, readOnly: true)
        }
        _ = try Store.open(path: path)
        #expect(try Store.open(path: path, readOnly: true).trajectoryCount() == 0)
    }

    @Test func theCheckNamesATrajectoryWhoseStepsDisagreeWithItsCount() throws {
        let store = try Store(try versionOneStore(), path: ":memory:")
        try store.testSeam.write { db in
            try db.execute(sql: "UPDATE trajectory SET steps = 'not json' WHERE id = 8")
            try db.execute(sql: "UPDATE trajectory SET step_count = 3 WHERE id = 7")
        }
        let problems = try store.check().findings.first { $0.check == "steps" }?.problems
        #expect(problems == ["os_2: steps is not a JSON array", "os_1: step_count 3, but 2 steps"])
    }

    @Test func versionFourAddsOutcomesAndToolCallsToAVersionTwoStoreKeepingItsRows() throws {
        let queue = try versionOneStore()
        try StoreSchema.migrator.migrate(queue, upTo: "v2-private-and-shared-texts")
        let columns = "trajectory_id, idx, role, original_role, text, loss, turn"
        let before = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT \(columns) FROM message ORDER BY trajectory_id, idx")
        }
        let store = try Store(queue, path: ":memory:")
        let (version, after, calls, outcomes, accepted) = try store.testSeam.read { db in
            (
                try String.fetchOne(db, sql: "SELECT value FROM store_info WHERE key = 'schema_version'"),
                try Row.fetchAll(db, sql: "SELECT \(columns) FROM message ORDER BY trajectory_id, idx"),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM message WHERE tool_calls IS NOT NULL"),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM trajectory_review WHERE outcome IS NULL"),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM accepted_trajectory")
            )
        }
        #expect(version == String(StoreSchema.version))
        #expect(after == before)
        #expect(calls == 0)
        #expect(outcomes == 2)
        #expect(accepted == 0)
        #expect(try store.trajectory(id: "os_1")?.trajectory.outcome == nil)
    }

    /// A version 8 store with labels (two reviewers' batches, an event a script wrote without a batch, an
    /// assignment) keeps every view's rows, its history and undo through version 9, and a script's
    /// event is still its reviewer's label afterwards.
    @Test func versionNineKeepsAVersionEightStoresLabelsViewsAndUndo() throws {
        let queue = try DatabaseQueue()
        try StoreSchema.migrator.migrate(queue, upTo: "v8-filter-columns")
        try queue.write { db in
            try StoreRows.insertTrajectories([(1, "os_1", 0, 0), (2, "os_2", 0, 0), (3, "os_3", 0, 0)], into: db)
            try db.execute(
                sql: """
                    INSERT INTO label_batch (id, reviewer, at, kind, reverts, change, origin) VALUES
                        (1, 'ana', '2026-01-01T00:00:01.000Z', 'label', NULL, 'accept, tag a', 'ui'),
                        (2, 'bo', '2026-01-01T00:00:02.000Z', 'label', NULL, 'reject', 'cli');
                    INSERT INTO label_event (id, trajectory_id, reviewer, at, kind, reverts, status, reward, reward_reason,
                        tags, note, origin, batch) VALUES
                        (1, 1, 'ana', '2026-01-01T00:00:01.000Z', 'label', NULL, 'accepted', NULL, NULL, '["a"]', NULL, 'ui', 1),
                        (2, 2, 'ana', '2026-01-01T00:00:01.000Z', 'label', NULL, 'accepted', 0.5, 'r', '["a"]', 'n', 'ui', 1),
                        (3, 2, 'bo', '2026-01-01T00:00:02.000Z', 'label', NULL, 'rejected', NULL, NULL, '[]', NULL, 'cli', 2);
                    INSERT INTO assignment (trajectory_id, reviewer, assigned_at) VALUES (2, 'bo', '2026-01-01T00:00:00.000Z');
                    """)
            for batch in [1, 2] {
                for statement in StoreSchema.reviewerLabelUpdates {
                    try db.execute(sql: statement, arguments: [batch, 0])
                }
            }
            for statement in DecisionSQL.update("SELECT trajectory_id FROM reviewer_current") {
                try db.execute(sql: statement)
            }
            try db.execute(
                sql: """
                    INSERT INTO label_event (trajectory_id, reviewer, at, kind, status, tags, origin)
                    VALUES (3, 'script', '2026-01-01T00:00:03.000Z', 'label', 'accepted', '["s"]', 'sql')
                    """)
        }
        let views = [
            "SELECT * FROM trajectory_review ORDER BY id", "SELECT * FROM accepted_trajectory ORDER BY id",
            "SELECT * FROM reviewer_label ORDER BY trajectory_id, reviewer", "SELECT * FROM label_event ORDER BY id",
            "SELECT * FROM review_assignment ORDER BY trajectory_id, reviewer",
            "SELECT * FROM label_batch ORDER BY id",
        ]
        let before = try queue.read { db in try views.map { try Row.fetchAll(db, sql: $0) } }
        #expect(before[0].map { $0["status"] as String } == ["accepted", "disputed", "accepted"])
        let store = try Store(queue, path: ":memory:")
        let after = try store.testSeam.read { db in try views.map { try Row.fetchAll(db, sql: $0) } }
        #expect(after == before)
        let version = try store.testSeam.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM store_info WHERE key = 'schema_version'")
        }
        #expect(version == String(StoreSchema.version))
        #expect(try store.labelHistory(of: "os_2").map(\.id) == [2, 3])
        #expect(try store.undo(reviewer: "bo", origin: "cli")?.message == "undone: reject of os_2")
        #expect(
            try store.currentLabel(of: "os_2")
                == ReviewLabel(status: .accepted, reward: 0.5, rewardReason: "r", tags: ["a"], note: "n"))
        try store.testSeam.write { db in
            try db.execute(
                sql: """
                    INSERT INTO label_event (trajectory_id, reviewer, at, kind, status, tags, origin)
                    VALUES (3, 'other', '2026-01-01T00:00:04.000Z', 'label', 'rejected', '[]', 'sql')
                    """)
        }
        #expect(try store.currentLabel(of: "os_3") == ReviewLabel(status: .disputed, tags: ["s"]))
        let problems = try store.check().findings.flatMap(\.problems)
        #expect(problems.isEmpty, "\(problems)")
    }
}

extension SchemaMigrationTests {
    /// Version 11 flags `bad-encoding` what a version-10 store holds with U+FFFD in a message's text,
    /// keeping each `flags` list sorted, and the filter finds them.
    @Test func versionElevenFlagsAVersionTenStoresTextsHoldingTheReplacementCharacter() throws {
        let queue = try DatabaseQueue()
        try StoreSchema.migrator.migrate(queue, upTo: "v10-step-text-spans")
        try queue.write { db in
            try StoreRows.insertTrajectories([(1, "os_1", 2, 0), (2, "os_2", 2, 0), (3, "os_3", 1, 0)], into: db)
            try db.execute(
                sql: """
                    INSERT INTO message_text (id, hash, text) VALUES
                        (1, 1, 'list the files'), (2, 2, 'caf' || char(65533)), (3, 3, 'ls'), (4, 4, 'ok');
                    INSERT INTO message_row (trajectory_id, idx, role, original_role, text_id, turn) VALUES
                        (1, 0, 'instruction', 'human', 1, 'task'), (1, 1, 'agent', 'gpt', 2, 'agent'),
                        (2, 0, 'instruction', 'human', 2, 'task'), (2, 1, 'agent', 'gpt', 3, 'agent'),
                        (3, 0, 'instruction', 'human', 4, 'task');
                    INSERT INTO trajectory_flag (trajectory_id, flag) VALUES (1, 'no-answer'), (2, 'raw-fallback');
                    UPDATE trajectory SET flags = 'no-answer' WHERE id = 1;
                    UPDATE trajectory SET flags = 'raw-fallback' WHERE id = 2;
                    """)
        }
        let store = try Store(queue, path: ":memory:")
        let flags = try store.testSeam.read { db in
            try String.fetchAll(db, sql: "SELECT flags FROM trajectory ORDER BY id")
        }
        #expect(flags == ["bad-encoding,no-answer", "bad-encoding,raw-fallback", ""])
        #expect(try store.trajectoryIDs(matching: try Filter.parse("flag:bad-encoding")) == ["os_1", "os_2"])
        let version = try store.testSeam.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM store_info WHERE key = 'schema_version'")
        }
        #expect(version == String(StoreSchema.version))
    }

    /// Version 12 stores each trajectory's goal, as the list shows it, from its task turn (else its first
    /// instruction, else its first message), and the text sort follows it through its index.
    @Test func versionTwelveStoresAVersionElevenStoresGoalsAndTheTextSortFollowsThem() throws {
        let queue = try DatabaseQueue()
        try StoreSchema.migrator.migrate(queue, upTo: "v11-bad-encoding-flag")
        try queue.write { db in
            try StoreRows.insertTrajectories([(1, "os_1", 2, 0), (2, "os_2", 1, 0), (3, "os_3", 1, 0)], into: db)
            try db.execute(
                sql: """
                    INSERT INTO message_text (id, hash, text) VALUES
                        (1, 1, 'You are a helpful assistant.'), (2, 2, 'Now, my problem is:' || char(10) || 'zip the logs'),
                        (3, 3, 'WebShop [SEP] Instruction: [SEP] A red mug [SEP] Search'), (4, 4, 'count  the' || char(10) || 'files');
                    INSERT INTO message_row (trajectory_id, idx, role, original_role, text_id, turn) VALUES
                        (1, 0, 'system', 'system', 1, 'prompt'), (1, 1, 'instruction', 'human', 2, 'task'),
                        (2, 0, 'instruction', 'human', 3, 'context'),
                        (3, 0, 'environment', 'human', 4, 'observation');
                    """)
        }
        let store = try Store(queue, path: ":memory:")
        let goals = try store.testSeam.read { db in
            try String.fetchAll(db, sql: "SELECT goal FROM trajectory ORDER BY id")
        }
        #expect(goals == ["zip the logs", "A red mug", "count the files"])
        let sorted = try store.rows(matching: Filter(nil), sortedBy: ListSort(column: .text), after: nil, limit: 10)
        #expect(sorted.map(\.id) == ["os_2", "os_3", "os_1"])
        #expect(sorted.map(\.taskGoal) == ["A red mug", "count the files", "zip the logs"])
        // A page in text order reads the index, not the table (a million rows hold the records).
        let plan = try store.testSeam.read { db in
            try Row.fetchAll(
                db, sql: "EXPLAIN QUERY PLAN SELECT * FROM trajectory t ORDER BY t.goal COLLATE NOCASE, t.id LIMIT 5"
            ).map { $0["detail"] as String }
        }
        #expect(plan == ["SCAN t USING INDEX trajectory_by_goal"], "\(plan)")
    }
}
