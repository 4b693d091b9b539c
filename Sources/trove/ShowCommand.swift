import ArgumentParser
import TroveCore
import TroveStore

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print one trajectory's steps as text, or as one JSON object for scripts.",
        discussion: """
            The JSON form is {"id", "task", "group", "dialect", "env_reward", "env_reward_source", "outcome", \
            "error", "review": {"status", "reward", "reward_reason", "tags", "note"}, "flags": [], "steps": \
            [{"message", "masked", "corrected", "thought", "action": {"kind", "argument"}, "observation", \
            "final_answer"}]}; absent values are null. "outcome" is how the run ended (error, step-limit, …), \
            "error" the error message its record states. "message" is the index of the \
            step's agent message, the turn that trove label --turn and trove edit --turn name; "masked" says \
            whether the reviewers masked it, "corrected" whether they corrected its text (steps show the \
            correction, parsed again). "group" is the task instance: runs of the same task whose \
            task text is identical share it (filter with group:ID, compare two with trove diff).
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: ArgumentHelp("The trajectory's id.", valueName: "id"))
    var id: String

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func run() throws {
        let stored =
            storeOptions.isPostgres
            ? try storeOptions.reportedTrajectory(id, in: storeOptions.openPostgres())
            : try storeOptions.reportedTrajectory(id, in: storeOptions.open(readOnly: true))
        // Corrected turns are shown as corrected, as the steps were parsed from them.
        let trajectory = stored.trajectory.applying(stored.turns)
        var output = Console.StandardOutput()
        if json {
            TrajectoryReport.writeJSON(trajectory, stored.parsed, stored.label, turns: stored.turns, to: &output)
        } else {
            TrajectoryReport.writeText(trajectory, stored.parsed, stored.label, turns: stored.turns, to: &output)
        }
        output.flush()
    }
}
