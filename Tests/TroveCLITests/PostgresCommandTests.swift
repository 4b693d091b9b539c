import Foundation
import Testing
import TroveCore
import TrovePostgres
import TroveTestSupport

/// `trove import`, `label`, `edit`, `review`, `export`, `mix`, `diff` and the team commands with
/// `--store postgresql://…`, run as the binary.
@Suite(.enabled(if: TestPostgres.url != nil, TestPostgres.skipMessage))
struct PostgresCommandTests {
    private let directory = TemporaryDirectory()
    private let store = TestPostgres.storeURL()

    private func trove(_ arguments: [String]) throws -> TroveBinary.Result {
        try TroveBinary.run(arguments, in: directory.url.path)
    }

    @Test func importStoresThenSkipsAndWritesRejectsBesideTheCaller() throws {
        let fixture = Fixtures.url("import/db-small.jsonl").path
        let first = try trove(["import", "--store", store, fixture])
        #expect(first.status == 65, "\(first.stderr)")
        #expect(first.stdout.contains("added"))
        #expect(FileManager.default.fileExists(atPath: directory.path("trove.rejects.jsonl")))
        let again = try trove(["import", "--store", store, "--quiet", fixture])
        #expect(again.stdout.isEmpty)
        let summary = try trove(["import", "--store", store, fixture]).stdout
        #expect(summary.contains("added      0"))
    }

    /// A user the server lets read the store but not write it is refused as a read-only SQLite store is:
    /// exit 66, "is read-only", nothing changed; reading still works.
    @Test func aUserWithoutWriteRightsIsToldTheStoreIsReadOnly() throws {
        let fixture = Fixtures.url("import/db-small.jsonl").path
        #expect(try trove(["import", "--store", store, fixture]).status == 65)
        let schema = try #require(try PostgresStore.searchPathSchema(in: store))
        let role = "r" + schema
        let admin = try PostgresConnection(url: TestPostgres.url ?? "")
        try admin.execute(
            """
            CREATE ROLE \(role) LOGIN; GRANT USAGE ON SCHEMA \(schema) TO \(role);
            GRANT SELECT ON ALL TABLES IN SCHEMA \(schema) TO \(role)
            """)
        defer { _ = try? admin.execute("DROP OWNED BY \(role); DROP ROLE \(role)") }
        let reader = store.replacingOccurrences(of: "://postgres@", with: "://\(role)@")
        #expect(reader != store)
        let labeled = try trove(["label", "--store", reader, "db_0", "--accept", "--reviewer", "ana"])
        #expect(labeled.status == 66, "\(labeled.stderr)")
        #expect(labeled.stderr.contains("(schema \(schema)) is read-only"), "\(labeled.stderr)")
        #expect(labeled.stderr.contains("nothing was changed") && !labeled.stderr.contains("SELECT"))
        #expect(try trove(["stats", "--store", reader]).status == 0)
        let events = try admin.execute("SELECT count(*) FROM \(schema).label_event")
        #expect(try events.integer(0, 0) == 0)
        // An import is refused the same way (it was "could not be written", exit 74, as for a full disk).
        let imported = try trove(["import", "--store", reader, Fixtures.url("dialects/os.json").path])
        #expect(imported.status == 66, "\(imported.stderr)")
        #expect(imported.stderr.contains("is read-only") && imported.stderr.contains("nothing was changed"))
    }

    /// A `--reward` an identical stored record's known reward overrides is said, as on SQLite.
    @Test func aRewardOptionThatAStoredRewardOverridesIsSaid() throws {
        let fixture = Fixtures.url("dialects/os.json").path
        #expect(try trove(["import", "--store", store, "--reward", "1", fixture]).status == 0)
        let again = try trove(["import", "--store", store, "--reward", "0", fixture])
        #expect(again.stderr.contains("kept an environment reward other than --reward's 0"), "\(again.stderr)")
    }

