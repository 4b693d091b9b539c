import Foundation
import Testing
import TroveCore
import TroveTestSupport

/// `trove import DIR`: a run directory's files, compressed ones included, with SWE-bench reports as rewards.
@Suite struct ImportDirectoryTests {
    private let directory = TemporaryDirectory()

    @Test func importingTheAgentRunsDirectoryStoresEveryRunAndTakesRewardsFromTheReports() throws {
        let runs = Fixtures.url("agent-runs").path
        let store = directory.path("store.sqlite")
        let result = try TroveBinary.run(["import", "--store", store, runs], in: directory.url.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("rejected   0"))
        #expect(result.stdout.contains("rewards    2 from 2 SWE-bench reports"))
        // tau-bench.json and its .gz and .zst copies hold the same two episodes, inspect.eval and its copies
        // the same two samples: each stored once, then skipped.
        #expect(result.stdout.contains("skipped    8"))
        let shown = try TroveBinary.run(
            ["show", "--store", store, "--json", "example__repo-1"], in: directory.url.path)
        let object = try JSONParser.parse(Array(shown.stdout.utf8)).objectValue
        // results.json sorts after report.json, so its 0 for example__repo-1 wins, and the disagreement is
        // said (QA: it was silent, and the order of the names decided).
        #expect(object?["env_reward"] == .number("0"))
        #expect(
            result.stderr.contains(
                "trove: warning: SWE-bench reports disagree on 1 id: example__repo-1 is resolved in one of \(runs)/report.json "
                    + "and \(runs)/results.json and not in the other; the report named (or walked) later is kept: "
                    + "\(runs)/results.json"), "\(result.stderr)")
        // --rewards wins over the reports, and says so where it disagrees with them.
        let fresh = directory.path("rewards.sqlite")
        let overriding = try TroveBinary.run(
            [
                "import", "--store", fresh, "\(runs)/miniswe.traj.json", "\(runs)/results.json", "--rewards",
                "\(runs)/report.json",
            ], in: directory.url.path)
        #expect(
            overriding.stderr.contains(
                "trove: warning: \(runs)/report.json gives 1 id another reward than the SWE-bench reports named "
                    + "(first: example__repo-1); --rewards wins over them"), "\(overriding.stderr)")
        let limited = try TroveBinary.run(
            ["label", "--store", store, "--where", "outcome:step-limit", "--reject"], in: directory.url.path)
        #expect(limited.status == 0, "\(limited.stderr)")
    }

    /// A directory with nothing to import says so and creates no store.
    @Test func anEmptyDirectoryImportsNothingAndCreatesNoStore() throws {
        let empty = directory.path("empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let store = directory.path("store.sqlite")
        let result = try TroveBinary.run(["import", "--store", store, empty], in: directory.url.path)
        #expect(result.status == 66)
        #expect(result.stderr.contains("no files to import in \(empty)"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: store))
    }

    /// A report imported in a run of its own gives its rewards to the stored runs whose reward is unknown.
    @Test func aReportImportedOnItsOwnFillsTheStoredRunsUnknownReward() throws {
        let store = directory.path("store.sqlite")
        let report = directory.path("run.report.json")
        try Data(#"{"example__repo-1": {"resolved": true}, "example__repo-9": {"resolved": false}}"#.utf8).write(
            to: URL(fileURLWithPath: report))
        let run = try TroveBinary.run(
            ["import", "--store", store, Fixtures.url("agent-runs/miniswe.traj.json").path], in: directory.url.path)
        #expect(run.status == 0, "\(run.stderr)")
        let result = try TroveBinary.run(["import", "--store", store, report], in: directory.url.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("rewards    2 from 1 SWE-bench report\n"))
        #expect(result.stdout.contains("applied to stored  1 "))
        #expect(result.stdout.contains("left alone         0 "))
        #expect(result.stdout.contains("unmatched          1 "))
        let shown = try TroveBinary.run(
            ["show", "--store", store, "--json", "example__repo-1"], in: directory.url.path)
        let object = try JSONParser.parse(Array(shown.stdout.utf8)).objectValue
        #expect(object?["env_reward"] == .number("1"))
        #expect(object?["env_reward_source"] == .string("sidecar"))
        let again = try TroveBinary.run(["import", "--store", store, report], in: directory.url.path)
        #expect(again.stdout.contains("applied to stored  0 "))
    }

    /// QA: a run imported with its report said applied 0, left alone 0, unmatched 0 for the report's id,
    /// which the record read in the same run took: the counts now add up to the ids given.
    @Test func aRewardTakenByARecordReadInTheSameRunIsCounted() throws {
        let store = directory.path("store.sqlite")
        let report = directory.write("run.report.json", #"{"example__repo-1": {"resolved": true}}"#)
        let result = try TroveBinary.run(
            ["import", "--store", store, Fixtures.url("agent-runs/miniswe.traj.json").path, report],
            in: directory.url.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("rewards    1 from 1 SWE-bench report\n"), "\(result.stdout)")
        #expect(result.stdout.contains("held already       1 (stored with that reward: records read in this run"))
        #expect(result.stdout.contains("applied to stored  0 "))
        #expect(!result.stdout.contains("conflicted"))
    }

    /// A report imported with a run that conflicts with the stored run of its id (another model's run of
    /// the instance) scores the run read, not the stored one: that one's reward stays unknown.
    @Test func aReportDoesNotScoreTheStoredRunOfAConflictingRecord() throws {
        let store = directory.path("store.sqlite")
        let stored = try TroveBinary.run(
            ["import", "--store", store, Fixtures.url("agent-runs/miniswe.traj.json").path], in: directory.url.path)
        #expect(stored.status == 0, "\(stored.stderr)")
        let original = try String(contentsOf: Fixtures.url("agent-runs/miniswe.traj.json"), encoding: .utf8)
        let other = directory.write(
            "other.traj.json", original.replacingOccurrences(of: "I'll look at the file.", with: "Let me look."))
        let report = directory.write("other.report.json", #"{"example__repo-1": {"resolved": true}}"#)
        let result = try TroveBinary.run(["import", "--store", store, other, report], in: directory.url.path)
        #expect(result.stdout.contains("conflicts  1"), "\(result.stdout)")
        #expect(result.stdout.contains("applied to stored  0 "))
        #expect(result.stdout.contains("conflicted         1 "), "\(result.stdout)")
        // Its id is its record's own, not its file's name: no hint at --id-prefix.
        #expect(!result.stderr.contains("--id-prefix"), "\(result.stderr)")
        let shown = try TroveBinary.run(
            ["show", "--store", store, "--json", "example__repo-1"], in: directory.url.path)
        #expect(try JSONParser.parse(Array(shown.stdout.utf8)).objectValue?["env_reward"] == .null)
    }

    /// Writes the SWE-agent fixture run, with `change` applied, to `name` in a directory made for it.
    private func writeRun(_ name: String, change: (String) -> String = { $0 }) throws -> String {
        let path = directory.path(name)
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let original = try String(contentsOf: Fixtures.url("agent-runs/sweagent.traj"), encoding: .utf8)
        return directory.write(name, change(original))
    }

    /// Two runs of one instance in two run directories: a SWE-agent run's id is its file's name, so
    /// the second conflicts (with a hint) unless each run is imported under its own `--id-prefix`; then
    /// both are stored, and the same import again skips its run.
    @Test func twoRunsOfOneInstanceAreStoredApartUnderTheirIDPrefixes() throws {
        _ = try writeRun("runs/gpt4/p/pydicom__pydicom-1458.traj")
        let claude = try writeRun("runs/claude/p/pydicom__pydicom-1458.traj") {
            $0.replacingOccurrences(of: "Let me find it.", with: "Let me look.")
        }
        let plain = directory.path("plain.sqlite")
        let conflicting = try TroveBinary.run(
            ["import", "--store", plain, directory.path("runs/gpt4"), directory.path("runs/claude")],
            in: directory.url.path)
        #expect(conflicting.status == 65)
        #expect(
            conflicting.stderr.contains(
                "\(claude):1: id pydicom__pydicom-1458 is already stored with different content (left alone; "
                    + "--replace to replace it; another run of the same instance? import each run with --id-prefix "
                    + "NAME/)"), "\(conflicting.stderr)")
        let store = directory.path("store.sqlite")
        for (prefix, run) in [("gpt4/", "runs/gpt4"), ("claude/", "runs/claude")] {
            let result = try TroveBinary.run(
                ["import", "--store", store, "--id-prefix", prefix, directory.path(run)], in: directory.url.path)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("added      1"), "\(result.stdout)")
        }
        for id in ["gpt4/pydicom__pydicom-1458", "claude/pydicom__pydicom-1458"] {
            let shown = try TroveBinary.run(["show", "--store", store, "--json", id], in: directory.url.path)
            #expect(shown.status == 0, "\(shown.stderr)")
            #expect(try JSONParser.parse(Array(shown.stdout.utf8)).objectValue?["id"] == .string(id))
        }
        let again = try TroveBinary.run(
            ["import", "--store", store, "--id-prefix", "claude/", claude], in: directory.url.path)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("skipped    1 (already stored, identical)"), "\(again.stdout)")
    }

    /// Under `--id-prefix` the rewards of a sidecar and of a report, keyed by instance ids, still apply:
    /// to the records read and to the stored runs under the prefix; the task from an id's prefix comes
    /// from the record's own id.
    @Test func rewardsAndTheTaskUseTheRecordsOwnIDUnderAnIDPrefix() throws {
        let run = try writeRun("runs/claude/pydicom__pydicom-1458.traj")
        let rewards = directory.write("rewards.csv", "pydicom__pydicom-1458,1\n")
        let store = directory.path("store.sqlite")
        let result = try TroveBinary.run(
            ["import", "--store", store, "--id-prefix", "claude/", "--rewards", rewards, run], in: directory.url.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("held already       1 "), "\(result.stdout)")
        let shown = try TroveBinary.run(
            ["show", "--store", store, "--json", "claude/pydicom__pydicom-1458"], in: directory.url.path)
        let object = try JSONParser.parse(Array(shown.stdout.utf8)).objectValue
        #expect(object?["env_reward"] == .number("1"))
        #expect(object?["env_reward_source"] == .string("sidecar"))
        // A report imported later, under the same prefix, fills a stored run's unknown reward.
        let unscored = try writeRun("runs/gpt4/pydicom__pydicom-1458.traj")
        #expect(
            try TroveBinary.run(["import", "--store", store, "--id-prefix", "gpt4/", unscored], in: directory.url.path)
                .status == 0)
        let report = directory.write("gpt4.report.json", #"{"pydicom__pydicom-1458": {"resolved": false}}"#)
        let filled = try TroveBinary.run(
            ["import", "--store", store, "--id-prefix", "gpt4/", report], in: directory.url.path)
        #expect(filled.stdout.contains("applied to stored  1 "), "\(filled.stdout)")
        let gpt4 = try TroveBinary.run(
            ["show", "--store", store, "--json", "gpt4/pydicom__pydicom-1458"], in: directory.url.path)
        #expect(try JSONParser.parse(Array(gpt4.stdout.utf8)).objectValue?["env_reward"] == .number("0"))
        let chat = directory.write(
            "os.jsonl",
            #"{"id": "os_12", "conversations": [{"from": "human", "value": "ls"}, {"from": "gpt", "value": "ok"}]}"#)
        #expect(
            try TroveBinary.run(["import", "--store", store, "--id-prefix", "a/", chat], in: directory.url.path).status
                == 0)
        let os = try TroveBinary.run(["show", "--store", store, "--json", "a/os_12"], in: directory.url.path)
        #expect(try JSONParser.parse(Array(os.stdout.utf8)).objectValue?["task"] == .string("os"), "\(os.stderr)")
    }

    /// An empty `--id-prefix`, or one with a control character, is refused (64) before anything is read.
    @Test func anEmptyOrControlCharacterIDPrefixIsRefused() throws {
        let store = directory.path("store.sqlite")
        for prefix in ["", "a\u{1B}[31m/"] {
            let result = try TroveBinary.run(
                ["import", "--store", store, "--id-prefix", prefix, Fixtures.url("agent-runs/sweagent.traj").path],
                in: directory.url.path)
            #expect(result.status == 64, "\(result.stderr)")
            #expect(result.stderr.contains("--id-prefix must be non-empty text"), "\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: store))
    }

    /// The QA case: the real mini-swe-agent run, then its report in a run of its own.
    @Test(.enabled(if: Fixtures.sharedData != nil, "../shared/data is absent"))
    func theRealReportImportedAfterItsRunResolvesIt() throws {
        let data = try #require(Fixtures.sharedData).appendingPathComponent("miniswe_traj")
        let store = directory.path("r2.sqlite")
        for name in ["django__django-14752.traj.json", "django__django-14752.report.json"] {
            let result = try TroveBinary.run(
                ["import", "--store", store, data.appendingPathComponent(name).path], in: directory.url.path)
            #expect(result.status == 0, "\(result.stderr)")
        }
        let shown = try TroveBinary.run(
            ["show", "--store", store, "--json", "django__django-14752"], in: directory.url.path)
        #expect(try JSONParser.parse(Array(shown.stdout.utf8)).objectValue?["env_reward"] == .number("1"))
    }

    @Test func aWalkDoesNotReadBackTheStoresRejectsOrExportManifests() throws {
        let runs = directory.path("runs")
        try FileManager.default.createDirectory(atPath: runs, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: Fixtures.url("agent-runs/tau-bench.json").path, toPath: directory.path("runs/tau.json"))
        try Data("{\"file\": \"x\", \"line\": 1}\n".utf8).write(
            to: URL(fileURLWithPath: directory.path("runs/store.sqlite.rejects.jsonl")))
        try Data("{}".utf8).write(to: URL(fileURLWithPath: directory.path("runs/out.jsonl.manifest.json")))
        let result = try TroveBinary.run(
            ["import", "--store", directory.path("runs/store.sqlite"), runs], in: directory.url.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("from 1 file"))
    }
}
