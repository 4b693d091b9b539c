import ArgumentParser
import TroveCore
import TroveStore

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Summarize the store per task: trajectories, steps, review progress, rewards and flags.",
        discussion: """
            The reward histogram counts the effective reward: the reviewer's override when there is one, else \
            the environment's. "unknown" counts trajectories with no reward at all.

            With --where, every count is of the trajectories the filter selects (docs/filter.md), and tasks \
            with none are left out: how the flagged runs of each task were judged, what rewards the accepted \
            ones have.

            Examples:
              trove stats
              trove stats --where 'flag:no-answer'
              trove stats --where 'status:accepted task:webshop'
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Option(
        name: .customLong("where"),
        help: SelectionArguments.whereHelp("Count only the trajectories matching this filter (docs/filter.md)."))
    var filter: String?

    func validate() throws {
        _ = try SelectionArguments.filter(filter)
    }

    func run() throws {
        let selected = try SelectionArguments.filter(filter)
        let store: any DatasetStatsSource =
            storeOptions.isPostgres ? try storeOptions.openPostgres() : try storeOptions.open(readOnly: true)
        let stats = try store.stats(matching: selected)
        if let option = ExportSummary.whereOption(selected), stats.tasks.isEmpty {
            Console.error(
                "trove: no trajectory of \(Console.visible(storeOptions.displayName)) matches \(option)."
                    + (ExportSummary.filterValuesHint(selected, lister: "trove stats without --where").map { " " + $0 }
                        ?? ""))
            return
        }
        Console.output(StatsReport.render(stats))
    }
}
