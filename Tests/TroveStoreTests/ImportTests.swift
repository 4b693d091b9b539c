import Foundation
import GRDB
import Testing
import TroveCore
import TroveTestSupport

@testable import TroveStore

@Suite struct ImportTests {
    private let fixture = Fixtures.url("import/db-small.jsonl").path

    private func importFixture(
        into store: Store, replace: Bool = false, paths: [String]? = nil
    ) throws -> (ImportSummary, [RecordRejection]) {
        var rejects: [RecordRejection] = []
        let options = TrajectoryImporter.Options(replace: replace, onReject: { error, _ in rejects.append(error) })
        let summary = try TrajectoryImporter(store: store, options: options).importFiles(paths ?? [fixture])
        return (summary, rejects)
    }

    @Test func storesGoodRecordsAndRejectsBadOnesWithFileAndLine() throws {
        // Given a JSONL file with three good records and three malformed ones
        let store = try Store.inMemory()
        // When it is imported
        let (summary, rejects) = try importFixture(into: store)
        // Then the good ones are stored and each bad one is named by line
        #expect(summary.read == 6)
        #expect(summary.added == 3)
        #expect(summary.rejectedCount == 3)
        #expect(rejects.map(\.location.line) == [3, 5, 6])
        #expect(rejects.allSatisfy { $0.location.file == fixture })
        #expect(rejects[0].reason.contains("unterminated string"))
        #expect(try store.trajectoryCount() == 3)
    }

