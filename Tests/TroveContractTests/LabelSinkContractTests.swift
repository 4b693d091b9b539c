import Foundation
import Testing
import TroveCore
import TrovePostgres
import TroveStore
import TroveTestSupport

/// What the review UI and `trove label` write (``LabelSink``) is the same on both backends: the same
/// calls on two stores with the same imports return the same events and batches and leave the same
/// rows in `label_batch`, `label_event`, `reviewer_current`, `label_current` and `label_tag` (times
/// aside), under the solo policy and under a team policy.
@Suite(.enabled(if: TestPostgres.url != nil, TestPostgres.skipMessage))
struct LabelSinkContractTests {
    /// A store on each backend and the sink that writes it.
    final class Pair {
        let stores: (sqlite: BackendStore, postgres: BackendStore)
        let sinks: (sqlite: any LabelSink, postgres: any LabelSink)
        let ids: [String]

        init(policy: String? = nil) throws {
            let files = ["import/db-small.jsonl", "dialects/os.json", "dialects/webshop.json"].map {
                Fixtures.url($0).path
            }
            let sqlite = try BackendStore(.sqlite)
            let postgres = try BackendStore(.postgres)
            for store in [sqlite, postgres] {
                _ = try store.importFiles(files)
                if let policy { try store.execute(policy) }
            }
            stores = (sqlite, postgres)
            sinks = (try Store.open(path: sqlite.sqlitePath), try #require(postgres.postgresStore))
            ids = try sqlite.rows("SELECT external_id FROM trajectory ORDER BY id").compactMap { $0[0] }
        }

        /// Runs `write` on both sinks, expecting the same result and the same label tables after it.
        func both<T: Equatable>(
            _ write: (any LabelSink) throws -> T, sourceLocation: Testing.SourceLocation = #_sourceLocation
        ) throws -> T {
            let expected = try write(sinks.sqlite)
            #expect(try write(sinks.postgres) == expected, sourceLocation: sourceLocation)
            try expectSameTables(sourceLocation: sourceLocation)
            return expected
        }

        /// Expects the same label tables on both stores.
        func expectSameTables(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
            for query in Self.tables {
                #expect(try stores.postgres.rows(query) == stores.sqlite.rows(query), sourceLocation: sourceLocation)
            }
        }

        /// The label tables, times left out, in an order both dialects give alike.
        private static let tables = [
            "SELECT id, reviewer, kind, reverts, change, origin FROM label_batch ORDER BY id",
            """
            SELECT e.id, t.external_id, e.reviewer, e.kind, e.reverts, e.status, e.reward, e.reward_reason, e.tags,
                   e.note, e.origin, e.batch
            FROM label_event e JOIN trajectory t ON t.id = e.trajectory_id ORDER BY e.id
            """,
            """
            SELECT t.external_id, r.reviewer, r.event_id, r.status, r.reward, r.reward_reason, r.tags, r.note
            FROM reviewer_current r JOIN trajectory t ON t.id = r.trajectory_id ORDER BY r.trajectory_id, r.event_id
            """,
            """
            SELECT t.external_id, l.event_id, l.status, l.reward, l.reward_reason, l.tags, l.note, l.reviewer
            FROM label_current l JOIN trajectory t ON t.id = l.trajectory_id ORDER BY l.trajectory_id
            """,
            """
            SELECT t.external_id, g.tag FROM label_tag g JOIN trajectory t ON t.id = g.trajectory_id
            ORDER BY g.trajectory_id, g.tag
            """,
            "SELECT id, trajectory_id, turn, reviewer, kind, reverts, train, text, origin, batch FROM turn_event ORDER BY id",
            "SELECT trajectory_id, turn, reviewer, event_id, train, text FROM turn_current ORDER BY event_id",
        ]
    }

