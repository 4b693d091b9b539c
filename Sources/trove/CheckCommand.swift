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
        if check.interruptedImports > 0 {
            out += """
                note: \(check.interruptedImports) import run(s) did not finish; what they committed is whole, \
                and importing the same files again completes them

                """
        }
        Console.output(out)
        if !check.isOK { throw ExitCode(TroveExitCode.dataError) }
    }
}