    /// The search index merges 16 segments of a size at a time (DECISIONS.md 74): the option is stored
    /// once, imports in batches of one record leave an index FTS5 finds whole, and search finds every
    /// trajectory as before.
    @Test func theSearchIndexMergesSixteenSegmentsAtATimeAndStaysWhole() throws {
        let store = try Store.inMemory()
        let options = TrajectoryImporter.Options(batchSize: 1)
        let fixtures = ["import/db-small.jsonl", "dialects/os.json", "dialects/webshop.json", "dialects/alfworld.json"]
        for name in fixtures {
            _ = try TrajectoryImporter(store: store, options: options).importFiles([Fixtures.url(name).path])
        }
        let (automerge, segments) = try store.testSeam.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT v FROM message_fts_config WHERE k = 'automerge'"),
                try Int.fetchOne(db, sql: "SELECT count(DISTINCT segid) FROM message_fts_idx") ?? 0
            )
        }
        #expect(automerge == TrajectoryImporter.searchIndexAutomerge)
        #expect(segments > 4)
        try store.testSeam.write { db in
            try db.execute(sql: "INSERT INTO message_fts (message_fts, rank) VALUES ('integrity-check', 1)")
        }
        #expect(try store.trajectoryIDs(matching: try Filter.parse("has:singers")) == ["db_0"])
        #expect(try store.check().isOK)
        // The import's longer checkpoint interval ends with it: other writes checkpoint as SQLite does.
        let pages = try store.testSeam.write { db in try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") }
        #expect(pages == TrajectoryImporter.checkpointPages)
    }

    @Test func keepsTheOriginalBytesOfEveryRecordExactly() throws {
        let store = try Store.inMemory()
        _ = try importFixture(into: store)
        let lines = try String(contentsOfFile: fixture, encoding: .utf8).split(separator: "\n")
        for (id, lineIndex) in [("db_0", 0), ("db_1", 1), ("db_3", 3)] {
            let stored = try #require(try store.trajectory(id: id))
            #expect(stored.trajectory.originalRecord == Array(lines[lineIndex].utf8))
            #expect(stored.trajectory.source.line == lineIndex + 1)
        }
    }

    @Test func reimportSkipsIdenticalRecordsAndReportsConflicts() throws {
        let directory = TemporaryDirectory()
        let store = try Store.inMemory()
        _ = try importFixture(into: store)
        // Re-importing the same file stores nothing new.
        let (again, _) = try importFixture(into: store)
        #expect(again.added == 0)
        #expect(again.skipped == 3)
        // A changed record under a stored id is a conflict and is left alone.
        let changed = try String(contentsOfFile: fixture, encoding: .utf8).split(separator: "\n")[0]
            .replacingOccurrences(of: "How many singers", with: "How many SINGERS")
        let path = directory.write("changed.jsonl", changed + "\n")
        let (conflicting, _) = try importFixture(into: store, paths: [path])
        #expect(conflicting.conflicts.map(\.id) == ["db_0"])
        #expect(conflicting.conflicts.first?.location == SourceLocation(file: path, line: 1))
        #expect(try store.trajectory(id: "db_0")?.trajectory.messages[2].text.hasPrefix("How many singers") == true)
        // With --replace it replaces, keeping the label history and the old bytes; the decision was
        // made on the old bytes, so the new ones are pending again (issue 18 item 5), and the history says why.
        try store.applyLabel(
            LabelChange(status: .accepted, addTags: ["good"]), to: ["db_0"], reviewer: "ana", origin: "test")
        let (replaced, _) = try importFixture(into: store, replace: true, paths: [path])
        #expect(replaced.replaced == 1)
        #expect(try store.trajectory(id: "db_0")?.trajectory.messages[2].text.hasPrefix("How many SINGERS") == true)
        let history = try store.labelHistory(of: "db_0")
        #expect(history.map(\.label.status) == [.accepted, .pending])
        #expect(history.last?.label.tags == ["good"])
        // The event is ana's pending label; trove made the batch.
        #expect(history.last?.reviewer == "ana")
        #expect(history.last?.origin == "import")
        let batch = try store.writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT reviewer, change FROM label_batch WHERE id = ?", arguments: [history.last?.batch])
        }
        #expect(batch?["reviewer"] == LabelBatch.importReviewer)
        #expect((batch?["change"] as String?)?.hasPrefix("pending: record replaced by import run") == true)
        #expect(try store.currentLabel(of: "db_0").status == .pending)
        let kept = try store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM replaced_record") }
        #expect(kept == 1)
    }

    /// Issue 10 item 8: importing identical records again with --reward, --rewards or --task fills what
    /// the store lacks and never overwrites what it knows.
    @Test func reimportingIdenticalRecordsFillsUnknownRewardsAndTasksOnly() throws {
        let directory = TemporaryDirectory()
        let lines = [
            #"{"id": "a", "messages": [{"role": "user", "content": "x"}, {"role": "assistant", "content": "y"}]}"#,
            #"{"id": "b", "reward": 0, "messages": [{"role": "user", "content": "x"}, {"role": "assistant", "content": "z"}]}"#,
        ]
        let path = directory.write("plain.jsonl", lines.joined(separator: "\n") + "\n")
        let store = try Store.inMemory()
        _ = try TrajectoryImporter(store: store).importFiles([path])
        let options = TrajectoryImporter.Options(codec: .init(task: "qa", defaultReward: 1))
        let again = try TrajectoryImporter(store: store, options: options).importFiles([path])
        #expect(again.skipped == 2)
        #expect(again.rewardsSet == 1)
        #expect(again.tasksSet == 2)
        let a = try #require(try store.trajectory(id: "a")).trajectory
        #expect(a.environmentReward == 1)
        #expect(a.environmentRewardSource == .option)
        #expect(a.task == "qa")
        let b = try #require(try store.trajectory(id: "b")).trajectory
        #expect(b.environmentReward == 0)
        #expect(b.environmentRewardSource == .recordField)
        // A third run finds nothing left to fill.
        let third = try TrajectoryImporter(
            store: store, options: .init(codec: .init(task: "other", defaultReward: 0))
        ).importFiles([path])
        #expect(third.rewardsSet == 0 && third.tasksSet == 0)
        #expect(try store.trajectory(id: "a")?.trajectory.task == "qa")
    }

    @Test func anInterruptedImportCompletesWhenRunAgain() throws {
        // Given a store holding only the first batches of a file (as a killed import leaves it)
        let directory = TemporaryDirectory()
        let lines = try String(contentsOfFile: fixture, encoding: .utf8).split(separator: "\n")
        let partial = directory.write("db.jsonl", lines.prefix(2).joined(separator: "\n") + "\n")
        let store = try Store.inMemory()
        _ = try importFixture(into: store, paths: [partial])
        // When the whole file is imported again
        let (summary, _) = try importFixture(into: store)
        // Then it adds exactly what was missing
        #expect(summary.added == 1)
        #expect(summary.skipped == 2)
        #expect(try store.trajectoryCount() == 3)
    }

    @Test func storesMessagesWithTriStateLossStepsFlagsAndSearchableText() throws {
        let store = try Store.inMemory()
        _ = try importFixture(into: store)
        let stored = try #require(try store.trajectory(id: "db_1"))
        #expect(stored.trajectory.messages.map(\.loss) == [nil, false, nil, true, nil, true])
        #expect(stored.parsed.dialect == .db)
        #expect(stored.parsed.steps.count == 2)
        #expect(stored.parsed.steps[1].finalAnswer?.contains("Café 東京") == true)
        for step in stored.parsed.steps {
            #expect(step.segments.map(\.text).joined() == stored.trajectory.messages[step.messageIndex].text)
        }
        let hits = try store.testSeam.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT t.external_id FROM message_fts JOIN message_text x ON x.id = message_fts.rowid
                    JOIN trajectory t ON t.id = x.trajectory_id WHERE message_fts MATCH ? ORDER BY 1
                    """, arguments: ["singers"])
        }
        #expect(hits == ["db_0"])
        // The prompt, shared by every record, is stored once and still found in all of them.
        let counts = try store.testSeam.read { db in
            try Row.fetchOne(db, sql: "SELECT (SELECT count(*) FROM message_text), (SELECT count(*) FROM message_row)")
        }
        #expect(counts?[1] == 18)
        #expect(counts?[0] == 14)
        let prompt = try store.trajectoryIDs(matching: try Filter.parse(#"context:"operate a MySQL database""#))
        #expect(prompt == ["db_0", "db_1", "db_3"])
        // has: searches each trajectory's own turns, not the prompt they share (issue 10 item 6).
        #expect(try store.trajectoryIDs(matching: try Filter.parse(#"has:"operate a MySQL database""#)) == [])
    }

    /// Issue 10 item 6: thought:, action: and observation: search one part of the steps.
    @Test(arguments: [
        (#"thought:"count the rows""#, ["db_1"]), (#"action:"count the rows""#, []),
        (#"action:"SELECT name""#, ["db_1"]), (#"observation:"SELECT name""#, []),
        (#"observation:"Café 東京""#, ["db_1"]), (#"thought:"Café 東京""#, ["db_1"]),
        ("action:sql task:db", ["db_1"]), (#"thought!="count the rows" id:db_1"#, []),
    ])
    func stepFieldsSearchOnePartOfTheSteps(filter: String, expected: [String]) throws {
        let store = try Store.inMemory()
        _ = try importFixture(into: store)
        #expect(try store.trajectoryIDs(matching: try Filter.parse(filter)).filter { $0 == "db_1" } == expected)
    }

    /// A step field's value of punctuation only holds no word the search index could find: the steps'
    /// texts alone decide (before, such a filter matched nothing).
    @Test(arguments: [
        (#"observation:"[(""#, ["db_0", "db_1", "db_3"]), (#"action:"(*)""#, ["db_0", "db_3"]),
        (#"observation:"(*)""#, []), (#"observation!="[(""#, []), (#"thought:".""#, ["db_0", "db_1", "db_3"]),
    ])
    func stepFieldsFindPunctuationInTheSteps(filter: String, expected: [String]) throws {
        let store = try Store.inMemory()
        _ = try importFixture(into: store)
        #expect(try store.trajectoryIDs(matching: try Filter.parse(filter)).filter { $0.hasPrefix("db_") } == expected)
    }

    @Test func aLaterImportReusesTheTextsAnEarlierOneStored() throws {
        // Given a store holding the fixture, and a file of the same records under new ids
        let directory = TemporaryDirectory()
        let store = try Store.inMemory()
        _ = try importFixture(into: store)
        let textsBefore = try store.testSeam.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM message_text")
        }
        let renamed = try String(contentsOfFile: fixture, encoding: .utf8).split(separator: "\n")
            .filter { $0.contains(#""id": "db_"#) }
            .map { $0.replacingOccurrences(of: #""id": "db_"#, with: #""id": "copy_"#) }
        let path = directory.write("copies.jsonl", renamed.joined(separator: "\n") + "\n")
        // When it is imported
        let (summary, _) = try importFixture(into: store, paths: [path])
        // Then the prompt is found in the store, not stored again, and searching it finds both copies
        #expect(summary.added == 3)
        let counts = try store.testSeam.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT (SELECT count(*) FROM message_text),
                           (SELECT count(DISTINCT text_id) FROM message_row r JOIN trajectory t ON t.id = r.trajectory_id
                            WHERE t.external_id LIKE 'copy_%' AND r.turn IN ('prompt', 'handshake', 'example'))
                    """)
        }
        let textsAfter: Int = try #require(counts?[0])
        let sharedTexts: Int = try #require(counts?[1])
        #expect(sharedTexts > 0)
        #expect(try textsAfter <= #require(textsBefore) * 2 - sharedTexts)
        let prompt = try store.trajectoryIDs(matching: try Filter.parse(#"context:"operate a MySQL database""#))
        #expect(prompt.count == 6)
    }

    @Test func aReplacedRecordIsFoundByItsNewTextAndNoLongerByItsOld() throws {
        let directory = TemporaryDirectory()
        let store = try Store.open(path: directory.path("store.sqlite"), createIfMissing: true)
        _ = try importFixture(into: store)
        let changed = try String(contentsOfFile: fixture, encoding: .utf8).split(separator: "\n")[0]
            .replacingOccurrences(of: "How many singers", with: "How many troubadours")
        let (replaced, _) = try importFixture(
            into: store, replace: true, paths: [directory.write("changed.jsonl", changed + "\n")])
        #expect(replaced.replaced == 1)
        #expect(try store.trajectoryIDs(matching: try Filter.parse("has:troubadours")) == ["db_0"])
        #expect(try store.trajectoryIDs(matching: try Filter.parse("has:singers")).isEmpty)
        #expect(try store.trajectoryIDs(matching: try Filter.parse(#"context:"operate a MySQL database""#)).count == 3)
        let check = try store.check()
        #expect(check.isOK, "\(check.findings)")
    }

    @Test func aRecordReplacedWithinOneBatchLeavesTheSearchIndexConsistent() throws {
        // Given one file holding a record and, further down, a changed version under the same id
        let directory = TemporaryDirectory()
        let store = try Store.open(path: directory.path("store.sqlite"), createIfMissing: true)
        let first = try String(contentsOfFile: fixture, encoding: .utf8).split(separator: "\n")[0]
        let changed = first.replacingOccurrences(of: "How many singers", with: "How many minstrels")
        let path = directory.write("twice.jsonl", first + "\n" + changed + "\n")
        // When it is imported with --replace (both in the same batch)
        let (summary, _) = try importFixture(into: store, replace: true, paths: [path])
        // Then the second version is stored and searchable, the first one's text is gone, and the index checks
        #expect(summary.added == 1)
        #expect(summary.replaced == 1)
        #expect(try store.trajectoryIDs(matching: try Filter.parse("has:minstrels")) == ["db_0"])
        #expect(try store.trajectoryIDs(matching: try Filter.parse("has:singers")).isEmpty)
        let check = try store.check()
        #expect(check.isOK, "\(check.findings)")
    }

    @Test func aRecordReplacedWithinOneBatchIsNoLongerFoundByASharedTextOnlyItsOldVersionUsed() throws {
        // Given a record whose short observation (a shared text) differs in a later version under the same id
        let directory = TemporaryDirectory()
        let store = try Store.open(path: directory.path("store.sqlite"), createIfMissing: true)
        let line = try String(contentsOfFile: fixture, encoding: .utf8).split(separator: "\n")[0]
        let first = line.replacingOccurrences(of: "[(6,)]", with: "[(zebra,)]")
        let changed = line.replacingOccurrences(of: "[(6,)]", with: "[(lion,)]")
        let path = directory.write("twice.jsonl", first + "\n" + changed + "\n")
        // When both are imported with --replace in one batch
        let (summary, _) = try importFixture(into: store, replace: true, paths: [path])
        // Then only the new version's shared text leads to the record
        #expect(summary.replaced == 1)
        #expect(try store.trajectoryIDs(matching: try Filter.parse("has:lion")) == ["db_0"])
        #expect(try store.trajectoryIDs(matching: try Filter.parse("has:zebra")).isEmpty)
    }

    /// The import writes with foreign keys and CHECK constraints off (DECISIONS.md 82): what it writes
    /// satisfies every constraint, which `trove check` verifies (`integrity_check`, `foreign_key_check`),
    /// from every dialect and agent-run shape (tool calls, loss flags, shared and private texts), also when
    /// a record is replaced; and both hold again for the writes after it on the same connection.
    @Test func importLeavesForeignKeysAndChecksEnforcedAndTheStoreConsistent() throws {
        let directory = TemporaryDirectory()
        let store = try Store.open(path: directory.path("store.sqlite"), createIfMissing: true)
        let names = [
            "dialects/alfworld.json", "dialects/chat.json", "dialects/db.json", "dialects/kg.json",
            "dialects/mind2web.json", "dialects/os.json", "dialects/react.json", "dialects/webshop.json",
            "agent-runs/atif.trajectory.json", "agent-runs/inspect.eval", "agent-runs/miniswe.traj.json",
            "agent-runs/openhands-events.json", "agent-runs/sweagent.traj", "agent-runs/tau-bench.json",
            "general/openai-small.jsonl", "general/sharegpt-small.json", "import/step-spans.jsonl",
        ]
        let summary = try TrajectoryImporter(store: store, options: .init(batchSize: 3))
            .importFiles(names.map { Fixtures.url($0).path })
        #expect(summary.added > 20)
        _ = try importFixture(into: store)
        _ = try importFixture(into: store, replace: true)
        let changed = try String(contentsOfFile: fixture, encoding: .utf8).split(separator: "\n")[0]
            .replacingOccurrences(of: "How many singers", with: "How many SINGERS")
        let replacing = directory.write("changed.jsonl", changed + "\n")
        #expect(try importFixture(into: store, replace: true, paths: [replacing]).0.replaced == 1)
        let enforced = try store.testSeam.write { db in try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") }
        #expect(enforced == true)
        let check = try store.check()
        #expect(check.isOK, "\(check.findings)")
        #expect(throws: DatabaseError.self) {
            try store.testSeam.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO message_row (trajectory_id, idx, role, original_role, text_id, turn, tool_calls)
                        SELECT trajectory_id, 1000, role, original_role, text_id, turn, '{not json'
                        FROM message_row LIMIT 1
                        """)
            }
        }
    }

    @Test func importRunsAreRecordedWithTheirCounts() throws {
        let store = try Store.inMemory()
        _ = try importFixture(into: store)
        let row = try store.testSeam.read { db in
            try Row.fetchOne(db, sql: "SELECT added, rejected, finished_at IS NOT NULL FROM import_run")
        }
        #expect(row?[0] == 3)
        #expect(row?[1] == 3)
        #expect(row?[2] == true)
    }
}
