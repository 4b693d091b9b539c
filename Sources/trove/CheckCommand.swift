import ArgumentParser
import TroveCore
import TroveStore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the store: SQLite integrity, foreign keys, and trove's own invariants.",
        discussion: """
            Runs PRAGMA integrity_check (every row against the tables' CHECK constraints too) and PRAGMA \
            foreign_key_check, then checks that every trajectory has all its message rows and steps, that search can reach each message from its text, that the \
            full-text index matches the texts, that each reviewer's current label is their latest label \
            event, and that each trajectory's decision is what the team policy derives from those labels. \
            Reads one snapshot; reviewers can keep working. On a read-only store the CHECK constraints \
            and the full-text check are skipped (SQLite reads a read-only schema without its CHECK \
            constraints, and runs the full-text check as a write).

            On a PostgreSQL store (--store postgresql://…) it checks, in one REPEATABLE READ snapshot, the \
            schema version and migrations, every record's SHA-256, message rows, steps, and that each \
            reviewer's current label and turn mask is their latest event; the server keeps its own pages and \
            foreign keys.

            An import run that started and has not finished, and that no later run of the same files \
            finished, is noted with its files: as in progress while its process runs (the process holds a \
            lock on the run that ends with it), else as interrupted (killed, stopped by Ctrl-C, or failed). \
            A note, not a problem, since what a run committed is whole; running the same import again \
            completes an interrupted one.

            Exit status: 0 when every check passed; 65 when any found a problem; 66 when the store could \
            not be opened.

            Examples:
              trove check
              trove check --store /data/review.sqlite && trove backup /mnt/backup/review.sqlite
            """)

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let (name, check): (String, StoreCheck)
        if storeOptions.isPostgres {
            let store = try storeOptions.openPostgres()
            (name, check) = (store.name, try store.check())
        } else {
            let store = try storeOptions.open()
            (name, check) = (store.path, try store.check())
        }
        var out =
            "store: \(name) (\(Plural.trajectories(check.trajectories)), \(Plural.counted(check.labelEvents, "label event")))\n"
        for finding in check.findings {
            if let skipped = finding.skipped {
                out += "skipped  \(finding.check) (\(skipped))\n"
            } else if finding.problems.isEmpty {
                out += "ok       \(finding.check)\n"
            } else {
                out += "FAILED   \(finding.check)\n"
                for problem in finding.problems { out += "  \(problem)\n" }
            }
        }
        for run in check.unfinishedImports.prefix(StoreCheck.problemsListed) { out += Self.note(run) + "\n" }
        if check.unfinishedImports.count > StoreCheck.problemsListed {
            out +=
                "note: … and \(check.unfinishedImports.count - StoreCheck.problemsListed) more unfinished import runs\n"
        }
        Console.output(out)
        if !check.isOK { throw ExitCode(TroveExitCode.dataError) }
    }

    /// The note on an import run that has not finished: its files (the first three), and either that it
    /// is in progress or that it was interrupted and running the same import again completes it.
    static func note(_ run: UnfinishedImport) -> String {
        var files = run.files.prefix(3).map(Console.visible).joined(separator: ", ")
        if run.files.count > 3 { files += " and \(run.files.count - 3) more files" }
        if run.files.isEmpty { files = "no files" }
        let head = "note: import run \(run.run) of \(files), started \(run.startedAt), "
        if run.isRunning { return head + "is in progress" }
        return head + "was interrupted (killed, stopped or failed); what it committed is whole, and running the "
            + "same import again completes it"
    }
}
