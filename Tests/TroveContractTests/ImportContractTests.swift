import Foundation
import Testing
import TroveCore
import TroveTestSupport

/// Store behaviours both backends share, run against each (docs/store.md is the contract).
@Suite struct ImportContractTests {
    private let fixture = Fixtures.url("import/db-small.jsonl").path

    /// Shows, when no server is set, that the PostgreSQL cases did not run.
    @Test(.enabled(if: TestPostgres.url != nil, TestPostgres.skipMessage))
    func postgresCasesRun() {}

    @Test(arguments: TestBackend.available)
    func importingTwiceSkipsEverythingTheSecondTime(backend: TestBackend) throws {
        let store = try BackendStore(backend)
        let first = try store.importFiles([fixture], batchSize: 3)
        #expect(first.added > 0)
        #expect(first.rejectedCount > 0)
        let again = try store.importFiles([fixture], batchSize: 3)
        #expect(again.added == 0)
        #expect(again.skipped == first.added)
        #expect(again.conflicts.isEmpty)
        #expect(try store.rows("SELECT count(*) FROM trajectory") == [[String(first.added)]])
    }

    /// An `agentinstruct` export puts a pretty-printed file's records on one line each: importing the
    /// export after the file, or the file after the export, skips them as the same records, and
    /// `--replace` leaves them (and their decisions) alone; a record whose content differs still conflicts.
    @Test(arguments: TestBackend.available)
    func aRecordInAnotherLayoutIsTheSameRecord(backend: TestBackend) throws {
        let pretty = Fixtures.url("dialects/db.json").path
        let directory = TemporaryDirectory()
        let reader = try RecordReader(path: pretty)
        var lines: [String] = []
        while let record = try reader.next() {
            lines.append(String(decoding: JSONCompactor.compactIfMultiline(record.bytes), as: UTF8.self))
        }
        let records = lines
        let exported = directory.write("db.jsonl", lines.joined(separator: "\n") + "\n")
        for order in [[pretty, exported], [exported, pretty]] {
            let store = try BackendStore(backend)
            let first = try store.importFiles([order[0]])
            #expect(first.added == records.count)
            let again = try store.importFiles([order[1]])
            #expect(again.skipped == records.count, "\(order)")
            #expect(again.conflicts.isEmpty)
            #expect(try store.importFiles([order[1]], replace: true).replaced == 0)
        }
        let changed = directory.write("changed.jsonl", #"{"extra":1,"# + lines[0].dropFirst() + "\n")
        let store = try BackendStore(backend)
        try store.importFiles([pretty])
        #expect(try store.importFiles([changed]).conflicts.count == 1)
    }

    /// A SWE-bench report imported after the runs it scores (`trove import REPORT`) gives its rewards to
    /// the stored trajectories whose reward is unknown, with the source a re-import with it would give,
    /// and leaves a known reward alone.
    @Test(arguments: TestBackend.available)
    func aReportFillsOnlyTheUnknownRewardsOfStoredTrajectories(backend: TestBackend) throws {
        let store = try BackendStore(backend)
        try store.importFiles(["agent-runs/miniswe.traj.json", "agent-runs/nebius.json"].map { Fixtures.url($0).path })
        let rewards = ["example__repo-1": 1.0, "example__lib-7_3": 0, "example__repo-9": 1]
        #expect(
            try store.fillStoredRewards(rewards)
                == StoredRewardFill(applied: 1, leftAlone: 1, unmatched: 1, unmatchedIDs: ["example__repo-9"]))
        let sql = "SELECT external_id, CAST(env_reward * 10 AS INTEGER), env_reward_source FROM trajectory ORDER BY 1"
        #expect(
            try store.rows(sql) == [["example__lib-7_3", "10", "record field"], ["example__repo-1", "10", "sidecar"]])
        #expect(
            try store.fillStoredRewards(rewards)
                == StoredRewardFill(applied: 0, leftAlone: 1, unmatched: 1, unmatchedIDs: ["example__repo-9"]))
    }

    /// Each record's stored bytes are the input line's, exactly, and its SHA-256 is recorded.
    @Test(arguments: TestBackend.available)
    func originalBytesAreKeptExactly(backend: TestBackend) throws {
        let store = try BackendStore(backend)
        try store.importFiles([fixture])
        let lines = try String(contentsOfFile: fixture, encoding: .utf8).split(separator: "\n").map(String.init)
        let stored = try store.rows("SELECT original, original_sha256, source_line FROM trajectory ORDER BY id")
        #expect(!stored.isEmpty)
        for row in stored {
            let line = lines[Int(row[2] ?? "0")! - 1]
            #expect(row[0] == Array(line.utf8).map { String(format: "%02x", $0) }.joined())
            #expect(row[1] == SHA256.hash(Array(line.utf8)).hexString)
        }
    }

    /// The views return the same columns and, for the same input, the same values on both backends.
    @Test(arguments: ["trajectory_review", "message", "step", "reviewer_label", "review_assignment", "turn_label"])
    func viewsAgreeAcrossBackends(view: String) throws {
        guard TestPostgres.url != nil else { return }
        let files = [fixture, Fixtures.url("dialects/os.json").path, Fixtures.url("dialects/webshop.json").path]
        let stores = try TestBackend.allCases.map { backend in
            let store = try BackendStore(backend)
            try store.importFiles(files)
            return store
        }
        let sql = "SELECT * FROM \(view) ORDER BY 1, 2, 3"
        #expect(try stores[0].columnNamesOfView(view) == stores[1].columnNamesOfView(view))
        let (sqlite, postgres) = (try stores[0].rows(sql), try stores[1].rows(sql))
        #expect(sqlite.count == postgres.count)
        if let mismatch = zip(sqlite, postgres).first(where: { $0.0 != $0.1 }) { #expect(mismatch.0 == mismatch.1) }
    }

    /// The `step` view gives each step the texts the parser cut, whether the store wrote them out or as
    /// spans of their messages' bytes: texts of one- to four-byte scalars, observations after a prefix,
    /// alfworld arguments of two segments, and synthetic records of every task.
    @Test(arguments: TestBackend.available)
    func stepViewGivesTheParsedTexts(backend: TestBackend) throws {
        let directory = TemporaryDirectory()
        var generator = SyntheticTrajectories(seed: 12)
        let lines = (0..<120).map { _ in String(decoding: generator.next(), as: UTF8.self) }
        let synthetic = directory.write("synthetic.jsonl", lines.joined(separator: "\n") + "\n")
        let spans = Fixtures.url("import/step-spans.jsonl").path
        let store = try BackendStore(backend)
        try store.importFiles([spans, synthetic])
        var expected: [[String?]] = []
        for path in [spans, synthetic] {
            let records = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
            for (index, line) in records.enumerated() {
                let trajectory = try TrajectoryCodec().decode(
                    RawRecord(bytes: Array(line.utf8), line: index + 1, offset: 0), file: path)
                for (position, step) in StepParser.parse(trajectory).steps.enumerated() {
                    expected.append([
                        trajectory.id, String(position), step.thought, step.action?.argument, step.observation,
                        step.finalAnswer,
                    ])
                }
            }
        }
        // Sorted here: PostgreSQL's collation may order the ids otherwise.
        let order = { (row: [String?]) in (row[0] ?? "", Int(row[1] ?? "") ?? 0) }
        let stored = try store.rows(
            """
            SELECT t.external_id, s.idx, s.thought, s.action_argument, s.observation, s.final_answer
            FROM step s JOIN trajectory t ON t.id = s.trajectory_id
            """
        ).sorted { order($0) < order($1) }
        expected.sort { order($0) < order($1) }
        #expect(stored.count == expected.count)
        if let mismatch = zip(stored, expected).first(where: { $0.0 != $0.1 }) { #expect(mismatch.0 == mismatch.1) }
        #expect(expected.contains { ($0[2] ?? "").contains("😀") } && expected.contains { $0[4] == "Ω" })
    }

    /// Terminus runs store their dialect and their steps alike on both backends (`dialect` is free text,
    /// its values listed in docs/store.md), the `step` view gives the texts the parser decoded, and the
    /// filter selects them by dialect.
    @Test(arguments: TestBackend.available)
    func terminusRunsStoreTheirDialectAndStepsOnEveryBackend(backend: TestBackend) throws {
        let store = try BackendStore(backend)
        let files = [
            "agent-runs/terminus.trajectory.json", "agent-runs/terminus-xml.trajectory.json", "dialects/os.json",
        ]
        try store.importFiles(files.map { Fixtures.url($0).path })
        let runs = ["terminus-2/terminus-json-fixture", "terminus-2/terminus-xml-fixture"]
        #expect(
            try store.rows("SELECT external_id FROM trajectory WHERE dialect = 'terminus' ORDER BY id")
                == runs.map { [$0] })
        let steps = try store.rows(
            """
            SELECT s.idx, s.thought, s.action_kind, s.action_argument, s.observation, s.parsed_by
            FROM step s JOIN trajectory t ON t.id = s.trajectory_id
            WHERE t.external_id = 'terminus-2/terminus-xml-fixture' ORDER BY s.idx
            """)
        #expect(
            steps == [
                [
                    "0", "The prompt is empty & waiting in /app.\n\nWrite the line with echo, then print the file.",
                    "keystrokes", "echo hi > greeting.txt\ncat greeting.txt\n",
                    "root@sandbox:/app# echo hi > greeting.txt\nroot@sandbox:/app# cat greeting.txt\nhi\nroot@sandbox:/app# \n",
                    "terminus",
                ],
                ["1", "greeting.txt holds \"hi\".\n\nDone.", "task_complete", "", nil, "terminus"],
            ])
        #expect(try store.ids(matching: Filter.parse("dialect:terminus")) == runs)
        #expect(try store.ids(matching: Filter.parse("dialect:terminus action:\"head -n 3\"")) == [runs[0]])
        #expect(try store.check().isOK)
    }

    /// `check` lists a step text whose span its message does not have, the same on both backends, and
    /// passes the spans an import writes.
    @Test(arguments: TestBackend.available)
    func theCheckListsASpanItsMessageDoesNotHave(backend: TestBackend) throws {
        let store = try BackendStore(backend)
        try store.importFiles([Fixtures.url("import/step-spans.jsonl").path])
        #expect(try store.check().isOK)
        let steps = try #require(
            try store.rows("SELECT steps FROM trajectory WHERE external_id = 'os_spans_1'").first?.first ?? nil)
        // The first step's thought follows `Think: `: its span starts at byte 7.
        let thought = try #require(steps.firstRange(of: "[[1, 2, [7, "))
        let damaged = steps.replacingCharacters(
            in: thought.upperBound..<(try #require(steps[thought.upperBound...].firstIndex(of: "]"))), with: "100000")
        try store.execute(
            "UPDATE trajectory SET steps = '\(damaged.replacingOccurrences(of: "'", with: "''"))' "
                + "WHERE external_id = 'os_spans_1'")
        let check = try store.check()
        #expect(
            check.findings.first { $0.check == "steps" }?.problems == [
                "os_spans_1: step 0 spans bytes its message does not have"
            ])
        #expect(check.findings.filter { !$0.problems.isEmpty }.count == 1)
    }

    /// Both backends record the same schema version and apply the same named migrations, and
    /// PostgreSQL two steps of its own that keep the version (docs/store.md).
    @Test func schemaVersionsAndMigrationsAgreeAcrossBackends() throws {
        guard TestPostgres.url != nil else { return }
        let stores = try TestBackend.allCases.map { try BackendStore($0) }
        let postgresOnly = ["v14-notify-team-and-assignments", "v14-punctuation-split-words"]
        let own = postgresOnly.map { "'\($0)'" }.joined(separator: ", ")
        for sql in [
            "SELECT value FROM store_info WHERE key = 'schema_version'",
            "SELECT identifier FROM grdb_migrations WHERE identifier NOT IN (\(own)) ORDER BY identifier",
        ] {
            #expect(try stores[0].rows(sql) == stores[1].rows(sql))
        }
        let applied = try stores[1].rows(
            "SELECT identifier FROM grdb_migrations WHERE identifier IN (\(own)) ORDER BY 1")
        #expect(applied == postgresOnly.map { [$0] })
    }

    /// The same turn masks and corrections give the same `turn_label` rows on both backends: two reviewers
    /// agreeing on a mask decide it, two disagreeing leave the turn as imported and disputed, and the
    /// latest correction is the turn's text.
    @Test func turnLabelsDecideTheSameOnBothBackends() throws {
        guard TestPostgres.url != nil else { return }
        let stores = try TestBackend.allCases.map { backend in
            let store = try BackendStore(backend)
            try store.importFiles([Fixtures.url("dialects/os.json").path])
            try store.execute(
                """
                INSERT INTO label_batch (id, reviewer, at, kind, change, origin)
                    VALUES (1, 'ana', '2026-11-30T00:00:00Z', 'label', '{}', 'test');
                INSERT INTO turn_event (id, trajectory_id, turn, reviewer, at, kind, train, text, origin, batch) VALUES
                    (1, 1, 1, 'ana', '2026-11-30T00:00:00Z', 'label', 0, NULL, 'test', 1),
                    (2, 1, 1, 'bo', '2026-11-30T00:00:01Z', 'label', 0, NULL, 'test', 1),
                    (3, 1, 3, 'ana', '2026-11-30T00:00:02Z', 'label', 0, NULL, 'test', 1),
                    (4, 1, 3, 'bo', '2026-11-30T00:00:03Z', 'label', 1, 'fixed', 'test', 1);
                INSERT INTO turn_current (trajectory_id, turn, reviewer, event_id, train, text, at)
                    SELECT trajectory_id, turn, reviewer, id, train, text, at FROM turn_event
                """)
            return store
        }
        let sql = "SELECT * FROM turn_label ORDER BY trajectory_id, turn"
        let sqlite = try stores[0].rows(sql)
        #expect(sqlite.map { $0[1...5] } == [["1", "0", "1", "0", "2"], ["3", nil, "0", "1", "2"]])
        #expect(sqlite.map(\.[6]) == [nil, "fixed"])
        #expect(try stores[1].rows(sql) == sqlite)
    }

    /// Turn events, like label events, are a log: no update or delete of one is accepted, on either backend.
    @Test(arguments: TestBackend.available)
    func turnEventsAreAppendOnly(backend: TestBackend) throws {
        let store = try BackendStore(backend)
        try store.importFiles([Fixtures.url("dialects/os.json").path])
        try store.execute(
            """
            INSERT INTO label_batch (id, reviewer, at, kind, change, origin)
                VALUES (1, 'ana', '2026-11-30T00:00:00Z', 'label', '{}', 'test');
            INSERT INTO turn_event (id, trajectory_id, turn, reviewer, at, kind, train, text, origin, batch)
                VALUES (1, 1, 1, 'ana', '2026-11-30T00:00:00Z', 'label', 0, NULL, 'test', 1)
            """)
        #expect(throws: (any Error).self) { try store.execute("UPDATE turn_event SET train = 1") }
        #expect(throws: (any Error).self) { try store.execute("DELETE FROM turn_event") }
        #expect(try store.rows("SELECT id, train FROM turn_event") == [["1", "0"]])
    }

    /// `trove stats`' counts, for the same input, are the same on both backends.
    @Test func statsAgreeAcrossBackends() throws {
        guard TestPostgres.url != nil else { return }
        let files = [fixture, Fixtures.url("dialects/os.json").path, Fixtures.url("dialects/alfworld.json").path]
        let stats = try TestBackend.allCases.map { backend in
            let store = try BackendStore(backend)
            try store.importFiles(files)
            return try store.stats()
        }
        #expect(stats[0] == stats[1])
        #expect(stats[0].total.trajectories > 0)
    }

    @Test func acceptedTrajectoryHasTheSameColumnsOnBothBackends() throws {
        guard TestPostgres.url != nil else { return }
        let stores = try TestBackend.allCases.map { try BackendStore($0) }
        let sql = "SELECT * FROM accepted_trajectory"
        #expect(
            try stores[0].columnNamesOfView("accepted_trajectory") == stores[1].columnNamesOfView("accepted_trajectory")
        )
        #expect(try stores[1].rows(sql).isEmpty)
    }
}
