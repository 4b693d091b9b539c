import ArgumentParser
import TroveCore
import TroveStore

struct AgreementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agreement",
        abstract: "Measure how far reviewers agree: Krippendorff's alpha and Cohen's kappa.",
        discussion: """
            Measured over each reviewer's current label, on the trajectories two or more reviewers \
            decided (accepted or rejected): Krippendorff's alpha (nominal) over the decisions, with a 95% \
            bootstrap interval (1,000 resamples of trajectories, fixed seed, so the same labels give the same \
            interval); Cohen's kappa for every pair of reviewers over the trajectories both decided, with \
            their number; Krippendorff's alpha (interval) over reward overrides, on the trajectories two or \
            more reviewers gave one; and decision alpha per task. A value is undefined (— in the tables, null \
            in JSON) when there is nothing to measure, or when every decision (or reward) is the same: \
            agreement cannot then be told from chance.

            --json prints one object:
              {"units": N, "decision": {"alpha": a, "alpha_ci": [lo, hi], "pairs": [{"reviewers": ["r1", \
            "r2"], "kappa": k, "n": n}]}, "reward": {"alpha": a, "alpha_ci": [lo, hi], "units": n}, \
            "by_task": {"db": {"decision_alpha": a, "units": n}}}

            Examples:
              trove agreement
              trove agreement --where 'task:db' --json
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Option(
        name: .customLong("where"),
        help: SelectionArguments.whereHelp("Only trajectories matching this filter (docs/filter.md)."))
    var filter: String = ""

    @Flag(help: "Print one JSON object instead of tables.")
    var json = false

    func run() throws {
        let filter = try SelectionArguments.filter(filter)
        let store = try storeOptions.openTeam(readOnly: true)
        let report = try store.agreement(matching: filter)
        Console.output(json ? JSONWriter.string(report.json) + "\n" : report.text)
    }
}
