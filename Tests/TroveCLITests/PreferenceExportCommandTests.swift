import Foundation
import Testing
import TroveCore
import TroveTestSupport

@Suite struct PreferenceExportCommandTests {
    private let directory = TemporaryDirectory()
    private var store: String { directory.path("store.sqlite") }

    private func trove(_ command: String, _ arguments: [String]) throws -> TroveBinary.Result {
        try TroveBinary.run([command, "--store", store] + arguments, in: directory.url.path)
    }

    @Test func exportWritesDPOPairsAndAManifestThatCountsThem() throws {
        // Given an accepted and a rejected run of one question
        _ = try trove("import", ["--task", "db", Fixtures.url("preferences/runs.jsonl").path])
        #expect(try trove("label", ["tea_good", "pie_good", "--accept"]).status == 0)
        #expect(try trove("label", ["tea_bad", "--reject"]).status == 0)
        // When they are exported as dpo
        let out = directory.path("dpo.jsonl")
        let result = try trove(
            "export", ["--format", "dpo", "--max-pairs-per-group", "2", "--seed", "5", "--out", out])
        // Then one pair is written and the manifest counts it per task and source
        #expect(result.status == 0)
        #expect(result.stderr.contains("dpo: 1 pair of runs"))
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix(#"{"prompt": [{"role": "user""#))
        let manifest = try #require(
            try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: out + ".manifest.json")))).objectValue)
        #expect(manifest["format"] == .string("dpo"))
        #expect(manifest["preferences"] == .object(["db": .object(["runs": .number("1")])]))
    }

    /// Review: masked turns went into dpo and kto unsaid. A pair or a completion they would be trained in
    /// is not written; stderr names the runs and the manifest counts them with the turn labels.
    @Test func maskedTurnsKeepExamplesOutAndTheManifestCountsThem() throws {
        _ = try trove("import", ["--task", "db", Fixtures.url("preferences/runs.jsonl").path])
        #expect(try trove("label", ["tea_good", "pie_good", "--accept"]).status == 0)
        #expect(try trove("label", ["tea_bad", "--reject"]).status == 0)
        #expect(try trove("label", ["tea_bad", "--turn", "5", "--train", "no"]).status == 0)
        let out = directory.path("dpo.jsonl")
        let dpo = try trove("export", ["--format", "dpo", "--out", out])
        #expect(dpo.status == 0, "\(dpo.stderr)")
        #expect(
            dpo.stderr.contains(
                "trove: warning: pairs with 1 trajectory not written: a continuation held a masked agent turn"),
            "\(dpo.stderr)")
        #expect(dpo.stderr.contains(": tea_bad. The manifest counts them as left_out_masked."), "\(dpo.stderr)")
        let kto = try trove("export", ["--format", "kto", "--out", out])
        #expect(kto.stderr.contains("1 trajectory left out of kto, masked up to the last agent turn"), "\(kto.stderr)")
        let manifest = try #require(
            try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: out + ".manifest.json")))).objectValue)
        #expect(manifest["left_out_masked"] == .number("1"))
        #expect(manifest["masks_written"] == .bool(true) && manifest["edits_written"] == .bool(true))
        #expect(manifest["masked_turns"] == .number("0"), "only the runs written count their turn labels")
    }

    /// QA: `--format dpo` on a store where no run was rejected wrote an empty file and `dpo: 0 pairs of runs`
    /// with nothing said of why; kto with only accepted runs the same. Each warns with what the missing
    /// kind needs.
    @Test func aPreferenceExportWithoutOneKindSaysWhatItNeeds() throws {
        _ = try trove("import", ["--task", "db", Fixtures.url("preferences/runs.jsonl").path])
        #expect(try trove("label", ["tea_good", "pie_good", "--accept"]).status == 0)
        let noRejects = try trove("export", ["--format", "dpo", "--out", directory.path("d.jsonl")])
        #expect(noRejects.status == 0)
        #expect(
            noRejects.stderr.contains(
                "trove: warning: no dpo pair of runs: the policy kept 2 trajectories and rejected none"),
            "\(noRejects.stderr)")
        #expect(noRejects.stderr.contains("--pairs edits pairs reviewers' corrected turns instead."))
        let kto = try trove("export", ["--format", "kto", "--out", directory.path("k.jsonl")])
        #expect(kto.stderr.contains("trove: warning: no undesirable kto example"), "\(kto.stderr)")
        #expect(try trove("label", ["pie_good", "--reject"]).status == 0)
        let apart = try trove("export", ["--format", "dpo", "--out", directory.path("d.jsonl")])
        #expect(
            apart.stderr.contains("no task group here gave one"),
            "\(apart.stderr)")
        #expect(try trove("label", ["tea_good", "--reject"]).status == 0)
        let onlyRejected = try trove(
            "export", ["--format", "kto", "--where", "id:tea_good or id:pie_good", "--out", directory.path("k.jsonl")])
        #expect(onlyRejected.stderr.contains("trove: warning: no desirable kto example"), "\(onlyRejected.stderr)")
        #expect(try trove("label", ["tea_good", "--accept"]).status == 0)
        #expect(try trove("label", ["tea_bad", "--reject"]).status == 0)
        let paired = try trove("export", ["--format", "dpo", "--out", directory.path("d.jsonl")])
        #expect(!paired.stderr.contains("warning"), "\(paired.stderr)")
        #expect(
            !(try trove("export", ["--format", "kto", "--out", directory.path("k.jsonl")])).stderr.contains("warning"))
    }

    @Test func preferenceFormatsRefuseSplitsAndMixDoesNotOfferThem() throws {
        _ = try trove("import", ["--task", "db", Fixtures.url("preferences/runs.jsonl").path])
        let split = try trove(
            "export", ["--format", "kto", "--split", "valid=0.5", "--out", directory.path("k.jsonl")])
        #expect(split.status == 64)
        #expect(split.stderr.contains("--split is for trajectory formats, not kto"))
        let mix = try trove(
            "mix", ["--general", Fixtures.url("general/sharegpt-small.json").path, "--total", "4", "--format", "dpo"])
        #expect(mix.status == 64)
        #expect(!FileManager.default.fileExists(atPath: directory.path("k.jsonl")))
    }
}
