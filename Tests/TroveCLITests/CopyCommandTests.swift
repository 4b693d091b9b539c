import Foundation
import Testing
import TroveTestSupport

/// Issue 14 item 5: `trove copy SRC DEST` between SQLite stores and through PostgreSQL, run as the binary.
@Suite struct CopyCommandTests {
    private let directory = TemporaryDirectory()
    private var original: String { directory.path("original.sqlite") }

    private func trove(_ arguments: [String]) throws -> TroveBinary.Result {
        try TroveBinary.run(arguments, in: directory.url.path)
    }

    /// A store labeled by two reviewers, with a turn mask and assignments.
    private func labeledStore() throws {
        #expect(try trove(["import", "--store", original, Fixtures.url("import/db-small.jsonl").path]).status == 65)
        #expect(try trove(["import", "--store", original, Fixtures.url("dialects/os.json").path]).status == 0)
        for (id, verdict, reviewer) in [
            ("db_0", "--accept", "ana"), ("db_0", "--accept", "ben"), ("db_1", "--accept", "ana"),
            ("db_1", "--reject", "ben"), ("os_f1", "--accept", "ben"),
        ] {
            let labeled = try trove(["label", "--store", original, id, verdict, "--reviewer", reviewer])
            #expect(labeled.status == 0, "\(labeled.stderr)")
        }
        let masked = try trove([
            "label", "--store", original, "db_0", "--turn", "3", "--train", "no", "--reviewer", "ana",
        ])
        #expect(masked.status == 0, "\(masked.stderr)")
        let assigned = try trove(["assign", "--store", original, "--reviewers", "ana,ben,chen", "--per-item", "2"])
        #expect(assigned.status == 0, "\(assigned.stderr)")
    }

    /// The `agentinstruct` export of the store at `path`.
    private func exported(_ path: String) throws -> Data {
        let out = directory.path(URL(fileURLWithPath: path).lastPathComponent + ".jsonl")
        let result = try trove(["export", "--store", path, "--format", "agentinstruct", "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        return try Data(contentsOf: URL(fileURLWithPath: out))
    }

    /// Every row of the event, decision and assignment tables, as Python's `sqlite3` reads them.
    private func events(_ path: String) throws -> String {
        let tables = [
            "label_event", "turn_event", "label_batch", "reviewer_current", "label_current", "label_tag",
            "turn_current", "assignment", "team_policy", "review_state",
        ]
        let dump = try #require(
            Python.run(
                """
                import sqlite3, sys
                db = sqlite3.connect(sys.argv[1])
                for table in sys.argv[2:]:
                    for row in db.execute(f"SELECT * FROM {table} ORDER BY 1, 2"):
                        print(table, repr(row))
                """, [path] + tables))
        #expect(dump.status == 0)
        return dump.stdout
    }

    private func expectSameStore(_ copy: String) throws {
        let originalExport = try exported(original)
        #expect(!originalExport.isEmpty)
        #expect(try exported(copy) == originalExport)
        let originalEvents = try events(original)
        #expect(originalEvents.contains("label_event") && originalEvents.contains("turn_event"))
        #expect(try events(copy) == originalEvents)
        let check = try trove(["check", "--store", copy])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test func sqliteToSQLiteCopiesEveryRowAndRefusesAnExistingDestination() throws {
        try labeledStore()
        let copy = directory.path("copy.sqlite")
        let copied = try trove(["copy", original, copy])
        #expect(copied.status == 0, "\(copied.stderr)")
        #expect(copied.stdout.hasPrefix("copied 5 trajectories, 5 label events and 1 turn event ("))
        try expectSameStore(copy)

        // A new label continues after the copied ids.
        #expect(try trove(["label", "--store", copy, "os_f2", "--reject", "--reviewer", "ana"]).status == 0)
        #expect(try events(copy).contains("label_event (6,"))

        let before = try Data(contentsOf: URL(fileURLWithPath: copy))
        let again = try trove(["copy", original, copy])
        #expect(again.status == 64)
        #expect(again.stderr.contains("already exists"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == before)
    }

    @Test func aFailedCopyLeavesNoFile() throws {
        let missing = try trove(["copy", directory.path("absent.sqlite"), directory.path("copy.sqlite")])
        #expect(missing.status == 66)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).isEmpty)
    }

    @Test(.enabled(if: TestPostgres.url != nil, TestPostgres.skipMessage))
    func roundTripThroughPostgresKeepsExportsEventsAndCheck() throws {
        try labeledStore()
        let server = TestPostgres.storeURL()
        let toServer = try trove(["copy", original, server])
        #expect(toServer.status == 0, "\(toServer.stderr)")
        let back = directory.path("back.sqlite")
        let fromServer = try trove(["copy", server, back])
        #expect(fromServer.status == 0, "\(fromServer.stderr)")
        try expectSameStore(back)

        // The schema exists now: a second copy is refused and changes nothing.
        let again = try trove(["copy", original, server])
        #expect(again.status == 64)
        #expect(again.stderr.contains("already exists"))
        // The server's id sequences continue after the copied ids: a new import adds rows.
        let imported = try trove(["import", "--store", server, Fixtures.url("dialects/db.json").path])
        #expect(imported.status == 0, "\(imported.stderr)")
    }

    /// A copy of a store others are labeling reads every table from one snapshot, on both backends: each
    /// label is in the copy with its event, or not at all (read table by table, a label committed between
    /// the events and the current labels failed the copy's foreign keys).
    @Test(arguments: [false, true])
    func aCopyOfAStoreBeingLabeledIsWhole(onPostgres: Bool) throws {
        guard !onPostgres || TestPostgres.url != nil else { return }
        let server = onPostgres ? TestPostgres.storeURL() : directory.path("labeled.sqlite")
        #expect(try trove(["import", "--store", server, Fixtures.url("import/db-small.jsonl").path]).status == 65)
        let labeler = Process()
        labeler.executableURL = URL(fileURLWithPath: "/bin/sh")
        labeler.arguments = [
            "-c",
            "while :; do for verdict in --accept --reject; do \"$0\" label --store \"$1\" --reviewer eve db_0 db_1 "
                + "$verdict -q; done; done", TroveBinary.url.path, server,
        ]
        labeler.environment = TroveBinary.childEnvironment
        labeler.standardOutput = FileHandle.nullDevice
        labeler.standardError = FileHandle.nullDevice
        try labeler.run()
        defer { labeler.terminate() }
        usleep(300_000)
        for attempt in 0..<5 {
            let copy = directory.path("snapshot-\(attempt).sqlite")
            let copied = try trove(["copy", server, copy])
            #expect(copied.status == 0, "\(copied.stderr)")
            let checked = try trove(["check", "--store", copy])
            #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        }
    }
}
