import Foundation
import GRDB
import Testing
import TrovePostgres
import TroveStore
import TroveTestSupport

@testable import TroveCore

/// The filter language selects the same trajectories on both backends (docs/filter.md): a table of
/// filters, one for every predicate and comparison, over the same fixture store with the same labels.
@Suite(.enabled(if: TestPostgres.url != nil, TestPostgres.skipMessage))
struct FilterContractTests {
    static let filters = [
        "", "task:os", "task:o*", "task:\"[a-d]*\"", "task:\"[^o]?\"", "task!=db", "task:\"[o\"",
        "id:\"*_1*\"", "id:\"os_f?\"", "id:\"a'b\"", "dialect:os", "dialect!=react",
        "outcome:none", "outcome:submitted", "outcome!=none", "group:none", "group!=none",
        "status:accepted", "status:pending", "status!=pending", "status:rejected", "status:disputed",
        "reviewer:ana", "reviewer!=ana", "reviewer:none", "reviewer!=none",
        "reward<1", "reward:none", "reward>=0.5", "not reward<1", "reward:2/3", "reward!=none",
        "env_reward:1", "env_reward:none", "env_reward>0", "env_reward!=0",
        "steps>2", "steps<=3", "steps!=0", "turns>=10", "turns:4", "turns<7",
        "flag:no-answer", "flag!=no-answer", "flag:label-leak",
        "tag:wrong", "tag!=wrong", "tag:\"x'); DROP TABLE trajectory; --\"",
        "assigned:ana", "assigned!=ana", "queue:ana", "queue!=bo", "decided:ana", "decided!=ana", "decided:bo",
        "masked", "masked:no", "masked!=yes",
        "has:ls", "has:\"the answer\"", "has!=error", "has:\"no such phrase anywhere\"", "has:SELECT",
        "context:\"operating system\"", "context!=bash",
        "thought:list", "action:bash", "action:\"SELECT\"", "observation:total", "observation!=total",
        "observation:\"[(\"", "action:\"(*)\"", "observation!=\"[(\"", "thought:\".\"", "action:\"`\"",
        "action:stop", "action:\"element_id\"", "action!=click", "answer:\"quest band\"", "answer!=band",
        "answer:\"Final\"", "dialect:tool-calls", "observation:\"%\"", "action:\"_\"", "action:\"\\\\\"",
        "thought:\"a_b\"", "action:\"%d\"",
        "(task:os or task:db) and not tag:wrong", "-steps<2 or reward:none", "task:os has:ls steps>1",
        "has:MissingHeader", "has:\"ThenRebuild with make\"", "has:café", "has!=TabbedWord", "has:NothingLeft",
        "has:\"libfoo-dev make\" or task:os",
    ]

    /// Every filter of the table, over one pair of stores (building a pair per filter would import the
    /// fixtures seventy times over).
    @Test func selectsTheSameTrajectoriesOnBothBackends() throws {
        let stores = try Self.labeledStores()
        var selections = Set<[String]>()
        for source in Self.filters {
            let filter = try Filter.parse(source)
            let sqlite = try stores.sqlite.ids(matching: filter)
            #expect(try stores.postgres.ids(matching: filter) == sqlite, "\(source)")
            selections.insert(sqlite)
        }
        // The table is a real test: its filters select many different sets, not all or nothing.
        #expect(selections.count > Self.filters.count / 2)
    }

    /// A glob means what SQLite's GLOB does: the regular expression PostgreSQL runs matches the same
    /// texts.
    @Test func globsMatchAsSQLitesGlobDoes() throws {
        let texts = ["os", "db", "webshop_12", "a.b", "a*b", "A", "[x]", "]", "a\\b", "^x$", "", "é", "x\ny", "a-c"]
        let patterns = [
            "*", "?", "o*", "*_1?", "a.b", "a?b", "[a-c]", "[^a-c]", "[]]", "[]x]", "*[*]*", "\\*", "^*",
            "*$", "?*?", "[[]x]", "[é]", "x?y", "[a\\]*", "(a|b)*", "a{1}",
        ]
        let sqlite = try DatabaseQueue()
        let postgres = try PostgresConnection(url: TestPostgres.url ?? "")
        for pattern in patterns {
            let expression = GlobPattern.regularExpression(pattern)
            for text in texts {
                let glob = try sqlite.read {
                    try Bool.fetchOne($0, sql: "SELECT ? GLOB ?", arguments: [text, pattern])
                }
                let regex = try expression.map {
                    try postgres.execute("SELECT $1 ~ $2", [.text(text), .text($0)]).integer(0, 0) == 1
                }
                #expect((regex ?? false) == glob, "\(text) vs \(pattern)")
            }
        }
    }

    /// One fixture store per backend with the same imports and the same labels, tags, assignments and
    /// turn masks, written as rows.
    static func labeledStores() throws -> (sqlite: BackendStore, postgres: BackendStore) {
        let files = [
            "import/db-small.jsonl", "dialects/os.json", "dialects/webshop.json", "dialects/db.json",
            "dialects/react.json", "agent-runs/miniswe.traj.json", "groups/db-runs.jsonl", "agent-runs/webarena.json",
            "agent-runs/terminus-escapes.trajectory.json",
        ].map { Fixtures.url($0).path }
        let stores = try [TestBackend.sqlite, .postgres].map { backend in
            let store = try BackendStore(backend)
            try store.importFiles(files)
            try store.execute(labels)
            return store
        }
        return (stores[0], stores[1])
    }

