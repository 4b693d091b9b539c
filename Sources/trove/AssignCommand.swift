import ArgumentParser
import TroveCore
import TroveStore

struct AssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Assign each trajectory to several reviewers, balancing their loads.",
        discussion: """
            Gives each trajectory --where selects (default: all) --per-item distinct reviewers from \
            --reviewers. A reviewer already assigned a trajectory, or whose label on it accepts or rejects \
            it, counts towards --per-item and is never assigned it again, so running the same command twice \
            adds nothing; a reviewer whose label only tags it, notes it or overrides its reward has not \
            decided it and may be assigned it. \
            Loads are balanced (within one on a store without assignments) and the same --seed gives the \
            same assignment. `trove review` opens a reviewer's queue (`queue:NAME`: assigned, not yet \
            accepted or rejected by them) when they have one; `trove progress` follows the work.

            Exit status: 0 on success; 64 for a bad option (including --per-item above the number of \
            reviewers); 66 when the store cannot be opened or is read-only.

            Examples:
              trove assign --reviewers ana,ben,chen --per-item 2
              trove assign --reviewers ana,ben --per-item 1 --where 'task:db status:pending' --seed 7
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("The reviewers to assign, comma-separated.", valueName: "a,b,c"))
    var reviewers: String

    @Option(help: ArgumentHelp("How many distinct reviewers each trajectory gets.", valueName: "k"))
    var perItem: Int

    @Option(
        name: .customLong("where"),
        help: SelectionArguments.whereHelp("Assign only trajectories matching this filter."))
    var filter: String?

    @OptionGroup var seedOptions: SeedOptions

    private var reviewerList: [String] {
        ReviewerName.list(reviewers)
    }

    func validate() throws {
        let distinct = Set(reviewerList).count
        if perItem < 1 { throw ValidationError("\(AssignmentError.perItem(perItem))") }
        if let reserved = reviewerList.first(where: ReviewerName.isReserved) {
            throw ValidationError(
                "'\(reserved)' is the name trove writes its own changes under: no one can label as it, so its "
                    + "queue would never be done; nothing was assigned")
        }
        if perItem > distinct {
            throw ValidationError("\(AssignmentError.tooFewReviewers(perItem: perItem, reviewers: distinct))")
        }
        _ = try SelectionArguments.filter(filter)
    }

    func run() throws {
        let selection = try SelectionArguments.filter(filter)
        let store = try storeOptions.openTeam(readOnly: false)
        let summary = try store.assign(
            reviewers: reviewerList, perItem: perItem, matching: selection, seed: seedOptions.seed)
        let width = max(8, summary.loads.map { TrajectoryReport.visible($0.reviewer).count }.max() ?? 8)
        func pad(_ text: String, _ count: Int, right: Bool = false) -> String {
            let padding = String(repeating: " ", count: max(0, count - text.count))
            return right ? padding + text : text + padding
        }
        var out = "\(Plural.trajectories(summary.trajectories)) in scope, "
        out += "\(Plural.counted(perItem, "reviewer")) each\n"
        out += "\(pad("reviewer", width))  \(pad("added", 8, right: true))  \(pad("assigned", 8, right: true))\n"
        for load in summary.loads {
            out += "\(pad(TrajectoryReport.visible(load.reviewer), width))  "
            out += "\(pad("\(load.added)", 8, right: true))  \(pad("\(load.total)", 8, right: true))\n"
        }
        if summary.short > 0 {
            out +=
                "\(Plural.trajectories(summary.short)) \(summary.short == 1 ? "has" : "have") fewer than \(perItem): "
            out += "every reviewer named already holds or labeled them\n"
        }
        Console.output(out)
    }
}
