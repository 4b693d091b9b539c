import Foundation
import Testing
import TroveCore
import TrovePostgres
import TroveStore
import TroveTestSupport

/// `import --replace` is the same on both backends: a record stored with other bytes takes the new
/// bytes' messages, keeps the old bytes in `replaced_record`, and every reviewer's decision and mask on
/// it goes back to pending in one label batch that says why; a record stored with the same bytes is
/// left alone, labels and all.
@Suite(.enabled(if: TestPostgres.url != nil, TestPostgres.skipMessage))
struct ReplaceContractTests {
    private let directory = TemporaryDirectory()

    /// A record in the agentinstruct shape, with a private (long) answer and a shared (short) one.
    private static func record(_ id: String, answer: String) -> String {
        """
        {"id": "\(id)", "conversations": [{"from": "human", "value": "Count the singers in the table, please."}, \
        {"from": "gpt", "value": "Ok."}, {"from": "human", "value": "How many singers are there in table singer?"}, \
        {"from": "gpt", "value": "\(answer)"}]}
        """
    }

    private func write(_ name: String, _ records: [String]) throws -> String {
        let path = directory.path(name)
        try Data((records.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func replacedRecordGoesBackToPendingAlike() throws {
        let long = "I should count the rows of the table singer with one query and answer with the number."
        let first = try write(
            "first.jsonl", [Self.record("r1", answer: long), Self.record("r2", answer: long + " Twice.")])
        let second = try write(
            "second.jsonl",
            [
                Self.record("r1", answer: "Six."), Self.record("r2", answer: long + " Twice."),
                Self.record("r3", answer: ""),
            ])
        let stores = [try BackendStore(.sqlite), try BackendStore(.postgres)]
        let sinks: [any LabelSink] = [
            try Store.open(path: stores[0].sqlitePath), try #require(stores[1].postgresStore),
        ]
        for (store, sink) in zip(stores, sinks) {
            #expect(try store.importFiles([first]).added == 2)
            try sink.applyLabel(.accept, to: ["r1", "r2"], reviewer: "ana", origin: "t")
            try sink.applyLabel(
                LabelChange(status: .rejected, addTags: ["short"], note: .set("see turn 3")), to: ["r1"],
                reviewer: "bo", origin: "t")
            try sink.setTraining(.no, turn: 1, of: "r1", reviewer: "ana", origin: "t")
            let summary = try store.importFiles([second], replace: true)
            let counts = [summary.added, summary.skipped, summary.replaced]
            #expect(counts == [1, 1, 1], "\(store.backend)")
            #expect(summary.conflicts.isEmpty)
        }
        for query in Self.tables {
            #expect(try stores[1].rows(query) == stores[0].rows(query), "\(query)")
        }
        let decisions = try stores[1].rows(
            """
            SELECT t.external_id, l.status FROM label_current l JOIN trajectory t ON t.id = l.trajectory_id
            ORDER BY t.external_id
            """)
        #expect(decisions == [["r1", "pending"], ["r2", "accepted"]])
        #expect(try stores[1].rows("SELECT count(*) FROM turn_current") == [["0"]])
        #expect(
            try stores[1].rows("SELECT change FROM label_batch ORDER BY id DESC LIMIT 1") == [
                ["pending: record replaced by import run 2"]
            ])
        for store in stores {
            let check = try store.check()
            #expect(check.isOK, "\(store.backend): \(check.findings.filter { !$0.problems.isEmpty })")
        }
    }

    /// The tables a replacement writes, times and absolute paths left out.
    private static let tables = [
        "SELECT id, reviewer, kind, reverts, change, origin FROM label_batch ORDER BY id",
        """
        SELECT e.id, t.external_id, e.reviewer, e.kind, e.status, e.reward, e.tags, e.note, e.origin, e.batch
        FROM label_event e JOIN trajectory t ON t.id = e.trajectory_id ORDER BY e.id
        """,
        """
        SELECT t.external_id, r.reviewer, r.event_id, r.status, r.tags, r.note
        FROM reviewer_current r JOIN trajectory t ON t.id = r.trajectory_id ORDER BY r.trajectory_id, r.event_id
        """,
        """
        SELECT t.external_id, l.event_id, l.status, l.tags, l.note, l.reviewer
        FROM label_current l JOIN trajectory t ON t.id = l.trajectory_id ORDER BY l.trajectory_id
        """,
        "SELECT id, trajectory_id, turn, reviewer, kind, train, text, origin, batch FROM turn_event ORDER BY id",
        "SELECT trajectory_id, turn, reviewer, event_id, train FROM turn_current ORDER BY event_id",
        """
        SELECT r.id, t.external_id, r.original, r.original_sha256, r.source_line, r.import_id
        FROM replaced_record r JOIN trajectory t ON t.id = r.trajectory_id ORDER BY r.id
        """,
        """
        SELECT t.id, t.external_id, t.original, t.original_sha256, t.message_count, t.preview, t.flags, t.import_id
        FROM trajectory t ORDER BY t.id
        """,
        """
        SELECT t.external_id, m.idx, m.role, m.text, m.turn, m.text_id FROM message m
        JOIN trajectory t ON t.id = m.trajectory_id ORDER BY m.trajectory_id, m.idx
        """,
        "SELECT id, text, trajectory_id FROM message_text ORDER BY id",
        "SELECT text_id, trajectory_id FROM text_use ORDER BY text_id, trajectory_id",
        "SELECT t.external_id, f.flag FROM trajectory_flag f JOIN trajectory t ON t.id = f.trajectory_id ORDER BY 1, 2",
        "SELECT id, added, skipped, conflicts, replaced, rejected FROM import_run ORDER BY id",
    ]
}
