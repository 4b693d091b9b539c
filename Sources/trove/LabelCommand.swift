import ArgumentParser
import Foundation
import TroveCore
import TroveStore

struct LabelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "label",
        abstract: "Label trajectories from scripts: the same changes the review UI's keys make.",
        discussion: """
            Every change is recorded in the store's label history with the reviewer and the time, exactly as \
            a key press in `trove review` records it, and can be undone there. All the trajectories named are \
            changed in one transaction: if one id is unknown, nothing is changed.

            Examples:
              trove label db_3 db_7 --reject --tag leaked-label --note "answer visible in the prompt"
              trove label os_12 --reward 0 --reason "wrong count"
              trove label --where 'task:db flag:no-answer' --reject --tag truncated
              trove label --undo
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: ArgumentHelp("Ids of the trajectories to label.", valueName: "id"))
    var ids: [String] = []

    @Option(
        name: .customLong("where"),
        help: ArgumentHelp(
            "Label every trajectory matching this filter (the filter language: docs/filter.md).", valueName: "expr"))
    var filter: String?

    @Flag(help: "The new status.")
    var status: LabelStatusFlag?

    @Option(help: ArgumentHelp("Set the reviewer's reward override (0...1).", valueName: "x"))
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

    @Flag(help: "Undo your most recent label change (in any session), instead of labeling.")
    var undo = false

    @Flag(help: "Redo your most recently undone change, instead of labeling.")
    var redo = false

    @OptionGroup var reviewerOptions: ReviewerOptions

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
        if undo || redo {
            guard ids.isEmpty, filter == nil, change.isEmpty, !(undo && redo) else {
                throw ValidationError("--undo and --redo take no ids, filter or changes, and not both")
            }
            return
        }
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
        let store = try storeOptions.openForWriting()
        let who = reviewerOptions.reviewer ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown"
        if undo || redo {
            let event =
                undo ? try store.undo(reviewer: who, origin: "cli") : try store.redo(reviewer: who, origin: "cli")
            guard let event else {
                Console.output("nothing to \(undo ? "undo" : "redo") for \(who)\n")
                return
            }
            Console.output(
                "\(event.kind.rawValue): \(TrajectoryReport.visible(event.trajectoryID)) is \(event.label.status.rawValue) again\n"
            )
            return
        }
        var targets = ids
        if let filter { targets = try store.trajectoryIDs(matching: try SelectionArguments.filter(filter)) }
        do {
            let events = try store.applyLabel(change, to: targets, reviewer: who, origin: "cli")
            Console.output("labeled \(events.count) trajector\(events.count == 1 ? "y" : "ies") as \(who)\n")
        } catch let error as StoreError {
            Console.error("trove: \(error); nothing was changed")
            throw ExitCode(TroveExitCode.dataError)
        }
    }
}
