import Foundation
import Testing
import TroveCore
import TroveTestSupport

@Suite struct CLITests {
    private let directory = TemporaryDirectory()
    private var store: String { directory.path("store.sqlite") }
    private let fixture = Fixtures.url("import/db-small.jsonl").path

    private func troveCommand(_ command: String, _ arguments: [String], stdin: String? = nil) throws
        -> TroveBinary.Result
    {
        try TroveBinary.run([command, "--store", store] + arguments, stdin: stdin, in: directory.url.path)
    }

    @Test func importReportsRejectsByLineAppendsThemToTheRejectsFileAndExits65() throws {
        let result = try troveCommand("import", [fixture])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(fixture):3: invalid JSON"))
        #expect(result.stderr.contains("\(fixture):5: expected a trajectory object, found an array"))
        #expect(result.stderr.contains(#"\#(fixture):6: "conversations" is a string, expected an array of messages"#))
        #expect(result.stdout.contains("added      3"))
        let rejectsPath = directory.path("store.sqlite.rejects.jsonl")
        #expect(result.stdout.contains("rejected   3 (see \(rejectsPath))"))
        // Importing again stores nothing new, reports the same rejects and appends them under its own run.
        let again = try troveCommand("import", [fixture])
        #expect(again.stdout.contains("added      0"))
        #expect(again.stdout.contains("skipped    3"))
        let lines = try String(contentsOfFile: rejectsPath, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONParser.parse(Array($0.utf8)).objectValue)
        }
        #expect(lines.map { $0["line"] } == ["3", "5", "6", "3", "5", "6"].map { JSONValue.number($0) })
        #expect(lines.map { $0["run"] } == ["1", "1", "1", "2", "2", "2"].map { JSONValue.number($0) })
        #expect(lines.allSatisfy { $0["file"] == .string(fixture) })
    }

    /// Issue 11 item 17: review on a missing store, or one with no trajectories, says how to import and
    /// creates nothing.
    /// `review --where` with a filter that does not parse is refused before the terminal is needed.
    @Test func reviewRefusesABadWhereBeforeTheTerminal() throws {
        _ = try troveCommand("import", [fixture])
        let bad = try troveCommand("review", ["--where", "tsk:db", "--reviewer", "ana"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("bad --where filter"), "\(bad.stderr)")
        #expect(bad.stderr.contains("did you mean 'task'?"), "\(bad.stderr)")
        let good = try troveCommand("review", ["--where", "task:db", "--reviewer", "ana"])
        #expect(good.stderr.contains("needs a terminal"), "\(good.stderr)")
        // Review: a blind session dropped a filter it may not use and opened on everything.
        let blind = try troveCommand("review", ["--where", "task:db status:pending", "--reviewer", "ana", "--blind"])
        #expect(blind.status == 64)
        #expect(blind.stderr.contains("bad --where filter for a blind review"), "\(blind.stderr)")
    }

    /// QA: as root, in a directory without write permission bits, `import` left an empty store it then
    /// refused to write, and `review FILE` did not fall back to `./` as its help says: both used a test
    /// (access(2)) that root passes, while the store opens read-only on the permission bits.
    @Test func aWriteProtectedDirectoryGetsNoStoreAndReviewFallsBackToTheCurrentOne() throws {
        let protected = directory.path("protected")
        let current = directory.path("current")
        for folder in [protected, current] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        }
        let input = protected + "/run.jsonl"
        try FileManager.default.copyItem(atPath: fixture, toPath: input)
        #expect(chmod(protected, 0o555) == 0)
        defer { chmod(protected, 0o755) }
        let imported = try TroveBinary.run(["import", "--store", protected + "/x.sqlite", input])
        #expect(imported.status == 66)
        #expect(
            imported.stderr.contains("its directory \(protected) is write-protected; nothing was created"),
            "\(imported.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: protected) == ["run.jsonl"])
        let reviewed = try TroveBinary.run(["review", input, "--reviewer", "ana"], in: current)
        #expect(
            reviewed.stderr.contains("\(protected) is write-protected; using ./run.trove.sqlite"), "\(reviewed.stderr)")
        #expect(reviewed.stderr.contains("needs a terminal"), "\(reviewed.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: protected) == ["run.jsonl"])
    }

    @Test func reviewWithoutTrajectoriesSaysHowToImportAndCreatesNothing() throws {
        let files = { try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted() }
        let before = try files()
        let missing = try troveCommand("review", [])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("no store at \(store); nothing was created"))
        #expect(missing.stderr.contains("trove import FILE… --store \(store)"))
        #expect(missing.stderr.contains("trove review FILE…"))
        #expect(try files() == before)
        let empty = directory.write("empty.jsonl", "")
        _ = try troveCommand("import", [empty])
        let created = try files()
        let none = try troveCommand("review", [])
        #expect(none.status == 1)
        #expect(none.stderr.contains("the store \(store) holds no trajectories"))
        #expect(none.stderr.contains("trove import FILE…"))
        #expect(try files() == created)
    }

    /// `--reward` reads a fraction as the filter does, and refuses what is no number a person means.
    @Test func labelRewardTakesAFractionAndRefusesHexadecimal() throws {
        _ = try troveCommand("import", [fixture])
        let fraction = try troveCommand("label", ["db_0", "--reward", "2/3", "--reviewer", "ana"])
        #expect(fraction.status == 0, "\(fraction.stderr)")
        let shown = try troveCommand("show", ["db_0", "--json"])
        #expect(shown.stdout.contains("0.6666"))
        let hexadecimal = try troveCommand("label", ["db_0", "--reward", "0x1", "--reviewer", "ana"])
        #expect(hexadecimal.status == 64)
        #expect(hexadecimal.stderr.contains("'0x1' is not a reward"))
    }

    /// `--rejects` is refused where appending would damage a database: the store, another store, a
    /// database's log; and an export is refused over another store's write-ahead log.
    @Test func rejectsAndOutputsNeverLandInADatabasesFiles() throws {
        _ = try troveCommand("import", [fixture])
        let other = directory.path("other.sqlite")
        _ = try TroveBinary.run(["import", "--store", other, fixture], in: directory.url.path)
        for target in [store, other, other + "-wal"] {
            let result = try troveCommand("import", [fixture, "--rejects", target])
            #expect(result.status == 64, "\(target): \(result.stderr)")
        }
        let export = try troveCommand("export", ["--format", "sharegpt", "--out", other + "-wal"])
        #expect(export.status == 64)
        #expect(export.stderr.contains("belongs to the SQLite database"))
        let check = try TroveBinary.run(["check", "--store", other], in: directory.url.path)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    /// QA: importing a store (another, or itself) parsed the database as JSONL and wrote thousands of
    /// garbage rejects; it is refused before anything is written.
    @Test func importingAnSQLiteDatabaseIsRefusedAndWritesNothing() throws {
        _ = try troveCommand("import", [fixture])
        let other = directory.path("other.sqlite")
        _ = try TroveBinary.run(["import", "--store", other, fixture], in: directory.url.path)
        let link = directory.path("link.jsonl")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: other)
        let rejects = try Data(contentsOf: URL(fileURLWithPath: store + ".rejects.jsonl"))
        for input in [other, store, link] {
            let result = try troveCommand("import", [fixture, input])
            #expect(result.status == 64, "\(input)")
            #expect(
                result.stderr.contains("is an SQLite database (a trove store?), not trajectory data"),
                "\(result.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: store + ".rejects.jsonl")) == rejects)
        #expect(try troveCommand("check", []).status == 0)
        // Compressed, the database is told from data once decompressed; a new store is not left behind.
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-k", other]
        try gzip.run()
        gzip.waitUntilExit()
        let fresh = directory.path("fresh.sqlite")
        let compressed = try TroveBinary.run(["import", "--store", fresh, other + ".gz"], in: directory.url.path)
        #expect(compressed.status == 64)
        #expect(compressed.stderr.contains("is an SQLite database (a trove store?), not trajectory data"))
        #expect(!FileManager.default.fileExists(atPath: fresh))
        #expect(!FileManager.default.fileExists(atPath: fresh + ".rejects.jsonl"))
        // Piped, plain or compressed, it is told before the store is opened: no empty store is left.
        for piped in [other, other + ".gz"] {
            let result = try TroveBinary.run(
                ["import", "--store", fresh, "-"], in: directory.url.path,
                launcher: ["/bin/sh", "-c", "cat '\(piped)' | \"$0\" \"$@\""])
            #expect(result.status == 64, "\(result.stderr)")
            #expect(result.stderr.contains("- is an SQLite database (a trove store?), not trajectory data"))
            #expect(!FileManager.default.fileExists(atPath: fresh), "\(piped)")
        }
    }

    /// Review: `trove` is the name of trove's own batches (a replaced record sent back to pending); a
    /// reviewer of that name could undo one. Refused for every labeling command, nothing written.
    @Test func theReviewerNameTroveIsRefused() throws {
        _ = try troveCommand("import", [fixture])
        for arguments in [["label", "db_0", "--accept"], ["label", "--undo"], ["team", "--min-reviews", "2"]] {
            let result = try TroveBinary.run(
                [arguments[0], "--store", store] + arguments.dropFirst() + ["--reviewer", "trove"],
                in: directory.url.path)
            #expect(result.status == 64, "\(arguments)")
            #expect(
                result.stderr.contains("'trove' is the name trove writes its own changes under"), "\(result.stderr)")
        }
        #expect(try troveCommand("label", ["db_0", "--accept", "--reviewer", "ana"]).status == 0)
    }

    /// Review: the store's own rejects file given as an input grew from the rejects it appended while
    /// reading it (one bad line became 22 KB); it is refused as `--rejects` naming an input is.
    @Test func theDefaultRejectsFileIsNotAnInput() throws {
        _ = try troveCommand("import", [fixture])
        let rejects = store + ".rejects.jsonl"
        let before = try Data(contentsOf: URL(fileURLWithPath: rejects))
        let result = try troveCommand("import", [rejects])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: rejects)) == before)
    }

    /// Standard input's first bytes, read to tell a piped database from data, are imported as well.
    @Test func importingPipedDataReadsTheBytesPeekedAt() throws {
        let gzipped = directory.path("piped.jsonl.gz")
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "gzip -c '\(fixture)' > '\(gzipped)'"]
        try gzip.run()
        gzip.waitUntilExit()
        // The fixture holds three trajectories and three records rejected (exit 65).
        let expected = try troveCommand("import", [fixture])
        #expect(expected.status == 65)
        for piped in [fixture, gzipped] {
            let fresh = directory.path("fresh-\(piped.hasSuffix(".gz") ? "gz" : "plain").sqlite")
            let result = try TroveBinary.run(
                ["import", "--store", fresh, "-"], in: directory.url.path,
                launcher: ["/bin/sh", "-c", "cat '\(piped)' | \"$0\" \"$@\""])
            #expect(result.status == expected.status, "\(result.stderr)")
            let stats = try TroveBinary.run(["stats", "--store", fresh], in: directory.url.path)
            #expect(stats.stdout == (try troveCommand("stats", [])).stdout, "\(piped)")
            #expect(stats.stdout.contains("db         3"), "\(piped): \(stats.stdout)")
        }
    }

    /// QA: an export of trajectories flagged bad-encoding said nothing, while `agentinstruct` wrote
    /// lines a strict JSON reader rejects (invalid UTF-8 as imported).
    @Test func exportingTextTroveCouldNotDecodeWarnsAndCountsIt() throws {
        _ = try troveCommand("import", [Fixtures.url("hostile/invalid-utf8.jsonl").path, "--reward", "1"])
        _ = try troveCommand("label", ["--where", "", "--accept", "--yes", "-q", "--reviewer", "ana"])
        for (format, words) in [
            ("agentinstruct", "invalid UTF-8 included"), ("sharegpt", "U+FFFD where their records had invalid UTF-8"),
        ] {
            let export = try troveCommand("export", ["--format", format, "--out", "\(format).jsonl"])
            #expect(export.status == 0)
            #expect(export.stderr.contains("written with U+FFFD, the replacement character"), "\(export.stderr)")
            #expect(export.stderr.contains(words), "\(format): \(export.stderr)")
            let manifest = try String(contentsOfFile: directory.path("\(format).jsonl.manifest.json"), encoding: .utf8)
            #expect(manifest.contains(#""undecoded_text": "#) && !manifest.contains(#""undecoded_text": 0"#))
        }
        let clean = try troveCommand(
            "export", ["--where", "not flag:bad-encoding", "--format", "sharegpt", "--out", "clean.jsonl"])
        #expect(!clean.stderr.contains("U+FFFD"), "\(clean.stderr)")
        // The fixture's malformed second line would stop the mix (as import rejects it): its other lines.
        let records = try Data(contentsOf: Fixtures.url("hostile/invalid-utf8.jsonl")).split(
            separator: UInt8(ascii: "\n"))
        try Data(records.enumerated().filter { $0.offset != 1 }.map { Data($0.element) + Data("\n".utf8) }.joined())
            .write(to: URL(fileURLWithPath: directory.path("agent.jsonl")))
        let mixed = try troveCommand(
            "mix",
            [
                "--agent", directory.path("agent.jsonl"), "--general",
                Fixtures.url("general/sharegpt-small.json").path, "--format", "sharegpt", "--total", "20",
                "--eta", "0.5", "--out", "mix.jsonl",
            ])
        #expect(mixed.status == 0, "\(mixed.stderr)")
        #expect(mixed.stderr.contains("written with U+FFFD, the replacement character"), "\(mixed.stderr)")
    }

    /// QA: agent runs given as --general chat are mixed in at a ratio above --eta; the mix says so.
    @Test func mixWarnsWhenItsGeneralFilesHoldAgentRuns() throws {
        let mix = { (general: String) in
            try self.troveCommand(
                "mix",
                [
                    "--agent", Fixtures.url("dialects/db.json").path, "--general", general, "--format", "sharegpt",
                    "--total", "6", "--eta", "0.5", "--out", "mix.jsonl",
                ])
        }
        let mixed = try mix(Fixtures.url("dialects/alfworld.json").path)
        #expect(mixed.status == 0, "\(mixed.stderr)")
        #expect(mixed.stderr.contains("as agent runs (alfworld_f1"), "\(mixed.stderr)")
        #expect(!(try mix(Fixtures.url("general/sharegpt-small.json").path)).stderr.contains("agent runs"))
    }

    /// QA: every input was opened twice (a check, then the import), so the check took a pipe's bytes:
    /// `<(cat F)` and `/dev/stdin` imported nothing and exited 0, a named FIFO hung, and `--rewards
    /// <(…)` gave no rewards. Each stream is opened once and its first bytes, read to tell what it holds,
    /// are handed back to the import.
    @Test func importReadsPipesAndFIFOsOnce() throws {
        let expected = try troveCommand("import", [fixture])
        #expect(expected.status == 65)
        let fifo = directory.path("named.jsonl")
        #expect(mkfifo(fifo, 0o600) == 0)
        let scripts = [
            #""$0" import --store "$1" <(cat '\#(fixture)')"#,
            #"cat '\#(fixture)' | "$0" import --store "$1" /dev/stdin"#,
            #"gzip -c '\#(fixture)' | "$0" import --store "$1" /dev/stdin"#,
            #"(cat '\#(fixture)' > '\#(fifo)' &); "$0" import --store "$1" '\#(fifo)'"#,
        ]
        for (index, script) in scripts.enumerated() {
            let fresh = directory.path("piped-\(index).sqlite")
            let result = try TroveBinary.run([fresh], in: directory.url.path, launcher: ["/bin/bash", "-c", script])
            #expect(result.status == expected.status, "\(script): \(result.stderr)")
            #expect(result.stdout.contains("added      3\n"), "\(script): \(result.stdout)")
        }
        let rewarded = try TroveBinary.run(
            [directory.path("rewarded.sqlite")], in: directory.url.path,
            launcher: [
                "/bin/bash", "-c", #""$0" import --store "$1" --rewards <(printf 'db_0,0.5\n') '\#(fixture)'"#,
            ])
        #expect(rewarded.stdout.contains("rewards    1 from /dev/fd/"), "\(rewarded.stdout)\(rewarded.stderr)")
        let shown = try TroveBinary.run(
            ["show", "db_0", "--json", "--store", directory.path("rewarded.sqlite")], in: directory.url.path)
        #expect(try JSONParser.parse(Array(shown.stdout.utf8)).objectValue?["env_reward"] == .number("0.5"))
    }

    @Test func importReadsStandardInput() throws {
        let line = try String(contentsOfFile: fixture, encoding: .utf8).split(separator: "\n")[0]
        let result = try troveCommand("import", ["--task", "sql", "--reward", "1", "-"], stdin: String(line) + "\n")
        #expect(result.status == 0)
        #expect(result.stdout.contains("added      1"))
        let shown = try troveCommand("show", ["db_0", "--json"])
        let object = try JSONParser.parse(Array(shown.stdout.utf8)).objectValue
        #expect(object?["task"] == .string("sql"))
        #expect(object?["env_reward"] == .number("1"))
    }

    @Test func sidecarRewardsFillRecordsThatCarryNone() throws {
        let rewards = directory.write("rewards.csv", "id,reward\ndb_0,0.5\ndb_3,1\n")
        let result = try troveCommand("import", [fixture, "--rewards", rewards])
        #expect(result.status == 65)
        let rewardOf = { (id: String) throws -> JSONValue? in
            try JSONParser.parse(Array(try self.troveCommand("show", [id, "--json"]).stdout.utf8)).objectValue?[
                "env_reward"]
        }
        #expect(try rewardOf("db_0") == .number("0.5"))
        #expect(try rewardOf("db_1") == .null)
        #expect(try rewardOf("db_3") == .number("1"))
        let bad = directory.write("bad.csv", "db_0,lots\n")
        let refused = try troveCommand("import", [fixture, "--rewards", bad])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("bad.csv:1: reward 'lots' is not a number in 0...1"))

        // A typo in an id and a reward the store already holds otherwise are said, even with -q.
        let again = directory.write("again.csv", "id,reward\ndb_0,0\ndb_O,1\n")
        let warned = try troveCommand("import", [fixture, "--rewards", again])
        #expect(warned.stdout.contains("rewards    2 from \(again)\n"), "\(warned.stdout)")
        #expect(warned.stdout.contains("left alone         1 (stored with another reward)"))
        #expect(warned.stdout.contains("unmatched          1 (ids no stored trajectory has: db_O)"))
        let quiet = try troveCommand("import", [fixture, "--rewards", again, "-q"])
        #expect(quiet.stderr.contains("no stored trajectory has the id of 1 reward in \(again): db_O"))
        #expect(quiet.stderr.contains("1 stored trajectory kept an environment reward other than \(again)'s"))
        #expect(try rewardOf("db_0") == .number("0.5"))
    }

    /// `--rewards` given twice reads both files, the later winning an id both give, and says so (it used to
    /// keep only the last file silently).
    @Test func severalSidecarRewardFilesAreAllRead() throws {
        let first = directory.write("first.csv", "id,reward\ndb_0,0.5\ndb_1,1\n")
        let second = directory.write(
            "second.jsonl", #"{"id": "db_1", "reward": 0}"# + "\n" + #"{"id": "db_3", "reward": 1}"#)
        let result = try troveCommand("import", [fixture, "--rewards", first, "--rewards", second])
        #expect(result.stdout.contains("rewards    2 from \(first), 2 from \(second)\n"), "\(result.stdout)")
        #expect(
            result.stderr.contains(
                "warning: \(second) gives 1 id another reward than \(first) (an earlier --rewards) (first: db_1); "
                    + "the later file wins"), "\(result.stderr)")
        let rewardOf = { (id: String) throws -> JSONValue? in
            try JSONParser.parse(Array(try self.troveCommand("show", [id, "--json"]).stdout.utf8)).objectValue?[
                "env_reward"]
        }
        #expect(try rewardOf("db_0") == .number("0.5"))
        #expect(try rewardOf("db_1") == .number("0"))
        #expect(try rewardOf("db_3") == .number("1"))
    }

    @Test func showPrintsTheDocumentedJSONShape() throws {
        _ = try troveCommand("import", [fixture])
        let result = try troveCommand("show", ["db_1", "--json"])
        #expect(result.status == 0)
        let object = try #require(try JSONParser.parse(Array(result.stdout.utf8)).objectValue)
        #expect(
            object.keys == [
                "id", "task", "group", "dialect", "env_reward", "env_reward_source", "outcome", "error", "review",
                "flags", "opening", "steps",
            ])
        #expect(object["env_reward"] == .null)
        #expect(object["outcome"] == .null)
        #expect(object["error"] == .null)
        #expect(object["dialect"] == .string("db"))
        #expect(
            object["review"]
                == .object([
                    "status": "pending", "reward": .null, "reward_reason": .null, "tags": .array([]), "note": .null,
                ]))
        let steps = try #require(object["steps"]?.arrayValue)
        #expect(steps.count == 2)
        #expect(
            steps[0].objectValue?.keys == [
                "message", "masked", "corrected", "thought", "action", "observation", "final_answer",
            ])
        #expect(steps[0].objectValue?["action"]?.objectValue?["kind"] == .string("sql"))
        #expect(steps[0].objectValue?["observation"] == .string("[('Café 東京',)]"))
        let text = try troveCommand("show", ["db_1"])
        #expect(text.stdout.contains("Action [sql]:"))
        let missing = try troveCommand("show", ["nope"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no trajectory with id nope"))
    }

    /// QA: a reward's reason was stored but `trove show` printed neither form of it.
    @Test func showGivesTheRewardsReason() throws {
        _ = try troveCommand("import", [fixture])
        let labeled = try troveCommand(
            "label", ["db_0", "--reward", "0", "--reason", "wrong count", "--reviewer", "carol"])
        #expect(labeled.status == 0, "\(labeled.stderr)")
        let shown = try JSONParser.parse(Array(try troveCommand("show", ["db_0", "--json"]).stdout.utf8)).objectValue
        #expect(shown?["review"]?.objectValue?["reward"] == .number("0"))
        #expect(shown?["review"]?.objectValue?["reward_reason"] == .string("wrong count"))
        let text = try troveCommand("show", ["db_0"]).stdout
        #expect(text.contains("reviewer reward 0"))
        #expect(text.contains("\nreward reason wrong count\n"), "\(text)")
    }

    @Test func labelRecordsChangesThatShowAndUndoSee() throws {
        _ = try troveCommand("import", [fixture])
        let labeled = try troveCommand(
            "label", ["db_0", "db_3", "--reject", "--tag", "wrong-answer", "--note", "off by one", "--reviewer", "ana"])
        #expect(labeled.status == 0)
        #expect(labeled.stdout == "labeled 2 trajectories: rejected, tag wrong-answer, note (by ana)\n")
        var shown = try JSONParser.parse(Array(try troveCommand("show", ["db_3", "--json"]).stdout.utf8)).objectValue
        #expect(
            shown?["review"]
                == .object([
                    "status": "rejected", "reward": .null, "reward_reason": .null, "tags": .array(["wrong-answer"]),
                    "note": "off by one",
                ]))
        let filtered = try troveCommand(
            "label", ["--where", "tag:wrong-answer", "--reward", "0.5", "--reviewer", "ben"])
        #expect(filtered.stdout == "labeled 2 trajectories: reward 0.5 (by ben)\n")
        let undone = try troveCommand("label", ["--undo", "--reviewer", "ben"])
        #expect(undone.status == 0)
        #expect(undone.stdout == "undone: reward 0.5 on 2 trajectories\n")
        shown = try JSONParser.parse(Array(try troveCommand("show", ["db_3", "--json"]).stdout.utf8)).objectValue
        #expect(shown?["review"]?.objectValue?["reward"] == .null)
        let unknown = try troveCommand("label", ["db_0", "nope", "--accept", "--reviewer", "ana"])
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("nothing was changed"))
    }

    /// A filter starting with `-` is written as `--where=-…` (after a space ArgumentParser reads it as an
    /// option), or with `not`; both select what the help says.
    @Test func aNegatedWhereIsWrittenAfterAnEqualsSignOrWithNot() throws {
        _ = try troveCommand("import", [fixture])
        let attached = try troveCommand("label", ["--where=-id:db_0", "--reject", "--dry-run", "--reviewer", "r1"])
        #expect(attached.status == 0, "\(attached.stderr)")
        #expect(attached.stdout == "would label 2 trajectories: rejected\n  db_1\n  db_3\n")
        let worded = try troveCommand("label", ["--where", "not id:db_0", "--reject", "--dry-run", "--reviewer", "r1"])
        #expect(worded.stdout == attached.stdout)
        let spaced = try troveCommand("label", ["--where", "-id:db_0", "--reject", "--dry-run", "--reviewer", "r1"])
        #expect(spaced.status != 0)
        #expect(try troveCommand("label", ["--help"]).stdout.contains("(--where=-task:db)"))
    }

    /// Issue 10 items 4 and 5: a batch is previewed, undone and redone whole; a no-op says so; nobody
    /// is recorded as `unknown`.
    @Test func aLabelByFilterIsPreviewedUndoneAndRedoneWholeAndANoOpWritesNothing() throws {
        _ = try troveCommand("import", [fixture])
        let preview = try troveCommand("label", ["--where", "task:db", "--reject", "--dry-run", "--reviewer", "r1"])
        #expect(preview.status == 0)
        #expect(preview.stdout == "would label 3 trajectories: rejected\n  db_0\n  db_1\n  db_3\n")
        #expect(try troveCommand("show", ["db_0", "--json"]).stdout.contains(#""status": "pending""#))
        let labeled = try troveCommand("label", ["--where", "task:db", "--reject", "--reviewer", "r1"])
        #expect(labeled.stdout == "labeled 3 trajectories: rejected (by r1)\n")
        let again = try troveCommand("label", ["--where", "task:db", "--reject", "--reviewer", "r1"])
        #expect(again.status == 0)
        #expect(again.stdout.hasPrefix("no change"))
        let cleared = try troveCommand("label", ["db_0", "--clear-reward", "--reviewer", "r1"])
        #expect(cleared.stdout.hasPrefix("no change"))
        #expect(
            try troveCommand("label", ["--undo", "--reviewer", "r1"]).stdout == "undone: reject of 3 trajectories\n")
        #expect(try troveCommand("show", ["db_3", "--json"]).stdout.contains(#""status": "pending""#))
        #expect(
            try troveCommand("label", ["--redo", "--reviewer", "r1"]).stdout == "redone: reject of 3 trajectories\n")
        #expect(
            try troveCommand("label", ["--undo", "--reviewer", "r1"]).stdout == "undone: reject of 3 trajectories\n")
        #expect(try troveCommand("label", ["--undo", "--reviewer", "r1"]).stdout == "nothing to undo for r1\n")
    }

    /// Issue 10 items 7 and 8: a second import with --reward fills unknown rewards and says so; show
    /// names the reward's source.
    @Test func reimportWithARewardFillsUnknownRewardsAndShowNamesTheSource() throws {
        _ = try troveCommand("import", [fixture])
        let again = try troveCommand("import", [fixture, "--reward", "1"])
        #expect(again.stdout.contains("rewards set 3, tasks set 0"))
        #expect(try troveCommand("show", ["db_1"]).stdout.contains("env reward 1 (--reward)"))
        let third = try troveCommand("import", [fixture, "--reward", "0"])
        #expect(!third.stdout.contains("rewards set"))
        #expect(try troveCommand("show", ["db_1"]).stdout.contains("env reward 1 (--reward)"))
    }

    /// Issue 10 item 9: an agenttuning export of trajectories with no reward says once what to do.
    /// QA: `--reward 0 --replace` on records stored with `--reward 1` dropped the new reward silently:
    /// the records are identical, so nothing is replaced, and a known reward is never overwritten. Said.
    @Test func aRewardOptionThatAStoredRewardOverridesIsSaid() throws {
        _ = try troveCommand("import", ["--reward", "1", fixture])
        let again = try troveCommand("import", ["--reward", "0", "--replace", fixture])
        #expect(
            again.stderr.contains(
                "trove: warning: 3 stored trajectories kept an environment reward other than --reward's 0 (a stored "
                    + "reward is never overwritten, --replace included; trove label ID --reward X overrides it)"),
            "\(again.stderr)")
        #expect(!(try troveCommand("import", ["--reward", "1", fixture])).stderr.contains("kept an environment"))
    }

    @Test func anAgentTuningExportOfUnrewardedTrajectoriesSaysOnceWhatToDo() throws {
        _ = try troveCommand("import", [fixture])
        let export = try troveCommand(
            "export", ["--policy", "agenttuning", "--format", "sharegpt", "--out", "a.jsonl"])
        #expect(export.stderr.components(separatedBy: "--reward 1").count == 2, "\(export.stderr)")
        #expect(export.stderr.contains("3 trajectories have no reward"))
        _ = try troveCommand("import", [fixture, "--reward", "1"])
        let rewarded = try troveCommand(
            "export", ["--policy", "agenttuning", "--format", "sharegpt", "--out", "b.jsonl"])
        #expect(!rewarded.stderr.contains("no reward"))
    }

    /// QA: an export that selects nothing writes its empty file as before, and now says why on stderr.
    /// `trove stats --where` counts the selection only; a filter that selects nothing says so, with the hint.
    @Test func statsCountsWhatAFilterSelects() throws {
        _ = try troveCommand("import", [fixture, "--reward", "1"])
        _ = try troveCommand("import", [Fixtures.url("dialects/os.json").path])
        let all = try troveCommand("stats", [])
        #expect(all.stdout.contains("\nos "), "\(all.stdout)")
        let db = try troveCommand("stats", ["--where", "task:db"])
        #expect(db.status == 0)
        #expect(db.stdout.hasPrefix("task"), "\(db.stdout)")
        #expect(db.stdout.contains("\ndb "), "\(db.stdout)")
        #expect(!db.stdout.contains("\nos ") && !db.stdout.contains("\nall "), "\(db.stdout)")
        let none = try troveCommand("stats", ["--where", "task:DB"])
        #expect(none.status == 0)
        #expect(none.stdout.isEmpty)
        #expect(
            none.stderr
                == "trove: no trajectory of \(store) matches --where 'task:DB'. Filter values are case-sensitive "
                + "(task:os is not task:OS); trove stats without --where lists the tasks.\n")
        #expect(try troveCommand("stats", ["--where", "tsk:db"]).status == 64)
    }

    @Test func anExportThatSelectsNothingWritesAnEmptyFileAndWarns() throws {
        _ = try troveCommand("import", [fixture, "--reward", "1"])
        let hint = "Filter values are case-sensitive (task:os is not task:OS); trove stats lists the tasks."
        let none = try troveCommand("export", ["--where", "task:DB", "--format", "sharegpt", "--out", "zero.jsonl"])
        #expect(none.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory.path("zero.jsonl"))).isEmpty)
        #expect(
            none.stderr.contains("trove: warning: nothing to export: no trajectory matches --where 'task:DB'. \(hint)"),
            "\(none.stderr)")
        // Text fields ignore case: the hint about case-sensitive values is not given for them.
        let text = try troveCommand(
            "export", ["--where", "thought:nowhere", "--format", "sharegpt", "--out", "t.jsonl"])
        #expect(text.stderr.contains("no trajectory matches --where 'thought:nowhere'."), "\(text.stderr)")
        #expect(!text.stderr.contains("case-sensitive"))
        for extra in [["--dry-run"], ["--format", "kto", "--out", "kto.jsonl"]] {
            let result = try troveCommand("export", ["--where", "task:DB"] + extra)
            #expect(result.status == 0)
            #expect(result.stderr.contains("no trajectory matches --where 'task:DB'"), "\(extra): \(result.stderr)")
        }
        let pending = try troveCommand("export", ["--where", "task:db", "--format", "sharegpt", "--out", "p.jsonl"])
        #expect(pending.status == 0)
        #expect(
            pending.stderr.contains(
                "trove: warning: nothing to export: --policy accepted keeps none of the 3 trajectories "
                    + "--where 'task:db' matches (the counts above say why)"), "\(pending.stderr)")
        let kept = try troveCommand(
            "export", ["--where", "task:db", "--policy", "agenttuning", "--format", "sharegpt", "--out", "k.jsonl"])
        #expect(kept.status == 0)
        #expect(!kept.stderr.contains("warning"))
    }

    /// `-q` prints only problems for label, export and mix, as for import; counts of one read in the
    /// singular.
    @Test func quietCommandsPrintOnlyProblemsAndCountsOfOneAreSingular() throws {
        let imported = try troveCommand("import", [fixture, "--reward", "1"])
        #expect(imported.stdout.contains(" records read from 1 file ("), "\(imported.stdout)")
        #expect(imported.stdout.contains("(3 trajectories)"))
        let labeled = try troveCommand("label", ["db_0", "--accept", "-q", "--reviewer", "ana"])
        #expect(labeled.status == 0)
        #expect(labeled.stdout.isEmpty && labeled.stderr.isEmpty)
        #expect(try troveCommand("label", ["--undo", "--quiet", "--reviewer", "ana"]).stdout.isEmpty)
        _ = try troveCommand("label", ["db_0", "--accept", "--reviewer", "ana"])
        let one = try troveCommand("export", ["--format", "sharegpt", "--out", "one.jsonl"])
        #expect(one.stderr.contains("wrote 1 line to one.jsonl"), "\(one.stderr)")
        let quiet = try troveCommand("export", ["--format", "sharegpt", "--out", "quiet.jsonl", "-q"])
        #expect(quiet.status == 0)
        #expect(quiet.stderr.isEmpty, "\(quiet.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory.path("quiet.jsonl"))).count > 0)
        let empty = try troveCommand(
            "export", ["--where", "task:DB", "--format", "sharegpt", "--out", "e.jsonl", "-q"])
        #expect(empty.stderr.contains("trove: warning: nothing to export"), "a problem is still said")
        let mixed = try troveCommand(
            "mix",
            [
                "--general", Fixtures.url("general/sharegpt-small.json").path, "--policy", "agenttuning", "--format",
                "sharegpt", "--total", "5", "--out", "mix.jsonl", "-q",
            ])
        #expect(mixed.status == 0, "\(mixed.stderr)")
        #expect(mixed.stderr.isEmpty, "\(mixed.stderr)")
    }

    /// Issue 10 item 10: plain chat is stored as chat, shown as a conversation, and never exported as
    /// agent data by --policy agenttuning.
    @Test func plainChatIsStoredShownAndCountedAsChat() throws {
        let chat = Fixtures.url("dialects/chat.json").path
        let imported = try troveCommand("import", [chat, "--reward", "1"])
        #expect(imported.stdout.contains("2 chat records (use them with trove mix --general)"), "\(imported.stdout)")
        let shown = try troveCommand("show", ["chat_f1"]).stdout
        #expect(shown.contains("dialect chat"))
        #expect(shown.contains("\nUser:\n") && shown.contains("\nAssistant:\n"))
        #expect(!shown.contains("Thought:"))
        let dryRun = try troveCommand("export", ["--policy", "agenttuning", "--format", "sharegpt", "--dry-run"])
        let header = try #require(dryRun.stdout.split(separator: "\n").first)
        let total = try #require(dryRun.stdout.split(separator: "\n").last { $0.hasPrefix("total") })
        let columns = header.split(separator: " ").map(String.init)
        let values = total.split(separator: " ").map(String.init)
        #expect(values[try #require(columns.firstIndex(of: "chat"))] == "2")
        #expect(values[try #require(columns.firstIndex(of: "kept"))] == "0")
    }

    @Test func withoutAReviewerLabelAsksForOne() throws {
        _ = try troveCommand("import", [fixture])
        let result = try TroveBinary.run(
            ["label", "--store", store, "db_0", "--accept"], environment: ["USER": "", "TROVE_REVIEWER": ""],
            in: directory.url.path)
        #expect(result.status == 64)
        #expect(result.stderr.contains("give --reviewer"))
        let named = try TroveBinary.run(
            ["label", "--store", store, "db_0", "--accept"], environment: ["USER": "", "TROVE_REVIEWER": "tr"],
            in: directory.url.path)
        #expect(named.stdout == "labeled 1 trajectory: accepted (by tr)\n")
    }

    /// Review: `--reviewer ' '` recorded a label under a blank name, and `--reviewer 'lead '` was another
    /// reviewer than the adjudicator `lead` that `trove team --adjudicators 'lead '` stored (its ruling
    /// did not count). Every command reads a name without its surrounding white space.
    @Test func reviewerNamesAreReadWithoutTheirSurroundingWhiteSpace() throws {
        _ = try troveCommand("import", [fixture])
        for blank in [" ", "\t", " \n "] {
            let result = try TroveBinary.run(
                ["label", "--store", store, "db_0", "--accept"], environment: ["USER": "", "TROVE_REVIEWER": blank],
                in: directory.url.path)
            #expect(result.status == 64, "\(blank.debugDescription)")
            #expect(result.stderr.contains("who is labeling?"), "\(result.stderr)")
        }
        // A blank --reviewer given on purpose is refused, not replaced by $USER.
        let blank = try TroveBinary.run(
            ["label", "--store", store, "db_0", "--accept", "--reviewer", " "], environment: ["USER": "zed"],
            in: directory.url.path)
        #expect(blank.status == 64 && blank.stderr.contains("--reviewer names no one"), "\(blank.stderr)")
        #expect(try troveCommand("team", ["--adjudicators", " lead ", "--reviewer", "lead"]).status == 0)
        let ruling = try troveCommand("label", ["db_0", "--accept", "--reviewer", "lead\t"])
        #expect(ruling.stdout == "labeled 1 trajectory: accepted (by lead)\n", "\(ruling.stderr)")
        let show = try troveCommand("show", ["db_0", "--json"])
        #expect(show.stdout.contains("\"status\": \"accepted\""), "\(show.stdout)")
    }

    /// Review: `trove assign --reviewers trove` made a queue no one could ever label (`--reviewer trove`
    /// is refused), and `--adjudicators trove` an adjudicator no one could be.
    @Test func theReservedNameCannotBeAssignedOrAdjudicate() throws {
        _ = try troveCommand("import", [fixture])
        for arguments in [
            ["assign", "--reviewers", "ana, trove", "--per-item", "1"],
            ["team", "--adjudicators", "trove", "--reviewer", "lead"],
        ] {
            let result = try troveCommand(arguments[0], Array(arguments.dropFirst()))
            #expect(result.status == 64, "\(arguments)")
            #expect(
                result.stderr.contains("'trove' is the name trove writes its own changes under"), "\(result.stderr)")
        }
        let policy = try troveCommand("team", [])
        #expect(!policy.stdout.contains("trove"), "\(policy.stdout)")
    }

    @Test(arguments: [
        (["import"], "Missing expected argument"),
        (["import", "x.jsonl", "--reward", "2"], "--reward must be between 0 and 1"),
        (["label", "db_0"], "nothing to change"),
        (["label", "db_0", "--reward", "7"], "outside 0...1"),
        (["export", "--format", "sharegpt", "--where", "rewrd<1"], "unknown field"),
        (["export"], "--format is required"),
        // A required --format is checked in run(), after ArgumentParser named any unknown option.
        (["export"], "Usage: trove export <options>"),
        (["export", "--bogus"], "Unknown option '--bogus'"),
        (["mix", "--general", "x.json", "--eta", "1.5", "--total", "3"], "--eta must be between 0 and 1"),
        (["mix", "--general", "x.json", "--total", "3"], "Usage: trove mix <options>"),
        (["export", "--format", "sharegpt", "--min-reward", "db=1"], "--min-reward applies to --policy agenttuning"),
        (["export", "--format", "sharegpt", "--split", "valid=2", "--out", "x"], "--split: the fraction 2 is not"),
    ])
    func badUsageExits64WithAMessage(arguments: [String], message: String) throws {
        let result = try troveCommand(arguments[0], Array(arguments.dropFirst()))
        #expect(result.status == 64)
        #expect(result.stderr.contains(message))
    }

    @Test func missingInputExits66() throws {
        let result = try troveCommand("import", [directory.path("absent.jsonl")])
        #expect(result.status == 66)
        #expect(result.stderr.contains("absent.jsonl: cannot open: No such file or directory"))
    }

    @Test func exportAgentInstructIsByteIdenticalAndOtherFormatsAreValidJSON() throws {
        _ = try troveCommand("import", [fixture, "--reward", "1"])
        let out = directory.path("agent.jsonl")
        let exported = try troveCommand(
            "export", ["--policy", "agenttuning", "--format", "agentinstruct", "--out", out])
        #expect(exported.status == 0)
        let input = try String(contentsOfFile: fixture, encoding: .utf8).split(separator: "\n")
        let output = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(output == [input[0], input[1], input[3]])
        let manifest = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: out + ".manifest.json"))))
        #expect(manifest.objectValue?["counts"]?.objectValue?["db"]?.objectValue?["kept"] == .number("3"))
        for format in ["sharegpt", "openai"] {
            let result = try troveCommand("export", ["--policy", "agenttuning", "--format", format])
            let lines = result.stdout.split(separator: "\n")
            #expect(lines.count == 3)
            for line in lines { #expect(throws: Never.self) { try JSONParser.parse(Array(line.utf8)) } }
        }
        let dry = try troveCommand("export", ["--dry-run"])
        #expect(dry.stdout.contains("db"))
        #expect(dry.stdout.contains("not-accepted"))
    }

    /// QA: `--system` was ignored by sharegpt while the manifest claimed it. It is written there; agentinstruct,
    /// which writes records as imported, refuses it (as mix does), so no manifest claims what was not done.
    @Test func theSystemPromptIsWrittenOrRefused() throws {
        _ = try troveCommand("import", [fixture, "--reward", "1"])
        let shareGPT = try troveCommand(
            "export", ["--policy", "agenttuning", "--format", "sharegpt", "--system", "MY SYSTEM", "--out", "-"])
        #expect(shareGPT.status == 0)
        #expect(shareGPT.stdout.contains(#"{"from": "system", "value": "MY SYSTEM"}"#), "\(shareGPT.stdout)")
        let out = directory.path("raw.jsonl")
        for (command, inputs) in [("export", []), ("mix", ["--general", fixture, "--total", "2"])] {
            let refused = try troveCommand(
                command, inputs + ["--format", "agentinstruct", "--system", "MY SYSTEM", "--out", out])
            #expect(refused.status == 64, "\(command)")
            #expect(
                refused.stderr.contains("not agentinstruct, which writes each record as imported"), "\(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out))
        }
    }
}
