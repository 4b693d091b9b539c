import Foundation
import Testing
import TroveCore
import TroveTestSupport

/// `trove agreement` (issue 13 item 6) on a store that three reviewers labelled through `trove label`.
@Suite struct AgreementCommandTests {
    private let directory = TemporaryDirectory()
    private var store: String { directory.path("store.sqlite") }

    private func trove(_ arguments: [String]) throws -> TroveBinary.Result {
        try TroveBinary.run([arguments[0], "--store", store] + arguments.dropFirst(), in: directory.url.path)
    }

    /// db_0: r1 accepts (reward 1), r2 rejects (reward 0); db_1: r1 and r3 accept; db_3: r1 alone.
    private func labelledStore() throws {
        _ = try trove(["import", Fixtures.url("import/db-small.jsonl").path])
        for (reviewer, arguments) in [
            ("r1", ["db_0", "db_1", "db_3", "--accept"]), ("r1", ["db_0", "--reward", "1"]),
            ("r2", ["db_0", "--reject", "--reward", "0"]), ("r3", ["db_1", "--accept"]),
        ] {
            let result = try trove(["label"] + arguments + ["--reviewer", reviewer])
            try #require(result.status == 0, "\(result.stderr)")
        }
    }

    @Test func printsTheIssuesJSONShape() throws {
        try labelledStore()
        let result = try trove(["agreement", "--json"])
        #expect(result.status == 0)
        let object = try #require(try JSONParser.parse(Array(result.stdout.utf8)).objectValue)
        #expect(object.members.map(\.key) == ["units", "decision", "reward", "by_task"])
        #expect(object["units"] == .number("2"))
        // One agreement and one disagreement on two trajectories, every reviewer accepting at least once.
        let decision = try #require(object["decision"]?.objectValue)
        #expect(decision["pairs"]?.arrayValue?.count == 2)
        let pair = try #require(decision["pairs"]?.arrayValue?.first?.objectValue)
        #expect(pair["reviewers"] == .array(["r1", "r2"]))
        #expect(pair["n"] == .number("1"))
        #expect(pair["kappa"] == .number("0"))
        // Rewards 1 and 0 on the one trajectory with two overrides: alpha 0, and every resample the same.
        #expect(
            object["reward"]
                == .object([
                    "alpha": .number("0"), "alpha_ci": .array([.number("0"), .number("0")]), "units": .number("1"),
                ]))
        #expect(object["by_task"]?.objectValue?.members.map(\.key) == ["db"])
        #expect(result.stdout.hasSuffix("}\n"))
    }

    @Test func printsTablesAndFiltersWithWhere() throws {
        try labelledStore()
        let text = try trove(["agreement"])
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix("Agreement over 2 trajectories decided by two or more reviewers\n"))
        #expect(text.stdout.contains("\nr1        r3        —       1\n"))
        let filtered = try trove(["agreement", "--where", "reviewer:r3", "--json"])
        #expect(filtered.stdout.hasPrefix(#"{"units": 1, "decision": {"alpha": null"#))
        let none = try trove(["agreement", "--where", "task:os"])
        #expect(none.stdout.hasPrefix("Agreement over 0 trajectories"))
    }

    @Test func aBadFilterExits64AndAMissingStore66() throws {
        try labelledStore()
        let bad = try trove(["agreement", "--where", "reward<<1"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("bad --where filter"))
        let missing = try TroveBinary.run(["agreement", "--store", directory.path("none.sqlite")])
        #expect(missing.status == 66)
        #expect(!FileManager.default.fileExists(atPath: directory.path("none.sqlite")))
    }

    /// Issue 13 item 7: the manifest records the agreement on what was exported. db_0 (r1 accepts, r2
    /// rejects) is disputed and stays out; db_1 (r1 and r3 accept) is the one unit exported.
    @Test func theExportManifestRecordsTheAgreementOfWhatItExported() throws {
        try labelledStore()
        let out = directory.path("out.jsonl")
        let export = try trove(["export", "--format", "sharegpt", "--out", out])
        #expect(export.status == 0, "\(export.stderr)")
        let manifest = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: out + ".manifest.json"))))
        let agreement = try #require(manifest.objectValue?["agreement"])
        #expect(
            JSONWriter.string(agreement)
                == #"{"units": 1, "decision": {"alpha": null, "alpha_ci": null, "pairs": [{"reviewers": ["r1", "r3"], "#
                + #""kappa": null, "n": 1}]}, "reward": {"alpha": null, "alpha_ci": null, "units": 0}, "#
                + #""by_task": {"db": {"decision_alpha": null, "units": 1}}}"#)
    }
}
