import ArgumentParser
import TroveCore
import TroveStore

struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Show each reviewer's assigned and done trajectories, pace and time left.",
        discussion: """
            Per reviewer with an assignment or a label: trajectories assigned (`trove assign`), done \
            (accepted or rejected by them), labels per hour over the last hour of their work (their changes \
            in the hour up to their latest one, a change being one key press or one `trove label`, however \
            many trajectories it labels), and the time their queue takes at that pace (— without a pace: \
            fewer than two changes, or changes within five minutes).

            --json prints {"reviewers": [{"reviewer", "assigned", "done", "labels_per_hour", \
            "hours_left"}, …]}, null where there is no pace.

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
        out += "\(pad("labels/h", 8))  \(pad("time left", 9))\n"
        for row in rows {
            out += "\(pad(TrajectoryReport.visible(row.reviewer), width, right: false))  \(pad("\(row.assigned)", 8))  "
            out += "\(pad("\(row.done)", 8))  \(pad(row.labelsPerHour.map(Self.rate) ?? "—", 8))  "
            out += "\(pad(row.hoursLeft.map(Self.duration) ?? "—", 9))\n"
        }
        if rows.isEmpty { out += "no reviewer has an assignment or a label yet\n" }
        Console.output(out)
    }

    static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    static func rate(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// `2h 05m`, or `0h 00m` when nothing is left.
    static func duration(_ hours: Double) -> String {
        let minutes = Int((hours * 60).rounded(.up))
        let rest = minutes % 60
        return "\(minutes / 60)h \(rest < 10 ? "0" : "")\(rest)m"
    }
}
