import ArgumentParser
import Foundation
import TroveCore
import TrovePostgres
import TroveStore

struct LabelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "label",
        abstract: "Label trajectories from scripts: the same changes the review UI's keys make.",
        discussion: """
            Every change is recorded in the store's label history with the reviewer and the time, exactly as \
            a key press in `trove review` records it. One command is one change: all the trajectories it \
            names are changed in one transaction (if one id is unknown, nothing is changed), and one \
            `trove label --undo` (or Backspace in `trove review`) takes all of it back. A trajectory whose \
            label already is what the command asks gets no event; when that is all of them, nothing is \
            written and the command says so.

            --turn N --train no|yes|default masks one agent turn of one trajectory (no: do not train on it; \
            yes: train on it whatever the record says; default: take your mask off). N is the message index \
            `trove show ID --json` prints for each step. It is a label change like any other: in the history, \
            undone by --undo, and decided by the team policy when several reviewers mask a turn.

            With --where, --dry-run prints how many trajectories would change and the first ids, and writes \
            nothing. A change to more than 100 trajectories asks for confirmation when stdin is a terminal \
            (--yes skips the question; without a terminal on stdin nothing is asked).

            The reviewer is --reviewer, else $TROVE_REVIEWER, else $USER; with none of them the command \
            refuses rather than record an anonymous change.

            Examples:
              trove label db_3 db_7 --reject --tag leaked-label --note "answer visible in the prompt"
              trove label os_12 --reward 0 --reason "wrong count"
              trove label --where 'task:db flag:no-answer' --reject --tag truncated --dry-run
              trove label --where 'task:db flag:no-answer' --reject --tag truncated --yes
              trove label db_3 --turn 5 --train no
              trove label --undo
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: ArgumentHelp("Ids of the trajectories to label.", valueName: "id"))
    var ids: [String] = []

    @Option(
        name: .customLong("where"),
        help: SelectionArguments.whereHelp(
            "Label every trajectory matching this filter (docs/filter.md). has:\"text\" searches a trajectory's "
                + "own turns; context:, thought:, action:, observation: one part."))
    var filter: String?

    @Flag(help: "The new status.")
    var status: LabelStatusFlag?

    @Option(
        help: ArgumentHelp("Set the reviewer's reward override (0...1; a decimal or a fraction).", valueName: "x"),
        transform: RewardArgument.parse)
    var reward: Double?

    @Option(help: ArgumentHelp("Why the reward was set.", valueName: "text"))
    var reason: String?

    @Flag(help: "Remove the reward override; the environment's reward applies again.")
    var clearReward = false

    @Option(name: .customLong("tag"), help: ArgumentHelp("Add a tag (repeatable).", valueName: "tag"))
    var addTags: [String] = []

    @Option(name: .customLong("untag"), help: ArgumentHelp("Remove a tag (repeatable).", valueName: "tag"))
    var removeTags: [String] = []

    @Option(help: ArgumentHelp("Set the note (an empty text clears it).", valueName: "text"))
    var note: String?

    @Option(
        help: ArgumentHelp(
            "The agent turn --train masks, by message index (`trove show ID --json` prints each step's).",
            valueName: "n"))
    var turn: Int?

    @Option(
        help: ArgumentHelp(
            "Train on the --turn or not: no masks it, yes trains it, default takes your mask off.",
            valueName: "no|yes|default"))
    var train: TurnTraining?

    @Flag(help: "Undo your most recent label change (in any session), instead of labeling.")
    var undo = false

    @Flag(help: "Redo your most recently undone change, instead of labeling.")
    var redo = false

    @OptionGroup var reviewerOptions: ReviewerOptions

    @Flag(help: "Print how many trajectories would change and the first ids; change nothing.")
    var dryRun = false

    @Flag(help: "Change more than 100 trajectories without asking.")
    var yes = false

    @Flag(name: .shortAndLong, help: "Print only problems, not what was changed.")
    var quiet = false

    /// Above this many trajectories, a change from a terminal asks first.
    static let confirmationThreshold = 100
    /// How many ids `--dry-run` lists.
    static let previewLimit = 10

    enum LabelStatusFlag: String, EnumerableFlag {
        case accept, reject, pending
        var status: LabelStatus {
            switch self {
            case .accept: .accepted
            case .reject: .rejected
            case .pending: .pending
            }
        }
    }

    var change: LabelChange {
        var change = LabelChange(status: status?.status, addTags: addTags, removeTags: removeTags)
        if let reward { change.reward = .set(reward, reason: reason) }
        if clearReward { change.reward = .clear }
        if let note { change.note = .set(note) }
        return change
    }

    func validate() throws {
        if turn != nil || train != nil {
            guard turn != nil, train != nil else { throw ValidationError("--turn and --train go together") }
            guard ids.count == 1, filter == nil, change.isEmpty, !undo, !redo, !dryRun else {
                throw ValidationError("--turn --train masks a turn of one trajectory: give one id and no other change")
            }
            return
        }
        if undo || redo {
            guard ids.isEmpty, filter == nil, change.isEmpty, !(undo && redo), !dryRun else {
                throw ValidationError("--undo and --redo take no ids, filter, changes or --dry-run, and not both")
            }
            return
        }
        if dryRun, filter == nil { throw ValidationError("--dry-run previews a --where change; give --where") }
        if ids.isEmpty == (filter == nil) {
            throw ValidationError("name trajectories by id or with --where, not both and not neither")
        }
        if change.isEmpty {
            throw ValidationError(
                "nothing to change: give --accept, --reject, --pending, --reward, --tag, --untag or --note")
        }
        if reward != nil, clearReward { throw ValidationError("--reward and --clear-reward contradict each other") }
        if reason != nil, reward == nil { throw ValidationError("--reason explains a --reward; give one") }
        do {
            try change.validate()
        } catch {
            throw ValidationError("\(error)")
        }
        if let filter { _ = try SelectionArguments.filter(filter) }
    }

    func run() throws {
        if dryRun {
            try preview()
            return
        }
        let store = try storeOptions.openSink()
        let who = try reviewerOptions.resolved()
        if let turn, let train {
            do {
                let batch = try store.setTraining(train, turn: turn, of: ids[0], reviewer: who, origin: "cli")
                report(
                    batch?.message
                        ?? "no change: turn \(turn) of \(TrajectoryReport.visible(ids[0])) already has that "
                        + "mask; nothing was written")
            } catch let error as StoreError {
                Console.error("trove: \(error); nothing was changed")
                throw ExitCode(TroveExitCode.dataError)
            } catch let error as PostgresReviewError {
                try Self.refuse(error)
            }
            return
        }
        if undo || redo {
            let batch =
                undo ? try store.undo(reviewer: who, origin: "cli") : try store.redo(reviewer: who, origin: "cli")
            guard let batch else {
                report("nothing to \(undo ? "undo" : "redo") for \(TrajectoryReport.visible(who))")
                return
            }
            report(batch.message)
            return
        }
        do {
            if let filter {
                let selection = try SelectionArguments.filter(filter)
                if !yes, isatty(0) == 1 {
                    let (count, _) = try store.previewLabel(change, matching: selection, reviewer: who, limit: 0)
                    guard count <= Self.confirmationThreshold || confirm(count) else {
                        Console.error("trove: not confirmed; nothing was changed")
                        throw ExitCode.failure
                    }
                }
                let batch = try store.applyLabel(change, matching: selection, reviewer: who, origin: "cli")
                report(batch?.message ?? unchanged)
            } else {
                let events = try store.applyLabel(change, to: ids, reviewer: who, origin: "cli")
                report(
                    events.isEmpty
                        ? unchanged
                        : LabelBatch.labeledMessage(count: events.count, change: change.summary, reviewer: who)
                            // The label is committed: a read that only informs never reports it failed.
                            + ((try? decisionsNote(store)) ?? ""))
            }
        } catch let error as StoreError {
            Console.error("trove: \(error); nothing was changed")
            throw ExitCode(TroveExitCode.dataError)
        } catch let error as PostgresReviewError {
            try Self.refuse(error)
        }
    }

    /// `; decision: disputed` (or `; decisions: 2 pending, 1 disputed`) where the team's decision on the ids
    /// named is not the status this label gave them: a team policy that needs more reviews, or reviewers who
    /// disagree. Empty when the change sets no status, when every decision is that status, or for more ids
    /// than a line can name (a batch by filter: `trove stats --where` counts them).
    private func decisionsNote(_ store: any TrajectorySource) throws -> String {
        guard let status = change.status, ids.count <= Self.previewLimit else { return "" }
        var others: [LabelStatus: Int] = [:]
        for id in Set(ids) {
            if let row = try store.row(id: id), row.status != status { others[row.status, default: 0] += 1 }
        }
        guard !others.isEmpty else { return "" }
        let policy = try store.teamPolicy()
        let counts = LabelStatus.allCases.compactMap { status in others[status].map { "\($0) \(status.rawValue)" } }
        let why = policy.minReviews > 1 ? " (the team policy: \(policy))" : ""
        return ids.count == 1 && counts.count == 1
            ? "; decision: \(others.keys.first!.rawValue)\(why)"
            : "; decisions: \(counts.joined(separator: ", "))\(why)"
    }

    /// Exits 65 for a PostgreSQL store's refusal (an unknown trajectory, a message that is no agent turn).
    static func refuse(_ error: PostgresReviewError) throws -> Never {
        Console.error("trove: \(error); nothing was changed")
        throw ExitCode(TroveExitCode.dataError)
    }

    /// Prints `line` on standard output unless `--quiet`.
    private func report(_ line: String) {
        if !quiet { Console.output(line + "\n") }
    }

    private var unchanged: String {
        "no change: every trajectory named already has that label; nothing was written"
    }

    /// `--dry-run`: what the change would do, from a store opened read-only.
    private func preview() throws {
        let store: any LabelSink =
            storeOptions.isPostgres ? try storeOptions.openPostgres() : try storeOptions.open(readOnly: true)
        let selection = try SelectionArguments.filter(filter ?? "")
        let (count, first) = try store.previewLabel(
            change, matching: selection, reviewer: try reviewerOptions.resolved(), limit: Self.previewLimit)
        var text =
            "would label \(Plural.trajectories(count)): \(LabelChange.outcome(of: change.summary))"
        if !first.isEmpty {
            text += "\n  " + first.map(TrajectoryReport.visible).joined(separator: "\n  ")
            if count > first.count { text += "\n  … and \(count - first.count) more" }
        }
        Console.output(text + "\n")
    }

    /// Asks on the terminal whether to change `count` trajectories; only `y` or `yes` says yes.
    private func confirm(_ count: Int) -> Bool {
        Console.errorText("label \(Plural.trajectories(count)): \(LabelChange.outcome(of: change.summary))? [y/N] ")
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
        return answer == "y" || answer == "yes"
    }
}

extension TurnTraining: ExpressibleByArgument {}
