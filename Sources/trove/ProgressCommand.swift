import ArgumentParser
import TroveCore
import TroveStore

struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Show each reviewer's queue, decisions, pace and time left.",
        discussion: """
            Per reviewer with an assignment or a label: trajectories assigned to them (`trove assign`); \
            done, those of their assigned trajectories that their label accepts or rejects (their queue's \
            progress); decided, every trajectory their label accepts or rejects, assigned to them or not \
            (what `decided:NAME` selects: an adjudicator's rulings count here); labels per hour over the \
            last hour of their work (their changes in the hour up to their latest one, a change being one \
            key press or one `trove label`, however many trajectories it labels); and the time their queue \
            takes at that pace, rounded up to the minute: 0h 00m once every assigned trajectory is done, \
            — when nothing is assigned to them, or without a pace (fewer than two changes, or changes \
            within five minutes).

            --json prints {"reviewers": [{"reviewer", "assigned", "done", "decided", "labels_per_hour", \
            "hours_left"}, …]}; labels_per_hour and hours_left are null where the text shows —, else \
            rounded to 2 decimals.

            Exit status: 0 on success; 66 when the store cannot be opened.

            Examples:
              trove progress
              trove progress --json | jq '.reviewers[] | select(.done < .assigned)'
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let store = try storeOptions.openTeam(readOnly: true)
        let rows = try store.progress()
        if json {
            let reviewers: [JSONValue] = rows.map { row in
                .object([
                    "reviewer": .string(row.reviewer), "assigned": .integer(row.assigned), "done": .integer(row.done),
                    "decided": .integer(row.decided),
                    "labels_per_hour": .real(row.labelsPerHour.map(Self.rounded)),
                    "hours_left": .real(row.hoursLeft.map(Self.rounded)),
                ])
            }
            Console.output(JSONWriter.string(.object(["reviewers": .array(reviewers)])) + "\n")
            return
        }
        let width = max(8, rows.map { TrajectoryReport.visible($0.reviewer).count }.max() ?? 8)
        func pad(_ text: String, _ count: Int, right: Bool = true) -> String {
            let padding = String(repeating: " ", count: max(0, count - text.count))
            return right ? padding + text : text + padding
        }
        var out = "\(pad("reviewer", width, right: false))  \(pad("assigned", 8))  \(pad("done", 8))  "
        out += "\(pad("decided", 8))  \(pad("labels/h", 8))  \(pad("time left", 9))\n"
        for row in rows {
            out += "\(pad(TrajectoryReport.visible(row.reviewer), width, right: false))  \(pad("\(row.assigned)", 8))  "
            out += "\(pad("\(row.done)", 8))  \(pad("\(row.decided)", 8))  "
            out += "\(pad(row.labelsPerHour.map(Self.rate) ?? "—", 8))  "
            out += "\(pad(row.hoursLeft.map(ReviewerProgress.hoursAndMinutes) ?? "—", 9))\n"
        }
        if rows.isEmpty { out += "no reviewer has an assignment or a label yet\n" }
        Console.output(out)
    }

    static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    static func rate(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
