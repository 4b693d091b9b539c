import ArgumentParser
import TroveCore
import TroveStore

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print one trajectory's steps as text, or as one JSON object for scripts.",
        discussion: """
            The JSON form is {"id", "task", "group", "dialect", "env_reward", "review": {"status", "reward", "tags", \
            "note"}, "flags": [], "steps": [{"thought", "action": {"kind", "argument"}, "observation", \
            "final_answer"}]}; absent values are null. "group" is the task instance: runs of the same task whose \
            task text is identical share it (filter with group:ID, compare two with trove diff).
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: ArgumentHelp("The trajectory's id.", valueName: "id"))
    var id: String

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func run() throws {
        let store = try storeOptions.open(readOnly: true)
        let stored = try storeOptions.reportedTrajectory(id, in: store)
        var output = Console.StandardOutput()
        if json {
            TrajectoryReport.writeJSON(stored.trajectory, stored.parsed, stored.label, to: &output)
        } else {
            TrajectoryReport.writeText(stored.trajectory, stored.parsed, stored.label, to: &output)
        }
        output.flush()
    }
}
