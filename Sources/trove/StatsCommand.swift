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
            """)

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store: any DatasetStatsSource =
            storeOptions.isPostgres ? try storeOptions.openPostgres() : try storeOptions.open(readOnly: true)
        Console.output(StatsReport.render(try store.stats()))
    }
}
