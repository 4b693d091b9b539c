import ArgumentParser
import TroveStore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the store: SQLite integrity, foreign keys, and trove's own invariants.",
        discussion: """
            Runs PRAGMA integrity_check and PRAGMA foreign_key_check, then checks that every trajectory has \
            all its message rows and steps, that search can reach each message from its text, that the \
            full-text index matches the texts, that each reviewer's current label is their latest label \
            event, and that each trajectory's decision is what the team policy derives from those labels. \
            Reads one snapshot; reviewers can keep working. On a read-only store the \
            full-text check is skipped (SQLite runs it as a write).

            Exit status: 0 when every check passed; 65 when any found a problem; 66 when the store could \
            not be opened.

            Examples:
              trove check
              trove check --store /data/review.sqlite && trove backup /mnt/backup/review.sqlite
            """)

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.open()
        let check = try store.check()
        var out = "store: \(store.path) (\(check.trajectories) trajectories, \(check.labelEvents) label events)\n"
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