    /// Labels by id and by filter, previews, undo and redo, and a change that changes nothing.
    @Test func soloWritesAgree() throws {
        let pair = try Pair()
        let ids = pair.ids
        #expect(ids.count > 6)
        let tagged = LabelChange(status: .accepted, addTags: ["wrong", "b"])
        #expect(
            try pair.both { try $0.applyLabel(tagged, to: Array(ids[0..<3]), reviewer: "ana", origin: "t").timeless }
                .count == 3)
        // The same change again leaves every label as it was: no event, no batch.
        #expect(try pair.both { try $0.applyLabel(tagged, to: [ids[0]], reviewer: "ana", origin: "t").timeless } == [])
        let reward = LabelChange(status: .rejected, reward: .set(0.25, reason: "half"), toggleTags: ["b", "zz"])
        _ = try pair.both { try $0.applyLabel(reward, to: [ids[1], ids[4]], reviewer: "ana", origin: "t").timeless }
        let filter = try Filter.parse("task:os or status:accepted")
        let noted = LabelChange(removeTags: ["wrong"], note: .set("look again"))
        let preview = try pair.sinks.sqlite.previewLabel(noted, matching: filter, reviewer: "bo", limit: 2)
        let found = try pair.sinks.postgres.previewLabel(noted, matching: filter, reviewer: "bo", limit: 2)
        #expect(found.count == preview.count && found.firstIDs == preview.firstIDs && preview.count > 1)
        #expect(
            try pair.both { try $0.applyLabel(noted, matching: filter, reviewer: "bo", origin: "t")?.timeless } != nil)
        for step in [true, false, true, true, true, false, false] {
            _ = try pair.both {
                step
                    ? try $0.undo(reviewer: "ana", origin: "u")?.timeless
                    : try $0.redo(reviewer: "ana", origin: "u")?.timeless
            }
        }
        #expect(try pair.both { try $0.undo(reviewer: "nobody", origin: "u")?.timeless } == nil)
        #expect(throws: (any Error).self) {
            try pair.sinks.postgres.applyLabel(.accept, to: [ids[5], "no such id"], reviewer: "ana", origin: "t")
        }
        #expect(try pair.stores.postgres.rows("SELECT count(*) FROM label_event WHERE trajectory_id = 6") == [["0"]])
    }

    /// Under a team policy with an adjudicator, two reviewers' labels give the same disputed, median and
    /// adjudicated decisions, and the union of their tags in byte order.
    @Test func teamWritesAgree() throws {
        let pair = try Pair(
            policy: """
                INSERT INTO team_policy (min_reviews, consensus, adjudicators, set_by, set_at)
                VALUES (2, 'majority', '["cy"]', 'ana', '2026-11-30T00:00:00Z')
                """)
        let ids = Array(pair.ids[0..<4])
        _ = try pair.both {
            try $0.applyLabel(
                LabelChange(status: .accepted, reward: .set(0.2, reason: "a"), addTags: ["Zed", "apple"]), to: ids,
                reviewer: "ana", origin: "t"
            ).timeless
        }
        _ = try pair.both {
            try $0.applyLabel(
                LabelChange(status: .rejected, reward: .set(0.9, reason: "b"), addTags: ["apple", "éclair"]),
                to: Array(ids[1...]), reviewer: "bo", origin: "t"
            ).timeless
        }
        _ = try pair.both {
            try $0.applyLabel(
                LabelChange(status: .accepted, reward: .set(0.5, reason: "c")), to: [ids[2]], reviewer: "cy",
                origin: "t"
            ).timeless
        }
        _ = try pair.both { try $0.undo(reviewer: "bo", origin: "u")?.timeless }
        _ = try pair.both { try $0.redo(reviewer: "bo", origin: "u")?.timeless }
        let statuses = try pair.stores.postgres.rows("SELECT status FROM label_current ORDER BY trajectory_id")
        #expect(statuses == [["pending"], ["disputed"], ["accepted"], ["disputed"]])
    }
}

extension LabelSinkContractTests {
    /// Turn masks by two reviewers, with undo and redo among label changes, write the same turn events
    /// and batches; a message that is not an agent turn is refused on both.
    @Test func turnMasksAgree() throws {
        let pair = try Pair()
        let id = pair.ids[0]
        _ = try pair.both { try $0.setTraining(.no, turn: 1, of: id, reviewer: "ana", origin: "t")?.timeless }
        #expect(try pair.both { try $0.setTraining(.no, turn: 1, of: id, reviewer: "ana", origin: "t") } == nil)
        _ = try pair.both { try $0.applyLabel(.accept, to: [id], reviewer: "ana", origin: "t").timeless }
        _ = try pair.both { try $0.setTraining(.yes, turn: 1, of: id, reviewer: "bo", origin: "t")?.timeless }
        for step in [true, true, false, true, false, false] {
            _ = try pair.both {
                step
                    ? try $0.undo(reviewer: "ana", origin: "u")?.timeless
                    : try $0.redo(reviewer: "ana", origin: "u")?.timeless
            }
        }
        _ = try pair.both { try $0.setTraining(.default, turn: 1, of: id, reviewer: "bo", origin: "t")?.timeless }
        for sink in [pair.sinks.sqlite, pair.sinks.postgres] {
            #expect(throws: (any Error).self) {
                try sink.setTraining(.no, turn: 0, of: id, reviewer: "ana", origin: "t")
            }
        }
        try pair.expectSameTables()
    }
}

