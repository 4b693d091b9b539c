import ArgumentParser
import TroveCore
import TroveStore

struct TeamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team",
        abstract: "Show or set how reviewers' labels make each trajectory's decision.",
        discussion: """
            Every reviewer keeps their own label; the decision (status, reward, tags) is derived from all \
            of them. An adjudicator's accept or reject is final. Else a trajectory with fewer than \
            --min-reviews accept or reject decisions is pending; else majority needs more than half of them \
            to agree and unanimous all of them; without that agreement it is disputed. The reward is the \
            adjudicator's override, else the median of the reviewers' overrides, else the environment's.

            With no option, prints the policy. With any, records the new policy (who set it and when; \
            options not given keep their value) and derives every decision again, in one transaction. \
            The default policy, one review by majority, makes a single reviewer's label the decision.

            Exit status: 0 on success; 64 for a bad option; 66 when the store cannot be opened or is \
            read-only.

            Examples:
              trove team
              trove team --min-reviews 2 --consensus majority --adjudicators lead
              trove team --adjudicators ''      # no adjudicators
            """)

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var reviewerOptions: ReviewerOptions

    @Option(help: ArgumentHelp("Accept or reject decisions needed before a trajectory is decided.", valueName: "k"))
    var minReviews: Int?

    @Option(help: ArgumentHelp("How many decisions must agree: majority or unanimous.", valueName: "rule"))
    var consensus: Consensus?

    @Option(help: ArgumentHelp("Reviewers whose decision is final, comma-separated ('' for none).", valueName: "a,b"))
    var adjudicators: String?

    enum Consensus: String, ExpressibleByArgument, CaseIterable {
        case majority, unanimous
    }

    private var adjudicatorList: [String]? {
        adjudicators.map(ReviewerName.list)
    }

    func validate() throws {
        if let minReviews, minReviews < 1 { throw ValidationError("\(TeamPolicyError.minReviews(minReviews))") }
        if let reserved = adjudicatorList?.first(where: ReviewerName.isReserved) {
            throw ValidationError(
                "'\(reserved)' is the name trove writes its own changes under: no one can label as it, so it "
                    + "cannot adjudicate; the policy was not changed")
        }
    }

    func run() throws {
        guard minReviews != nil || consensus != nil || adjudicators != nil else {
            let store = try storeOptions.openTeam(readOnly: true)
            Console.output("team policy: \(try store.teamPolicy())\n")
            return
        }
        let store = try storeOptions.openTeam(readOnly: false)
        let who = try reviewerOptions.resolved()
        let current = try store.teamPolicy()
        let policy: TeamPolicy
        do {
            policy = try TeamPolicy(
                minReviews: minReviews ?? current.minReviews,
                consensus: consensus.flatMap { TeamPolicy.Consensus(rawValue: $0.rawValue) } ?? current.consensus,
                adjudicators: adjudicatorList ?? current.adjudicators)
        } catch {
            throw ValidationError("\(error)")
        }
        let change = try store.setTeamPolicy(policy, by: who)
        let moves = change.statusMoves
        Console.output(
            "team policy: \(policy) (set by \(TrajectoryReport.visible(who)))\n"
                + "\(Plural.counted(change.changed, "decision")) changed" + (moves.isEmpty ? "" : ": " + moves) + "\n")
    }
}
