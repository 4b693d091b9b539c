import GRDB
import Testing
import TroveCore
import TroveTestSupport

@testable import TroveStore

@Suite struct TaskGroupTests {
    private static let singers =
        "How many singers are older than 30?\nThe name of this table is singer, and the headers of this table are id,name,age."

    private func importedStore() throws -> Store {
        let store = try Store.inMemory()
        _ = try TrajectoryImporter(store: store, options: .init(codec: .init(task: "db")))
            .importFiles([Fixtures.url("groups/db-runs.jsonl").path])
        return store
    }

    @Test func runsOfOneTaskInstanceShareAGroupAndTheFilterSelectsThem() throws {
        // Given three runs of one question and one run of another
        let store = try importedStore()
        let group = TaskGroup.id(task: "db", taskText: Self.singers)
        // Then the three share the group of their task text, which the filter finds
        #expect(
            try store.trajectoryIDs(matching: Filter.parse("group:\(group)")) == [
                "singers_ok", "singers_bad", "singers_retry",
            ])
        #expect(try store.trajectoryIDs(matching: Filter.parse("group!=\(group)")) == ["shops_ok"])
        #expect(try store.trajectoryIDs(matching: Filter.parse("group:none")).isEmpty)
        let shown = try #require(try store.trajectory(id: "singers_bad"))
        #expect(TaskGroup.id(of: shown.trajectory, parsed: shown.parsed) == group)
        #expect(TrajectoryReport.text(shown.trajectory, shown.parsed, shown.label).contains("group \(group)\n"))
    }

    @Test func theSameTextInAnotherTaskIsAnotherGroup() {
        #expect(TaskGroup.id(task: "db", taskText: Self.singers) != TaskGroup.id(task: "os", taskText: Self.singers))
        #expect(TaskGroup.id(task: "db", taskText: Self.singers).count == TaskGroup.idLength)
    }

    /// The id is the start of the SHA-256 of task, NUL and text, as Python's hashlib computes it.
    @Test func idIsTheDigestsFirstDigits() {
        #expect(TaskGroup.id(task: "os", taskText: "List the files in /tmp, then count them.") == "dab68714de73")
        #expect(TaskGroup.id(task: "kg", taskText: "Quelle est la capitale ? é😀") == "12e45ccb7a08")
    }

    @Test func fillingInAnUnknownTaskMovesTheRunToThatTasksGroup() throws {
        let store = try Store.inMemory()
        let path = Fixtures.url("groups/db-runs.jsonl").path
        _ = try TrajectoryImporter(store: store, options: .init()).importFiles([path])
        _ = try TrajectoryImporter(store: store, options: .init(codec: .init(task: "db"))).importFiles([path])
        let group = TaskGroup.id(task: "db", taskText: Self.singers)
        #expect(try store.trajectoryIDs(matching: Filter.parse("group:\(group)")).count == 3)
    }

    @Test func versionSevenGroupsTheTrajectoriesOfAVersionFourStore() throws {
        // Given a version-4 store with two runs of one task text and a run with no task turn
        let queue = try DatabaseQueue()
        try StoreSchema.migrator.migrate(queue, upTo: "v4-outcomes-and-tool-calls")
        try queue.write { db in
            try StoreRows.insertTrajectories([(1, "os_a", 2, 0), (2, "os_b", 2, 0), (3, "os_c", 1, 0)], into: db)
            try db.execute(
                sql: """
                    INSERT INTO message_text (id, hash, text) VALUES (1, 1, 'count the files'), (2, 2, 'ls');
                    INSERT INTO message_row (trajectory_id, idx, role, original_role, text_id, turn) VALUES
                        (1, 0, 'instruction', 'human', 1, 'task'), (1, 1, 'agent', 'gpt', 2, 'agent'),
                        (2, 0, 'instruction', 'human', 1, 'task'), (2, 1, 'agent', 'gpt', 2, 'agent'),
                        (3, 0, 'agent', 'gpt', 2, 'agent');
                    """)
        }
        // When trove opens it
        let store = try Store(queue, path: ":memory:")
        // Then the two runs share the group their task text gives, and the third has none
        let groups = try store.testSeam.read { db in
            try String?.fetchAll(db, sql: "SELECT task_group FROM trajectory ORDER BY id")
        }
        let group = TaskGroup.id(task: "os", taskText: "count the files")
        #expect(groups == [group, group, nil])
        #expect(try store.trajectoryIDs(matching: Filter.parse("group:none")) == ["os_c"])
    }
}