extension LabelSinkContractTests {
    /// An event a script inserts into `label_event` without a batch (docs/store.md) is its reviewer's
    /// label on both backends: the reviewer's current label and the decision follow it, an empty one
    /// takes the reviewer's label away, and trove's own batches and undo go on around it.
    @Test func eventsInsertedBySQLAgree() throws {
        let pair = try Pair()
        let ids = pair.ids
        _ = try pair.both { try $0.applyLabel(.accept, to: Array(ids[0..<2]), reviewer: "ana", origin: "t").timeless }
        func insert(_ id: String, _ reviewer: String, status: String, tags: String) throws {
            let sql = """
                INSERT INTO label_event (trajectory_id, reviewer, at, kind, status, tags, origin)
                SELECT id, '\(reviewer)', '2026-11-30T00:00:00.000Z', 'label', '\(status)', '\(tags)', 'sql'
                FROM trajectory WHERE external_id = '\(id)'
                """
            try pair.stores.sqlite.execute(sql)
            try pair.stores.postgres.execute(sql)
            try pair.expectSameTables()
        }
        try insert(ids[0], "script", status: "rejected", tags: #"["bad"]"#)
        try insert(ids[2], "script", status: "accepted", tags: "[]")
        let decisions = """
            SELECT t.external_id, l.status, l.tags, l.reviewer FROM label_current l
            JOIN trajectory t ON t.id = l.trajectory_id ORDER BY l.trajectory_id
            """
        #expect(
            try pair.stores.postgres.rows(decisions) == [
                [ids[0], "disputed", #"["bad"]"#, "script"], [ids[1], "accepted", "[]", "ana"],
                [ids[2], "accepted", "[]", "script"],
            ])
        // An empty label is no label: the script's decision on the third trajectory goes.
        try insert(ids[2], "script", status: "pending", tags: "[]")
        #expect(try pair.stores.postgres.rows(decisions).count == 2)
        _ = try pair.both { try $0.undo(reviewer: "ana", origin: "u")?.timeless }
        #expect(try pair.stores.postgres.rows(decisions) == [[ids[0], "rejected", #"["bad"]"#, "script"]])
        #expect(try pair.stores.postgres.check().findings.flatMap(\.problems) == [])
        #expect(try pair.stores.sqlite.check().findings.flatMap(\.problems) == [])
    }
}

extension LabelSinkContractTests {
    /// The parse a trajectory's corrections change, as both stores hold it.
    private static let parses = [
        "SELECT external_id, steps, step_count, flags FROM trajectory ORDER BY id",
        """
        SELECT t.external_id, f.flag FROM trajectory_flag f JOIN trajectory t ON t.id = f.trajectory_id
        ORDER BY f.trajectory_id, f.flag
        """,
    ]

    /// Corrections by two reviewers, a revert, and undo and redo among them write the same turn events
    /// and leave the same steps and flags on both backends; undoing every correction restores the
    /// import's parse.
    @Test func correctionsAgree() throws {
        let pair = try Pair()
        let id = "os_f1"
        let imported = try Self.parses.map { try pair.stores.sqlite.rows($0) }
        let parses = {
            try Self.parses.map { query in
                #expect(try pair.stores.postgres.rows(query) == pair.stores.sqlite.rows(query))
                return try pair.stores.sqlite.rows(query)
            }
        }
        let fixed = "Think: I count the entries at once.\n\nAct: answer(97)"
        _ = try pair.both { try $0.setText(fixed, turn: 7, of: id, reviewer: "ana", origin: "t")?.timeless }
        #expect(try parses() != imported)
        #expect(try pair.both { try $0.setText(fixed, turn: 7, of: id, reviewer: "ana", origin: "t") } == nil)
        _ = try pair.both { try $0.setTraining(.no, turn: 9, of: id, reviewer: "ana", origin: "t")?.timeless }
        _ = try pair.both { try $0.setText("no action here", turn: 9, of: id, reviewer: "bo", origin: "t")?.timeless }
        _ = try pair.both { try $0.setText(nil, turn: 9, of: id, reviewer: "bo", origin: "t")?.timeless }
        for step in [true, false, true, true, false, true] {
            _ = try pair.both {
                step
                    ? try $0.undo(reviewer: "ana", origin: "u")?.timeless
                    : try $0.redo(reviewer: "ana", origin: "u")?.timeless
            }
            _ = try parses()
        }
        _ = try pair.both { try $0.undo(reviewer: "bo", origin: "u")?.timeless }
        _ = try pair.both { try $0.undo(reviewer: "bo", origin: "u")?.timeless }
        #expect(try parses() == imported)
        try pair.expectSameTables()
    }
}

extension [LabelEvent] {
    /// The events with their times left out (each backend writes its own clock's).
    fileprivate var timeless: [LabelEvent] { map(\.timeless) }
}

extension LabelEvent {
    fileprivate var timeless: LabelEvent {
        var event = self
        event.at = ""
        return event
    }
}

extension LabelBatch {
    fileprivate var timeless: LabelBatch {
        var batch = self
        batch.at = ""
        batch.firstEvents = batch.firstEvents.timeless
        return batch
    }
}
