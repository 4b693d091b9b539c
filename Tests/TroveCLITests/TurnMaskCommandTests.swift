import Foundation
import Testing
import TroveCore
import TroveTestSupport

/// Issue 16 items 1 and 2 from scripts: `trove label ID --turn N --train`, `show --json`'s message
/// index and mask, the `masked` filter, and the export and its manifest.
@Suite struct TurnMaskCommandTests {
    private let directory = TemporaryDirectory()
    private var store: String { directory.path("store.sqlite") }

    private func trove(_ command: String, _ arguments: [String]) throws -> TroveBinary.Result {
        try TroveBinary.run([command, "--store", store] + arguments, in: directory.url.path)
    }

    @Test func labelTurnMasksATurnThatShowExportAndTheManifestReport() throws {
        // The fixture's third line is cut short: the import rejects it (exit 65) and stores the others.
        #expect(try trove("import", [Fixtures.url("import/db-small.jsonl").path]).status == 65)
        // `show --json` names each step's agent message: the turn to mask.
        let before = try #require(
            try JSONParser.parse(Array(try trove("show", ["db_0", "--json"]).stdout.utf8)).objectValue)
        let steps = try #require(before["steps"]?.arrayValue)
        #expect(steps.map { $0.objectValue?["message"] } == [.integer(3), .integer(5)])
        #expect(steps.map { $0.objectValue?["masked"] } == [.bool(false), .bool(false)])

        let masked = try trove("label", ["db_0", "--turn", "3", "--train", "no", "--reviewer", "ana"])
        #expect(masked.status == 0, "\(masked.stderr)")
        #expect(masked.stdout == "labeled 1 trajectory: mask turn 3 (by ana)\n")
        #expect(
            try trove("label", ["db_0", "--turn", "3", "--train", "no", "--reviewer", "ana"]).stdout
                == "no change: turn 3 of db_0 already has that mask; nothing was written\n")
        let after = try #require(
            try JSONParser.parse(Array(try trove("show", ["db_0", "--json"]).stdout.utf8)).objectValue)
        #expect(after["steps"]?.arrayValue?.first?.objectValue?["masked"] == .bool(true))
        #expect(try trove("show", ["db_0"]).stdout.contains("── step 1 (masked: not trained)\n"))

        // Not an agent turn: exit 65, nothing changed.
        let refused = try trove("label", ["db_0", "--turn", "2", "--train", "no", "--reviewer", "ana"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("db_0 has no agent turn 2"))
        #expect(try trove("label", ["db_0", "--turn", "3", "--reviewer", "ana"]).status == 64)
        #expect(try trove("label", ["db_0", "db_1", "--turn", "3", "--train", "no"]).status == 64)

        _ = try trove("label", ["db_0", "--accept", "--reviewer", "ana"])
        let out = directory.path("out.jsonl")
        let exported = try trove("export", ["--format", "sharegpt", "--where", "masked", "--out", out])
        #expect(exported.status == 0, "\(exported.stderr)")
        let line = try #require(try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").first)
        let turns = try #require(try JSONParser.parse(Array(line.utf8)).objectValue?["conversations"]?.arrayValue)
        #expect(turns[3].objectValue?["loss"] == .bool(false))
        let manifest = try #require(
            try JSONParser.parse(Array(try String(contentsOfFile: out + ".manifest.json", encoding: .utf8).utf8))
                .objectValue)
        #expect(manifest["masked_turns"] == .integer(1))
        #expect(manifest["masks_written"] == .bool(true))

        // Undo takes the mask back.
        #expect(try trove("label", ["--undo", "--reviewer", "ana"]).stdout == "undone: accept of db_0\n")
        #expect(try trove("label", ["--undo", "--reviewer", "ana"]).stdout == "undone: mask turn 3 on db_0\n")
        #expect(try trove("show", ["db_0"]).stdout.contains("(masked") == false)
        #expect(try trove("check", []).status == 0)
    }
}
