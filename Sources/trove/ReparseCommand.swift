import ArgumentParser
import Foundation
import TroveCore
import TroveStore

struct ReparseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reparse",
        abstract: "Parse the stored trajectories' steps and flags again with this trove.",
        discussion: """
            A store keeps the steps and quality flags trove's step parser gave each trajectory when it was \
            imported. A newer trove may parse some runs differently (a flag that fired where it should \
            not, a step it split wrongly); this command parses every trajectory again, from its texts as \
            stored and as the team decided their corrections, in the dialect it was imported in, and \
            writes the steps, step counts and flags that changed. Messages, texts, labels and the review \
            history are not touched, and reviewers can keep working meanwhile: each page of 500 \
            trajectories is one transaction, so an interrupted run leaves whole pages and running it \
            again completes it.

            It prints how many trajectories changed and, per flag, how many gained (+) and lost (-) it. \
            With --dry-run it only counts. What the codecs read from a record (its messages, roles and \
            texts) is not parsed again: import the files into a new store for that.

            Exit status: 0 when it ran; 66 when the store could not be opened or is read-only.

            Examples:
              trove reparse --dry-run
              trove reparse --store postgresql://trove@db/curation
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "Count what would change; write nothing.")
    var dryRun = false

    func run() throws {
        let progress = StatusLine(enabled: Console.stderrIsTerminal)
        let summary: ReparseSummary
        if storeOptions.isPostgres {
            summary = try storeOptions.openPostgres().reparseAll(
                dryRun: dryRun, onProgress: { done, total in progress.draw { Self.progressText(done, total) } })
        } else {
            let store = dryRun ? try storeOptions.open(readOnly: true) : try storeOptions.openForWriting()
            summary = try store.reparseAll(
                dryRun: dryRun, onProgress: { done, total in progress.draw { Self.progressText(done, total) } })
        }
        progress.clear()
        Console.output(summary.lines(dryRun: dryRun).joined(separator: "\n") + "\n")
    }

    /// `parsing again: 120 of 1,000 trajectories, 12%`.
    private static func progressText(_ done: Int, _ total: Int) -> String {
        "parsing again: \(done) of \(Plural.trajectories(total)), \(total > 0 ? done * 100 / total : 100)%"
    }
}