    /// The `n`th trajectory in import order (from 0), as a subquery both dialects read.
    private static func nth(_ n: Int) -> String { "(SELECT id FROM trajectory ORDER BY id LIMIT 1 OFFSET \(n))" }

    private static var labels: String {
        let at = "'2026-11-30T00:00:00Z'"
        let events = [
            (1, 0, "ana", "accepted", "NULL", "'[\"wrong\"]'"), (2, 1, "ana", "rejected", "0.5", "'[]'"),
            (3, 1, "bo", "accepted", "NULL", "'[]'"), (4, 2, "bo", "accepted", "0.25", "'[\"wrong\",\"long\"]'"),
            (5, 3, "ana", "pending", "NULL", "'[]'"),
        ]
        let eventRows = events.map { id, row, reviewer, status, reward, tags in
            "(\(id), \(nth(row)), '\(reviewer)', \(at), 'label', '\(status)', \(reward), \(tags), 'test', 1)"
        }
        let currentRows = events.map { id, row, reviewer, status, reward, tags in
            "(\(nth(row)), '\(reviewer)', \(id), '\(status)', \(reward), \(tags), \(at))"
        }
        return """
            INSERT INTO label_batch (id, reviewer, at, kind, change, origin)
                VALUES (1, 'ana', \(at), 'label', '{}', 'test');
            INSERT INTO label_event (id, trajectory_id, reviewer, at, kind, status, reward, tags, origin, batch)
                VALUES \(eventRows.joined(separator: ", "));
            INSERT INTO reviewer_current (trajectory_id, reviewer, event_id, status, reward, tags, at)
                VALUES \(currentRows.joined(separator: ", "));
            INSERT INTO label_current (trajectory_id, event_id, status, reward, tags, reviewer, at) VALUES
                (\(nth(0)), 1, 'accepted', NULL, '["wrong"]', 'ana', \(at)),
                (\(nth(1)), 3, 'disputed', NULL, '[]', 'bo', \(at)),
                (\(nth(2)), 4, 'accepted', 0.25, '["wrong","long"]', 'bo', \(at)),
                (\(nth(3)), 5, 'pending', NULL, '[]', 'ana', \(at));
            INSERT INTO label_tag (trajectory_id, tag) VALUES
                (\(nth(0)), 'wrong'), (\(nth(2)), 'wrong'), (\(nth(2)), 'long');
            INSERT INTO assignment (trajectory_id, reviewer, assigned_at) VALUES
                (\(nth(0)), 'ana', \(at)), (\(nth(3)), 'ana', \(at)), (\(nth(4)), 'ana', \(at)),
                (\(nth(1)), 'bo', \(at));
            INSERT INTO turn_event (id, trajectory_id, turn, reviewer, at, kind, train, text, origin, batch)
                VALUES (1, \(nth(4)), 1, 'ana', \(at), 'label', 0, NULL, 'test', 1);
            INSERT INTO turn_current (trajectory_id, turn, reviewer, event_id, train, text, at)
                SELECT trajectory_id, turn, reviewer, id, train, text, at FROM turn_event
            """
    }
}

extension BackendStore {
    /// Expects each filter text of `selections` to select exactly its ids, in import order, on both stores.
    static func expectSelections(
        _ selections: [(String, [String])], on stores: (sqlite: BackendStore, postgres: BackendStore),
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        for (source, ids) in selections {
            let filter = try Filter.parse(source)
            let selected = (
                sqlite: try stores.sqlite.ids(matching: filter), postgres: try stores.postgres.ids(matching: filter)
            )
            #expect(
                selected.sqlite == ids, "sqlite: \(source) selects \(selected.sqlite)", sourceLocation: sourceLocation)
            #expect(
                selected.postgres == ids, "postgres: \(source) selects \(selected.postgres)",
                sourceLocation: sourceLocation)
        }
    }

    /// The external ids of the trajectories `filter` selects, in import order.
    func ids(matching filter: Filter) throws -> [String] {
        let query = """
            SELECT t.external_id FROM trajectory t LEFT JOIN label_current l ON l.trajectory_id = t.id
            WHERE %@ ORDER BY t.id
            """
        if let postgres = postgresStore {
            let (condition, parameters) = try filter.postgresCondition(on: postgres.connection)
            let result = try postgres.connection.execute(
                query.replacingOccurrences(of: "%@", with: condition), parameters)
            return try (0..<result.rowCount).compactMap { try result.string($0, 0) }
        }
        return try DatabaseQueue(path: sqlitePath).read { db in
            try db.addPhraseFunction()
            let (condition, arguments) = try filter.sqlCondition(in: db)
            return try String.fetchAll(
                db, sql: query.replacingOccurrences(of: "%@", with: condition), arguments: arguments)
        }
    }
}
