import Testing
import TroveTestSupport

@Suite struct DiffCommandTests {
    private let directory = TemporaryDirectory()
    private var store: String { directory.path("store.sqlite") }

    private func trove(_ command: String, _ arguments: [String], environment: [String: String] = [:]) throws
        -> TroveBinary.Result
    {
        try TroveBinary.run([command, "--store", store] + arguments, environment: environment, in: directory.url.path)
    }

    private func importRuns() throws {
        let imported = try trove("import", [Fixtures.url("groups/db-runs.jsonl").path, "--task", "db"])
        #expect(imported.status == 0)
    }

    @Test func printsTheAlignmentSideBySideFrom120ColumnsAndStackedBelow() throws {
        try importRuns()
        let wide = try trove("diff", ["singers_ok", "singers_bad", "--width", "120"])
        #expect(wide.status == 0)
        #expect(wide.stdout.contains("── first divergence ─"))
        #expect(wide.stdout.contains("1 of 4 aligned steps match · first divergence at A step 2 / B step 2"))
        // Side by side: the first step of both runs on one line, spacing aside the same action.
        #expect(
            wide.stdout.split(separator: "\n").contains {
                $0.hasPrefix("= 1 sql SELECT * FROM singer LIMIT 3") && $0.contains("│ 1 sql")
            })
        let narrow = try trove("diff", ["singers_ok", "singers_bad"], environment: ["COLUMNS": "80"])
        #expect(narrow.stdout.split(separator: "\n").contains { $0.hasPrefix("≠ A 2 sql") })
        #expect(narrow.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test func controlCharactersInTheRunsNeverReachTheTerminal() throws {
        // Two runs of one question whose actions hold an escape sequence and a carriage return.
        let turns = { (id: String, sql: String) in
            #"{"id":"\#(id)","conversations":[{"from":"human","value":"How many rows?"},"#
                + #"{"from":"gpt","value":"Count.\nAction: Operation\n```sql\n\#(sql)\n```"},"#
                + #"{"from":"human","value":"[(1,)]"}]}"# + "\n"
        }
        let file = directory.write(
            "hostile.jsonl", turns("db_1", #"SELECT \u001b[2J 1"#) + turns("db_2", #"SELECT 2\r FROM t"#))
        #expect(try trove("import", [file, "--task", "db"]).status == 0)
        let result = try trove("diff", ["db_1", "db_2", "--width", "120"])
        #expect(result.status == 0)
        #expect(!result.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(result.stdout.contains("first divergence"))
    }

    @Test func anUnknownIdExits1AndATooNarrowWidth64() throws {
        try importRuns()
        let missing = try trove("diff", ["singers_ok", "nope"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no trajectory with id nope"))
        #expect(try trove("diff", ["singers_ok", "singers_bad", "--width", "30"]).status == 64)
    }
}
