import Foundation
import Testing
import TroveCore
import TroveTestSupport

/// Issue 16 items 3 and 6(b) from scripts: `trove edit ID --turn N --text-file F` and `--revert`,
/// `show` marking the corrected turn, and `export --format dpo --pairs edits`.
@Suite struct EditCommandTests {
    private let directory = TemporaryDirectory()
    private var store: String { directory.path("store.sqlite") }

    private func trove(_ command: String, _ arguments: [String]) throws -> TroveBinary.Result {
        try TroveBinary.run([command, "--store", store] + arguments, in: directory.url.path)
    }

    @Test func editCorrectsATurnThatShowAndTheDPOExportReport() throws {
        // The fixture's third line is cut short: the import rejects it (exit 65) and stores the others.
        #expect(try trove("import", [Fixtures.url("import/db-small.jsonl").path]).status == 65)
        // An editor adds a line break at the end: it is not part of the correction.
        let file = directory.write("fixed.txt", "I cannot tell.\n")
        let edited = try trove("edit", ["db_0", "--turn", "5", "--text-file", file, "--reviewer", "ana"])
        #expect(edited.status == 0, "\(edited.stderr)")
        #expect(edited.stdout == "labeled 1 trajectory: edit turn 5 (by ana)\n")
        #expect(
            try trove("edit", ["db_0", "--turn", "5", "--text-file", file, "--reviewer", "ana"]).stdout
                == "no change: turn 5 of db_0 already has that text; nothing was written\n")
        let shown = try trove("show", ["db_0"]).stdout
        // Parsed again: the corrected turn follows no db grammar now.
        #expect(shown.contains("── step 2 (unparsed) (corrected by a reviewer)\nThought:\n  I cannot tell.\n"))
        let json = try #require(
            try JSONParser.parse(Array(try trove("show", ["db_0", "--json"]).stdout.utf8)).objectValue)
        #expect(json["steps"]?.arrayValue?.last?.objectValue?["corrected"] == .bool(true))
        #expect(json["flags"]?.arrayValue?.contains(.string("no-answer")) == true)

        let out = directory.path("pairs.jsonl")
        let exported = try trove("export", ["--format", "dpo", "--pairs", "edits", "--out", out])
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stderr.contains("dpo: 0 pairs of runs, 1 of corrected turns"))
        let pair = try #require(
            try JSONParser.parse(Array(try String(contentsOfFile: out, encoding: .utf8).utf8)).objectValue)
        #expect(pair["chosen"]?.arrayValue?.first?.objectValue?["content"] == .string("I cannot tell."))
        #expect(try trove("export", ["--format", "sharegpt", "--pairs", "edits", "--out", out]).status == 64)

        // Errors change nothing: a turn that is not the agent's (65), an unreadable file (66), both options (64).
        let refused = try trove("edit", ["db_0", "--turn", "4", "--text-file", file, "--reviewer", "ana"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("db_0 has no agent turn 4"))
        let unknown = try trove("edit", ["nope", "--turn", "1", "--text-file", file, "--reviewer", "ana"])
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("no trajectory with id nope"), "\(unknown.stderr)")
        #expect(try trove("edit", ["db_0", "--turn", "5", "--text-file", directory.path("none.txt")]).status == 66)
        #expect(try trove("edit", ["db_0", "--turn", "5", "--text-file", file, "--revert"]).status == 64)
        // Review: a NUL ended the stored text there (`KEEP\0TAIL` kept `KEEP`, exit 0): refused whole.
        let nul = directory.write("nul.txt", "KEEP-ME\u{0}LOST-TAIL")
        let cut = try trove("edit", ["db_0", "--turn", "5", "--text-file", nul, "--reviewer", "ana"])
        #expect(cut.status == 65)
        #expect(cut.stderr.contains("nul.txt: line 1 holds a NUL character (U+0000)"), "\(cut.stderr)")
        #expect(try trove("show", ["db_0"]).stdout.contains("I cannot tell."))
        // An empty file (a redirect that failed) would blank the turn: refused unless asked for.
        let empty = directory.write("empty.txt", " \n")
        let blank = try trove("edit", ["db_0", "--turn", "5", "--text-file", empty, "--reviewer", "ana"])
        #expect(blank.status == 65)
        #expect(blank.stderr.contains("holds no text: saving it would blank turn 5 of db_0; nothing was changed"))
        #expect(try trove("edit", ["db_0", "--turn", "5", "--allow-empty", "--reviewer", "ana"]).status == 64)
        let blanked = try trove(
            "edit", ["db_0", "--turn", "5", "--text-file", empty, "--allow-empty", "--reviewer", "ana"])
        #expect(blanked.stdout == "labeled 1 trajectory: edit turn 5 (by ana)\n", "\(blanked.stderr)")
        _ = try trove("label", ["db_0", "--accept", "--reviewer", "ana"])
        let warned = try trove("export", ["--format", "openai", "--where", "id:db_0", "--out", out])
        #expect(warned.stderr.contains("1 agent turn written trained with no text"), "\(warned.stderr)")
        let noPair = try trove("export", ["--format", "dpo", "--pairs", "edits", "--out", out])
        #expect(noPair.stderr.contains("dpo: 0 pairs of runs, 0 of corrected turns"), "\(noPair.stderr)")

        let reverted = try trove("edit", ["db_0", "--turn", "5", "--revert", "--reviewer", "ana"])
        #expect(reverted.stdout == "labeled 1 trajectory: revert turn 5 (by ana)\n")
        #expect(!(try trove("show", ["db_0"]).stdout.contains("corrected")))
        #expect(try trove("label", ["--undo", "--reviewer", "ana"]).stdout == "undone: revert turn 5 on db_0\n")
        #expect(try trove("show", ["db_0"]).stdout.contains("(corrected by a reviewer)"))
        #expect(try trove("check", []).status == 0)
    }

    /// QA: `--text-file <(…)`, `/dev/stdin` and `-` failed with "cannot read X" (66); a file with CRLF line
    /// endings kept its final "\r\n". A pipe is read like a file, and one final line break goes, `\r\n` too;
    /// carriage returns inside stay as written.
    @Test func theCorrectionIsReadFromAPipeLessOneFinalLineBreak() throws {
        #expect(try trove("import", [Fixtures.url("import/db-small.jsonl").path]).status == 65)
        let scripts = [
            (#"printf 'one\r\ntwo\r\n' | "$0" edit "$@" --text-file -"#, "one\r\ntwo"),
            (#"printf 'three\r\n' | "$0" edit "$@" --text-file /dev/stdin"#, "three"),
            (#""$0" edit "$@" --text-file <(printf 'four\n\n')"#, "four\n"),
        ]
        for (script, text) in scripts {
            let result = try TroveBinary.run(
                ["db_0", "--turn", "5", "--store", store, "--reviewer", "ana"], in: directory.url.path,
                launcher: ["/bin/bash", "-c", script])
            #expect(result.status == 0, "\(script): \(result.stderr)")
            // The edits pair's chosen turn is the correction as stored.
            let out = directory.path("pairs.jsonl")
            #expect(try trove("export", ["--format", "dpo", "--pairs", "edits", "--out", out]).status == 0)
            let pair = try JSONParser.parse(Array(try String(contentsOfFile: out, encoding: .utf8).utf8)).objectValue
            #expect(pair?["chosen"]?.arrayValue?.first?.objectValue?["content"] == .string(text), "\(script)")
        }
        let missing = try trove("edit", ["db_0", "--turn", "5", "--text-file", directory.path("none.txt")])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("none.txt: cannot open: No such file or directory"), "\(missing.stderr)")
    }

    /// QA: editing AgentInstruct's "Ok." handshake (message 1) made it a step: the step count went 2 → 3
    /// and step 0 took message 1 with the task as its observation. Only a step's turn is corrected.
    @Test func aContextTurnIsNotCorrected() throws {
        #expect(try trove("import", [Fixtures.url("import/db-small.jsonl").path]).status == 65)
        let before = try trove("show", ["db_0", "--json"]).stdout
        let file = directory.write("fixed.txt", "Sure.\n")
        let refused = try trove("edit", ["db_0", "--turn", "1", "--text-file", file, "--reviewer", "ana"])
        #expect(refused.status == 65)
        #expect(
            refused.stderr.contains(
                "message 1 of trajectory db_0 is the handshake, not a step's agent turn: only the run's steps can be "
                    + "corrected (`trove show db_0 --json` prints each step's message index); nothing was changed"),
            "\(refused.stderr)")
        #expect(try trove("show", ["db_0", "--json"]).stdout == before)
        // Taking a correction back is never refused.
        #expect(try trove("edit", ["db_0", "--turn", "1", "--revert", "--reviewer", "ana"]).status == 0)
    }
}
