import Foundation
import Testing
import TroveCore
import TroveTestSupport

/// Failures say what happened with the sysexits status, and data never reaches
/// the terminal raw or splits a `FILE:LINE:` message.
@Suite struct FailureReportTests {
    private let directory = TemporaryDirectory()
    private var store: String { directory.path("store.sqlite") }

    private func trove(_ arguments: [String]) throws -> TroveBinary.Result {
        try TroveBinary.run(
            [arguments[0], "--store", store] + arguments.dropFirst(), in: directory.url.path)
    }

    /// Runs trove under `ulimit -f blocks` (512-byte blocks), as a full disk would stop it.
    private func troveLimited(_ blocks: Int, _ arguments: [String]) throws -> (
        status: Int32, stdout: String, stderr: String
    ) {
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "ulimit -f \(blocks); exec \"$@\"", "sh", TroveBinary.url.path] + arguments
        shell.currentDirectoryURL = directory.url
        let output = Pipe()
        let errors = Pipe()
        shell.standardOutput = output
        shell.standardError = errors
        try shell.run()
        let stdout = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        return (shell.terminationStatus, stdout, stderr)
    }

    /// QA: on a full disk, `label`, `edit`, `team` and `stats` said "cannot open store" with exit 66 (as for
    /// a missing store) when opening the store failed to write (SQLite's `-shm`, a commit), and `backup`
    /// said "not an error". Both exit 74 and say what failed.
    @Test func aFullDiskWhileOpeningTheStoreOrBackingUpExits74SayingSo() throws {
        #expect(try trove(["import", Fixtures.url("import/db-small.jsonl").path]).status == 65)
        for command in [["label", "--reviewer", "q", "db_0", "--reject"], ["stats"]] {
            let limited = try troveLimited(1, [command[0], "--store", store] + command.dropFirst())
            #expect(limited.status == 74, "\(command[0]): \(limited.stderr)")
            #expect(limited.stderr.contains("trove: cannot open store \(store): "), "\(limited.stderr)")
            #expect(limited.stderr.contains("(disk full or I/O error)"), "\(limited.stderr)")
        }
        let backup = try troveLimited(200, ["backup", "--store", store, directory.path("copy.sqlite")])
        #expect(backup.status == 74, "\(backup.stderr)")
        #expect(backup.stderr.contains("disk I/O error") && !backup.stderr.contains("not an error"), "\(backup.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.path("copy.sqlite")))
    }

    @Test func anImportStoppedByAFullDiskSaysWhatIsStoredAndARerunResumes() throws {
        let records = directory.path("records.jsonl")
        #expect(try TroveBinary.run(["synth", "--count", "3000", "--seed", "4", "--out", records]).status == 0)
        let limited = try troveLimited(
            6000, ["import", "--store", store, "--batch-size", "25", "--reward", "1", records])
        #expect(limited.status == 74, "\(limited.stderr)")
        #expect(limited.stderr.contains("could not be written"))
        #expect(limited.stderr.contains("run the same import again to resume"))
        let stored = try #require(
            limited.stderr.firstMatch(of: #/\n(\d+) records of this run are stored/#).map { Int($0.1)! })
        #expect(stored > 0 && stored < 3000)
        let rerun = try trove(["import", "--reward", "1", records])
        #expect(rerun.status == 0)
        #expect(rerun.stdout.contains("skipped    \(stored) "))
        #expect(rerun.stdout.contains("(3000 trajectories)"))
        let runs = Python.run(
            "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT added FROM import_run ORDER BY id').fetchall())",
            [store])
        guard let runs, runs.status == 0 else { return }  // no python3: the counts are checked above
        let counts = runs.stdout
        #expect(counts.contains("[(\(stored),), (\(3000 - stored),)]"), "\(counts)")
    }

    @Test func messagesShowControlsFromDataAsEscapes() throws {
        let hostileID = "db_\u{1B}]0;pwned\u{07}\nx"
        let record = JSONWriter.string(
            .object([
                "id": .string(hostileID),
                "conversations": .array([
                    .object(["from": "human", "value": "task"]), .object(["from": "gpt", "value": "done"]),
                ]),
            ]))
        let file = directory.write("hostile.jsonl", record + "\n")
        #expect(try trove(["import", file]).status == 0)
        let shown = try trove(["show", hostileID])
        #expect(shown.status == 0)
        #expect(!shown.stdout.contains("\u{1B}") && !shown.stdout.contains("\u{07}"))
        // The id is one line of the header, escaped as in messages (its line feed too).
        #expect(
            shown.stdout.split(separator: "\n").first
                == #"db_\e]0;pwned\u{7}\nx  task db  dialect db  group ec60cb35a681"#)
        let missing = try trove(["show", "nope\u{1B}[2J\nx"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "trove: no trajectory with id nope\\e[2J\\nx in \(store)\n", "\(missing.stderr)")
        // A conflicting record with the same id: one FILE:LINE message on one line, escaped.
        let changed = directory.write("changed.jsonl", record.replacingOccurrences(of: "done", with: "redone") + "\n")
        let conflict = try trove(["import", changed])
        #expect(conflict.status == 65)
        let lines = conflict.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(lines)")
        #expect(
            lines.first?.hasPrefix("\(changed):1: id db_\\e]0;pwned\\u{7}\\nx is already stored") == true,
            "\(conflict.stderr)")
        let rewards = directory.write("rewards.csv", "db_1,\u{1B}]52;c;Zm9v\u{07}\n")
        let refused = try trove(["import", file, "--rewards", rewards])
        #expect(refused.status == 65)
        #expect(!refused.stderr.contains("\u{1B}"))
        #expect(refused.stderr.contains("rewards.csv:1: reward '\\u001b]52;c;Zm9v\\u0007'"))
        let labeled = try trove(["label", hostileID, "--accept", "--reviewer", "r\u{1B}]52;c;Zm9v\u{07}"])
        #expect(labeled.status == 0)
        #expect(!labeled.stdout.contains("\u{1B}") && !labeled.stderr.contains("\u{1B}"))
    }
}
