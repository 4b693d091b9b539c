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
        // tau-bench.json and its .gz and .zst copies hold the same two episodes: stored once, then skipped.
        #expect(result.stdout.contains("skipped    4"))
        let shown = try TroveBinary.run(
            ["show", "--store", store, "--json", "example__repo-1"], in: directory.url.path)
        let object = try JSONParser.parse(Array(shown.stdout.utf8)).objectValue
        // results.json sorts after report.json, so its 0 for example__repo-1 wins.
        #expect(object?["env_reward"] == .number("0"))
        let limited = try TroveBinary.run(
            ["label", "--store", store, "--where", "outcome:step-limit", "--reject"], in: directory.url.path)
        #expect(limited.status == 0, "\(limited.stderr)")
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