    /// A SWE-bench report imported in a run of its own fills the stored run's unknown reward, as on SQLite.
    @Test func aReportImportedOnItsOwnFillsTheStoredRunsUnknownReward() throws {
        let report = directory.path("run.report.json")
        try Data(#"{"example__repo-1": {"resolved": true}, "example__repo-9": {"resolved": false}}"#.utf8).write(
            to: URL(fileURLWithPath: report))
        #expect(try trove(["import", "--store", store, Fixtures.url("agent-runs/miniswe.traj.json").path]).status == 0)
        let result = try trove(["import", "--store", store, report])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("applied to stored  1 "), "\(result.stdout)")
        #expect(result.stdout.contains("unmatched          1 "), "\(result.stdout)")
        #expect(
            try trove(["show", "--store", store, "--json", "example__repo-1"]).stdout.contains(#""env_reward": 1,"#))
    }

    /// Two runs of one instance, each imported under its own `--id-prefix`, are both stored; a sidecar's
    /// reward keyed by the instance id applies under the prefix, and the same import again is skipped.
    @Test func runsOfOneInstanceAreStoredApartUnderTheirIDPrefixes() throws {
        let original = try String(contentsOf: Fixtures.url("agent-runs/sweagent.traj"), encoding: .utf8)
        for run in ["gpt4", "claude"] {
            try FileManager.default.createDirectory(atPath: directory.path(run), withIntermediateDirectories: true)
        }
        let gpt4 = directory.write("gpt4/pydicom__pydicom-1458.traj", original)
        let claude = directory.write(
            "claude/pydicom__pydicom-1458.traj",
            original.replacingOccurrences(of: "Let me find it.", with: "Let me look."))
        let rewards = directory.write("rewards.csv", "pydicom__pydicom-1458,1\n")
        #expect(try trove(["import", "--store", store, "--id-prefix", "gpt4/", gpt4]).status == 0)
        let second = try trove(["import", "--store", store, "--id-prefix", "claude/", "--rewards", rewards, claude])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("added      1"), "\(second.stdout)")
        let shown = try trove(["show", "--store", store, "--json", "claude/pydicom__pydicom-1458"])
        #expect(shown.stdout.contains(#""env_reward": 1,"#), "\(shown.stdout)")
        let again = try trove(["import", "--store", store, "--id-prefix", "claude/", claude])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("skipped    1 "), "\(again.stdout)")
        let conflict = try trove(["import", "--store", store, "--id-prefix", "gpt4/", claude])
        #expect(conflict.status == 65)
        #expect(conflict.stderr.contains("import each run with --id-prefix NAME/"), "\(conflict.stderr)")
    }

    /// `import --replace` replaces a changed record on PostgreSQL and sends its decision back to pending,
    /// where a plain import leaves it alone as a conflict (exit 65).
    @Test func replaceReplacesAChangedRecord() throws {
        let original = Fixtures.url("dialects/os.json").path
        #expect(try trove(["import", "--store", store, original]).status == 0)
        #expect(try trove(["label", "--store", store, "os_f1", "--accept", "--reviewer", "ana"]).status == 0)
        let text = try String(contentsOfFile: original, encoding: .utf8)
        let changedPath = directory.path("os-changed.json")
        try text.replacingOccurrences(of: "\"os_f1\"", with: "\"os_f1\", \"note\": \"changed\"")
            .write(toFile: changedPath, atomically: true, encoding: .utf8)
        let conflict = try trove(["import", "--store", store, changedPath])
        #expect(conflict.status == 65 && conflict.stderr.contains("--replace"), "\(conflict.stderr)")
        let replaced = try trove(["import", "--store", store, "--replace", changedPath])
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(replaced.stdout.contains("replaced   1"), "\(replaced.stdout)")
        let shown = try trove(["show", "--store", store, "os_f1"])
        #expect(shown.stdout.contains("pending"), "\(shown.stdout)")
    }

    @Test func statsCountsThePostgresStore() throws {
        #expect(try trove(["import", "--store", store, Fixtures.url("dialects/os.json").path]).status == 0)
        let stats = try trove(["stats", "--store", store])
        #expect(stats.status == 0, "\(stats.stderr)")
        #expect(stats.stdout.contains("os"))
    }

    /// `trove review` opens a PostgreSQL store (then wants a terminal, which tests do not have), but does
    /// not import files into one.
    @Test func reviewOpensThePostgresStoreButImportsNothing() throws {
        let files = try trove(["review", "--reviewer", "ana", "--store", store, Fixtures.url("dialects/os.json").path])
        #expect(files.status == 64 && files.stderr.contains("trove import"), "\(files.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).isEmpty)
        let missing = try trove(["review", "--reviewer", "ana", "--store", store])
        #expect(missing.status == 66, "\(missing.stderr)")
        #expect(try trove(["import", "--store", store, Fixtures.url("dialects/os.json").path]).status == 0)
        let review = try trove(["review", "--reviewer", "ana", "--store", store])
        #expect(review.status == 64 && review.stderr.contains("needs a terminal"), "\(review.stderr)")
    }

    /// `trove label` writes the PostgreSQL store as it writes SQLite: by id and by filter, a dry run, undo,
    /// an unknown id (exit 65, nothing written), a turn mask and a message that is not an agent turn (65).
    @Test func labelWritesThePostgresStore() throws {
        #expect(try trove(["import", "--store", store, Fixtures.url("dialects/os.json").path]).status == 0)
        let label = { (arguments: [String]) in try self.trove(["label", "--store", self.store] + arguments) }
        let byID = try label(["os_f1", "--accept", "--reward", "1", "--tag", "ok", "--reviewer", "ana"])
        #expect(byID.status == 0, "\(byID.stderr)")
        #expect(byID.stdout.contains("labeled 1 trajectory"))
        let dry = try label(["--where", "task:os status:pending", "--reject", "--dry-run", "--reviewer", "ana"])
        #expect(dry.status == 0 && dry.stdout.contains("would label"), "\(dry.stderr)")
        let unknown = try label(["os_f1", "no-such-id", "--reject", "--reviewer", "ana"])
        #expect(unknown.status == 65 && unknown.stderr.contains("no-such-id"))
        let byFilter = try label(["--where", "tag:ok", "--note", "fine", "--reviewer", "bo"])
        #expect(byFilter.status == 0 && byFilter.stdout.contains("1 trajectory"), "\(byFilter.stdout)")
        #expect(try label(["--undo", "--reviewer", "bo"]).status == 0)
        let again = try label(["--where", "tag:ok", "--note", "fine", "--reviewer", "bo"])
        #expect(again.stdout.contains("1 trajectory"), "\(again.stdout)")
        let mask = try label(["os_f1", "--turn", "1", "--train", "no", "--reviewer", "ana"])
        #expect(mask.status == 0 && mask.stdout.contains("turn 1"), "\(mask.stderr)")
        let user = try label(["os_f1", "--turn", "0", "--train", "no", "--reviewer", "ana"])
        #expect(user.status == 65 && user.stderr.contains("not an agent turn"), "\(user.stderr)")
        let accepted = try trove([
            "export", "--store", store, "--where", "status:accepted", "--policy", "agenttuning", "--min-reward", "*=0",
            "--format", "agentinstruct", "--out", "out.jsonl",
        ])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        let exported = try String(contentsOfFile: directory.path("out.jsonl"), encoding: .utf8)
        #expect(exported.contains("os_f1") && exported.split(separator: "\n").count == 1)
    }

    /// `trove edit` corrects a turn on a PostgreSQL store and takes the correction back; the steps follow.
    @Test func editCorrectsAndRevertsATurn() throws {
        #expect(try trove(["import", "--store", store, Fixtures.url("dialects/os.json").path]).status == 0)
        let steps = { try self.trove(["show", "--store", self.store, "os_f1", "--json"]).stdout }
        let imported = try steps()
        try "Think: I count the entries at once.\n\nAct: answer(97)\n".write(
            toFile: directory.path("fixed.txt"), atomically: true, encoding: .utf8)
        let edit = { (arguments: [String]) in
            try self.trove(["edit", "--store", self.store, "os_f1", "--reviewer", "ana"] + arguments)
        }
        let fixed = try edit(["--turn", "7", "--text-file", "fixed.txt"])
        #expect(fixed.status == 0 && fixed.stdout.contains("turn 7"), "\(fixed.stderr)")
        #expect(try steps().contains("I count the entries at once."))
        let user = try edit(["--turn", "0", "--text-file", "fixed.txt"])
        #expect(user.status == 65 && user.stderr.contains("no agent turn 0"), "\(user.stderr)")
        let reverted = try edit(["--turn", "7", "--revert"])
        #expect(reverted.status == 0, "\(reverted.stderr)")
        #expect(try steps() == imported)
        // Review: a NUL ended the stored text there (`a\0b` kept `a`); refused whole, nothing written.
        try "Think: kept\nAct: answer(1)\u{0}lost".write(
            toFile: directory.path("nul.txt"), atomically: true, encoding: .utf8)
        let nul = try edit(["--turn", "7", "--text-file", "nul.txt"])
        #expect(nul.status == 65 && nul.stderr.contains("nul.txt: line 2 holds a NUL character"), "\(nul.stderr)")
        #expect(try steps() == imported)
    }

    @Test func teamSetsAndShowsThePolicy() throws {
        #expect(try trove(["import", "--store", store, Fixtures.url("dialects/os.json").path]).status == 0)
        let set = try trove([
            "team", "--store", store, "--min-reviews", "2", "--adjudicators", "lead", "--reviewer", "lead",
        ])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout.contains("0 decisions changed"))
        let shown = try trove(["team", "--store", store])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(
            shown.stdout == set.stdout.split(separator: "\n")[0].replacingOccurrences(of: " (set by lead)", with: "")
                + "\n")
    }

    @Test func assignThenProgressAndAgreement() throws {
        #expect(try trove(["import", "--store", store, Fixtures.url("groups/db-runs.jsonl").path]).status == 0)
        let assign = try trove(["assign", "--store", store, "--reviewers", "ana,bo", "--per-item", "1", "--seed", "7"])
        #expect(assign.status == 0, "\(assign.stderr)")
        #expect(assign.stdout.contains("in scope, 1 reviewer each"))
        let progress = try trove(["progress", "--store", store])
        #expect(progress.status == 0, "\(progress.stderr)")
        #expect(progress.stdout.contains("ana") && progress.stdout.contains("bo"))
        // lead decides bo's trajectories unassigned: decided counts them, done and time left do not.
        let ruled = try trove(["label", "--store", store, "--where", "assigned:bo", "--accept", "--reviewer", "lead"])
        #expect(ruled.status == 0, "\(ruled.stderr)")
        let json = try JSONParser.parse(Array(try trove(["progress", "--store", store, "--json"]).stdout.utf8))
        let rows = try #require(json.objectValue?["reviewers"]?.arrayValue).compactMap(\.objectValue)
        #expect(rows.compactMap { $0["reviewer"]?.stringValue } == ["ana", "bo", "lead"])
        #expect(rows[2]["decided"] == rows[1]["assigned"])
        #expect(rows[2]["done"] == .number("0"))
        #expect(rows[2]["hours_left"] == .null)
        let agreement = try trove(["agreement", "--store", store, "--json", "--where", "task:db*"])
        #expect(agreement.status == 0, "\(agreement.stderr)")
        #expect(agreement.stdout.contains("\"units\""))
    }

    @Test func exportWritesTheImportedBytesAndAManifest() throws {
        let fixture = Fixtures.url("groups/db-runs.jsonl").path
        #expect(try trove(["import", "--store", store, fixture]).status == 0)
        // A password in the URL stays out of the manifest.
        let withPassword = store.replacingOccurrences(of: "://postgres@", with: "://postgres:sekrit@")
        let result = try trove([
            "export", "--store", withPassword, "--policy", "agenttuning", "--min-reward", "*=0", "--format",
            "agentinstruct",
            "--out", "out.jsonl",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            try Data(contentsOf: directory.url.appendingPathComponent("out.jsonl"))
                == Data(contentsOf: Fixtures.url("groups/db-runs.jsonl")))
        let manifest = try String(contentsOfFile: directory.path("out.jsonl.manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"store_fingerprint\""))
        #expect(!manifest.contains("sekrit"))
        #expect(manifest.contains("postgres:…@"))

        // A password given as a parameter stays out of the manifest and every message too.
        let asParameter = try trove([
            "export", "--store", store + "&password=TOPSECRET", "--format", "agentinstruct", "--out", "p.jsonl",
        ])
        #expect(asParameter.status == 0, "\(asParameter.stderr)")
        let parameterManifest = try String(contentsOfFile: directory.path("p.jsonl.manifest.json"), encoding: .utf8)
        #expect(!parameterManifest.contains("TOPSECRET"))
        #expect(parameterManifest.contains("password=…"))
        let unreachable = try trove(["stats", "--store", "postgresql://postgres@127.0.0.1:1/f3?password=TOPSECRET"])
        #expect(unreachable.status == 66)
        #expect(!(unreachable.stdout + unreachable.stderr).contains("TOPSECRET"))
    }

    @Test func diffAndMixReadThePostgresStore() throws {
        #expect(try trove(["import", "--store", store, Fixtures.url("groups/db-runs.jsonl").path]).status == 0)
        let diff = try trove(["diff", "--store", store, "singers_ok", "singers_bad", "--width", "100"])
        #expect(diff.status == 0, "\(diff.stderr)")
        #expect(diff.stdout.contains("singers_ok"))
        let mix = try trove([
            "mix", "--store", store, "--general", Fixtures.url("general/sharegpt-small.json").path, "--total", "10",
            "--eta", "0.5", "--format", "sharegpt", "--out", "mix.jsonl",
        ])
        #expect(mix.status == 0, "\(mix.stderr)")
        #expect(mix.stderr.contains("mixed 5 agent + 5 general"))
        let missing = try trove(["diff", "--store", store, "singers_ok", "nobody"])
        #expect(missing.status == 1)
    }

    @Test func whereSelectsOnThePostgresStore() throws {
        let fixture = Fixtures.url("groups/db-runs.jsonl").path
        #expect(try trove(["import", "--store", store, fixture]).status == 0)
        let result = try trove([
            "export", "--store", store, "--where", "id:singers*", "--policy", "agenttuning", "--min-reward", "*=0",
            "--format", "agentinstruct", "--out", "singers.jsonl",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try String(contentsOfFile: fixture, encoding: .utf8).split(separator: "\n")
        #expect(
            try String(contentsOfFile: directory.path("singers.jsonl"), encoding: .utf8)
                == lines.filter { $0.contains("\"id\": \"singers") }.map { $0 + "\n" }.joined())
        let mix = try trove([
            "mix", "--store", store, "--where", "id:shops*", "--general",
            Fixtures.url("general/sharegpt-small.json").path,
            "--total", "4", "--eta", "0.5", "--format", "sharegpt", "--out", "mix.jsonl",
        ])
        #expect(mix.status == 0, "\(mix.stderr)")
        #expect(try String(contentsOfFile: directory.path("mix.jsonl"), encoding: .utf8).contains("shops_ok"))
    }

    @Test func backupWritesACheckedSQLiteCopyThatExportsTheSameBytes() throws {
        #expect(try trove(["import", "--store", store, Fixtures.url("groups/db-runs.jsonl").path]).status == 0)
        let backup = try trove(["backup", "--store", store, "backup.sqlite"])
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stdout.contains("backed up 4 trajectories"))
        #expect(try trove(["check", "--store", "backup.sqlite"]).status == 0)
        let check = try trove(["check", "--store", store])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("ok       records"))
        for source in [store, "backup.sqlite"] {
            let result = try trove([
                "export", "--store", source, "--format", "sharegpt", "--policy", "agenttuning",
                "--out", source == store ? "from-server.jsonl" : "from-backup.jsonl",
            ])
            #expect(result.status == 0, "\(result.stderr)")
        }
        #expect(
            try Data(contentsOf: directory.url.appendingPathComponent("from-server.jsonl"))
                == Data(contentsOf: directory.url.appendingPathComponent("from-backup.jsonl")))
        let again = try trove(["backup", "--store", store, "backup.sqlite"])
        #expect(again.status == 64)
    }
}
