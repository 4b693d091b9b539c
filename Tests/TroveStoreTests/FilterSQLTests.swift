import GRDB
import Testing
import TroveCore
import TroveStore

@Suite struct FilterSQLTests {
    /// One stored trajectory: its row, current label (if any), flags and the
    /// text of its single message.
    private struct Row {
        var id: String
        var task: String
        var envReward: Double?
        var messages: Int
        var steps: Int
        var label: (status: String, reward: Double?, reviewer: String, tags: [String])?
        var flags: [String]
        var text: String
    }

    // Effective rewards: os-1 1, os-2 0, db-1 0, db-2 none, webshop_10 1,
    // webshop_11 0.25, kg-1 none, alfworld-1 0.5.
    private static let rows: [Row] = [
        Row(
            id: "os-1", task: "os", envReward: 1, messages: 6, steps: 3,
            label: ("accepted", nil, "ana", ["good"]), flags: [], text: "ls -la shows permission denied"),
        Row(
            id: "os-2", task: "os", envReward: 0, messages: 10, steps: 5, label: nil, flags: ["no-answer"],
            text: "SELECT * FROM users"),
        Row(
            id: "db-1", task: "db", envReward: nil, messages: 12, steps: 6,
            label: ("rejected", 0, "bo", ["leak", "bad"]), flags: ["label-leak"],
            text: #"the expected answer is "42""#),
        Row(
            id: "db-2", task: "db", envReward: nil, messages: 4, steps: 2, label: nil, flags: [],
            text: "cats AND dogs"),
        Row(
            id: "webshop_10", task: "webshop", envReward: 0.5, messages: 8, steps: 4,
            label: ("pending", 1, "ana", []), flags: ["raw-fallback", "empty-turn"], text: "click[Buy Now] - done"),
        Row(
            id: "webshop_11", task: "webshop", envReward: 0.25, messages: 20, steps: 9, label: nil,
            flags: ["no-answer"], text: "search[red shoes]"),
        Row(
            id: "kg-1", task: "kg", envReward: nil, messages: 6, steps: 3, label: ("accepted", nil, "bo", ["good"]),
            flags: [], text: "Final Answer: #3"),
        Row(
            id: "alfworld-1", task: "alfworld", envReward: 1, messages: 14, steps: 7,
            label: ("accepted", 0.5, "cy", []), flags: [], text: "put a hot apple in fridge"),
    ]

    private static let allIDs = rows.map(\.id)

    private static func idsExcept(_ excluded: [String]) -> [String] {
        allIDs.filter { !excluded.contains($0) }
    }

    @Test(arguments: [
        ("", allIDs),
        ("task:db", ["db-1", "db-2"]),
        ("task:web*", ["webshop_10", "webshop_11"]),
        ("id:webshop_1?", ["webshop_10", "webshop_11"]),
        ("id:*-1", ["os-1", "db-1", "kg-1", "alfworld-1"]),
        ("id=webshop_10 or id:webshop_1", ["webshop_10"]),
        ("task!=os", idsExcept(["os-1", "os-2"])),
        ("dialect:kg", ["kg-1"]),
        ("status:pending", ["os-2", "db-2", "webshop_10", "webshop_11"]),
        ("status:accepted", ["os-1", "kg-1", "alfworld-1"]),
        ("status!=pending", ["os-1", "db-1", "kg-1", "alfworld-1"]),
        ("reward<1", ["os-2", "db-1", "webshop_11", "alfworld-1"]),
        ("not reward<1", ["os-1", "db-2", "webshop_10", "kg-1"]),
        ("reward:1", ["os-1", "webshop_10"]),
        ("reward:1/2", ["alfworld-1"]),
        ("reward:none", ["db-2", "kg-1"]),
        ("reward!=none", idsExcept(["db-2", "kg-1"])),
        ("reward!=0", idsExcept(["os-2", "db-1"])),
        ("env_reward:none", ["db-1", "db-2", "kg-1"]),
        ("env_reward>=0.5", ["os-1", "webshop_10", "alfworld-1"]),
        ("env_reward:0.5", ["webshop_10"]),
        ("steps>5", ["db-1", "webshop_11", "alfworld-1"]),
        ("turns<=6", ["os-1", "db-2", "kg-1"]),
        ("flag:no-answer", ["os-2", "webshop_11"]),
        ("flag!=no-answer", idsExcept(["os-2", "webshop_11"])),
        ("flag:raw-fallback flag:empty-turn", ["webshop_10"]),
        ("tag:good", ["os-1", "kg-1"]),
        ("-tag:good", idsExcept(["os-1", "kg-1"])),
        ("tag:leak tag!=good", ["db-1"]),
        ("reviewer:ana", ["os-1", "webshop_10"]),
        ("reviewer!=ana", idsExcept(["os-1", "webshop_10"])),
        ("reviewer:none", ["os-2", "db-2", "webshop_11"]),
        ("status:pending reward<1 flag:no-answer steps>3", ["os-2", "webshop_11"]),
        ("task:db or flag:no-answer steps>4", ["os-2", "db-1", "db-2", "webshop_11"]),
        ("(task:db or flag:no-answer) steps>4", ["os-2", "db-1", "webshop_11"]),
        ("not (task:db or task:os) reward>0", ["webshop_10", "webshop_11", "alfworld-1"]),
    ])
    func selectsMatchingTrajectories(filter: String, expected: [String]) throws {
        #expect(try select(filter) == expected)
    }

    @Test(arguments: [
        ("has:permission", ["os-1"]),
        (#"has:"PERMISSION denied""#, ["os-1"]),
        (#"has:"denied permission""#, []),
        (#"has:"\"42\"""#, ["db-1"]),
        (#"has:"is \"42""#, ["db-1"]),
        (#"has:"SELECT *""#, ["os-2"]),
        ("has:AND", ["db-2"]),
        (#"has:"cats AND dogs""#, ["db-2"]),
        (#"has:"cats OR fish""#, []),
        (#"has:"- done""#, ["webshop_10"]),
        (#"has:"x\" OR \"dogs""#, []),
        (#"has:"NEAR(cats dogs)""#, []),
        ("has:search[red", ["webshop_11"]),
        ("has:#3", ["kg-1"]),
        ("has:apple -has:fridge", []),
        ("has:apple or has:shoes", ["webshop_11", "alfworld-1"]),
        ("has:cats has!=fish", ["db-2"]),
        ("has:cats has!=dogs", []),
        // The shared prompt is a context turn: context: finds it, has: does not (issue 10 item 6).
        (#"context:"shared prompt""#, ["os-2", "webshop_10", "kg-1"]),
        (#"has:"shared prompt""#, []),
        (#"context!="shared prompt" task:os"#, ["os-1"]),
        ("context:permission", []),
        ("context:shared", ["os-2", "webshop_10", "kg-1"]),
    ])
    func searchesMessageTextAsAPhrase(filter: String, expected: [String]) throws {
        #expect(try select(filter) == expected)
    }

    /// Punctuation alone holds no word of the index: refused, where it used to select nothing.
    @Test(arguments: ["has:*", "has:-", #"context:"[]""#])
    func aSearchOfPunctuationOnlyIsRefused(filter: String) throws {
        #expect(throws: FilterError.self) { try Filter.parse(filter) }
    }

    /// A condition written for a page in row id order past a row (lists bounded by the row id, `task`
    /// under `or` off its index) selects, past that row, what the plain condition selects.
    @Test(arguments: [
        "", "flag:no-answer", "flag!=no-answer", "tag:good", "-tag:good", "status:pending", "status!=pending",
        "status:accepted", "status!=rejected", "task:db or flag:no-answer", "not (task:db or task:os) reward>0",
        "dialect:kg or (status:pending tag!=good)", "(task:web* or task:os) -flag:empty-turn", "has:permission",
        "has:apple or has:shoes", "-has:cats", "context:shared", "has:cats or context:shared",
    ])
    func pagesInRowIDOrderSelectWhatThePlainConditionSelects(filter: String) throws {
        let parsed = try Filter.parse(filter)
        let database = try Self.makeDatabase()
        let all = try ids(database, try database.read { try parsed.sqlCondition(in: $0) })
        for bound in [nil] + (1...Self.rows.count).map(Int64.init) {
            for ascending in [true, false] {
                let page = try database.read {
                    try parsed.sqlCondition(page: RowIDPage(after: bound, ascending: ascending), in: $0)
                }
                let expected = all.filter { id in bound.map { ascending ? id > $0 : id < $0 } ?? true }
                #expect(
                    try ids(database, page, past: bound, ascending: ascending) == expected, "\(filter) \(bound as Any)")
            }
        }
    }

    @Test func bindsValuesInsteadOfSplicingThem() throws {
        let filter = try Filter.parse(#"task:"db'; DROP TABLE trajectory; --" has:"permission" reward<0.5"#)
        let (sql, arguments) = try Self.makeDatabase().read { try filter.sqlCondition(in: $0) }
        #expect(!sql.contains("DROP"))
        #expect(!sql.contains("permission"))
        #expect(!sql.contains("0.5"))
        // The phrase for the index, then the gate to Terminus replies and the phrase for their decoded parts.
        #expect(
            arguments == [
                "db'; DROP TABLE trajectory; --", #""permission""#, #""analysis" AND "plan" AND "commands""#,
                "permission", "permission", 0.5,
            ])
        #expect(try select(filter.source).isEmpty)
    }

    /// Issue 18 item 16: 90 `or` terms overflowed SQLite's parser, and a flat chain of 1,000 its
    /// expression depth; chains are compiled with nesting that grows with their logarithm.
    @Test func chainsOfTenThousandTermsRun() throws {
        let others = (0..<10_000).map { "id:absent-\($0)" }
        let anyOf = (others + ["id:kg-1"] + others.prefix(50)).joined(separator: " or ")
        #expect(try select(anyOf) == ["kg-1"])
        let allOf = (others.map { "-" + $0 } + ["task:os"]).joined(separator: " and ")
        #expect(try select(allOf) == ["os-1", "os-2"])
        let excluded = others.prefix(5_000).map { "-" + $0 }.joined(separator: " ")
        let mixed = others.prefix(5_000).joined(separator: " or ") + " or (task:db \(excluded))"
        #expect(try select(mixed) == ["db-1", "db-2"])
    }

    @Test func emptyFilterIsTrue() throws {
        let (sql, arguments) = try Self.makeDatabase().read { try Filter.parse("").sqlCondition(in: $0) }
        #expect(sql == "1")
        #expect(arguments.isEmpty)
    }

    // MARK: - Fixture

    private func select(_ text: String) throws -> [String] {
        try Self.makeDatabase().read { db in
            let (condition, arguments) = try Filter.parse(text).sqlCondition(in: db)
            return try String.fetchAll(
                db,
                sql: """
                    SELECT t.external_id FROM trajectory t LEFT JOIN label_current l ON l.trajectory_id = t.id
                    WHERE \(condition) ORDER BY t.id
                    """,
                arguments: arguments)
        }
    }

    /// The row ids `condition` selects (past `bound` in the direction given), in row id order.
    private func ids(
        _ database: StoreTestSeam, _ condition: (sql: String, arguments: StatementArguments),
        past bound: Int64? = nil, ascending: Bool = true
    ) throws -> [Int64] {
        let keyset = bound.map { "t.id \(ascending ? ">" : "<") \($0)" } ?? "1"
        return try database.read { db in
            try Int64.fetchAll(
                db,
                sql: """
                    SELECT t.id FROM trajectory t LEFT JOIN label_current l ON l.trajectory_id = t.id
                    WHERE (\(condition.sql)) AND \(keyset) ORDER BY t.id
                    """,
                arguments: condition.arguments)
        }
    }

    /// The real store schema, with rows written straight into its tables so
    /// each column holds exactly the value a case needs.
    private static func makeDatabase() throws -> StoreTestSeam {
        let store = try Store.inMemory()
        try store.testSeam.write { db in
            try db.execute(
                sql: """
                    INSERT INTO import_run (id, started_at, trove_version, files, options)
                    VALUES (1, '2025-01-01T00:00:00Z', 'test', '[]', '{}')
                    """)
            for (offset, row) in rows.enumerated() {
                let id = offset + 1
                try db.execute(
                    sql: """
                        INSERT INTO trajectory (id, external_id, task, dialect, source_file, source_line, format,
                            env_reward, original, original_sha256, message_count, step_count, import_id, imported_at)
                        VALUES (?, ?, ?, ?, 'f.jsonl', ?, 'conversations/from-value', ?, x'7B7D', '', ?, ?, 1, '')
                        """,
                    arguments: [id, row.id, row.task, row.task, id, row.envReward, row.messages, row.steps])
                for flag in row.flags {
                    try db.execute(sql: "INSERT INTO trajectory_flag VALUES (?, ?)", arguments: [id, flag])
                }
                if let label = row.label {
                    try db.execute(
                        sql: """
                            INSERT INTO label_event (trajectory_id, reviewer, at, kind, status, reward, tags, origin)
                            VALUES (?, ?, '2025-01-01T00:00:00Z', 'label', ?, ?, ?, 'test')
                            """,
                        arguments: [
                            id, label.reviewer, label.status, label.reward,
                            "[" + label.tags.map { "\"\($0)\"" }.joined(separator: ",") + "]",
                        ])
                }
                try db.execute(
                    sql: "INSERT INTO message_text (id, hash, text, trajectory_id) VALUES (?, 0, ?, ?)",
                    arguments: [id, row.text, id])
                try db.execute(
                    sql:
                        "INSERT INTO message_row (trajectory_id, idx, role, original_role, text_id, loss, turn) VALUES (?, 0, 'agent', 'gpt', ?, 1, 'agent')",
                    arguments: [id, id])
            }
        }
        try store.testSeam.write { db in
            // One shared text, used by the 2nd, 5th and 7th trajectories (a `text_use` row each).
            try db.execute(
                sql: "INSERT INTO message_text (id, hash, text, context) VALUES (100, 1, 'one shared prompt', 1)")
            for id in [2, 5, 7] {
                try db.execute(sql: "INSERT INTO text_use (text_id, trajectory_id) VALUES (100, ?)", arguments: [id])
                try db.execute(
                    sql:
                        "INSERT INTO message_row (trajectory_id, idx, role, original_role, text_id, loss, turn) VALUES (?, 1, 'instruction', 'human', 100, NULL, 'prompt')",
                    arguments: [id])
            }
            try db.execute(sql: "INSERT INTO message_fts (rowid, text) SELECT id, text FROM message_text")
        }
        return store.testSeam
    }
}
