/// Renders ``DatasetStats`` as the plain text `trove stats` prints: a table
/// per task (with `disputed` when any decision is, and `no-reward`, the trajectories with no reward at all, which
/// `--policy agenttuning` leaves out), then each task's reward histogram as
/// bars and its flags.
public enum StatsReport {
    /// The report, ending with a newline.
    public static func render(_ stats: DatasetStats, barWidth: Int = 30) -> String {
        var out = ""
        let rows = stats.tasks + (stats.tasks.count > 1 ? [stats.total] : [])
        let taskWidth = max(4, rows.map(\.task.count).max() ?? 4)
        // Only a team store has disputed decisions: a single reviewer's report keeps its columns.
        let showsDisputed = stats.total.disputed > 0
        let header =
            [
                pad("task", taskWidth), pad("trajs", 7, right: true), pad("steps", 8, right: true),
                pad("accepted", 9, right: true), pad("rejected", 9, right: true), pad("pending", 8, right: true),
            ] + (showsDisputed ? [pad("disputed", 8, right: true)] : []) + [
                pad("no-reward", 9, right: true), "  reviewed",
            ]
        out += header.joined(separator: " ") + "\n"
        for row in rows {
            let bar = progressBar(row.progress, width: 10)
            let percent = Int((row.progress * 100).rounded())
            let counts =
                [
                    pad(row.task, taskWidth), pad("\(row.trajectories)", 7, right: true),
                    pad("\(row.steps)", 8, right: true), pad("\(row.accepted)", 9, right: true),
                    pad("\(row.rejected)", 9, right: true), pad("\(row.pending)", 8, right: true),
                ] + (showsDisputed ? [pad("\(row.disputed)", 8, right: true)] : [])
            out +=
                (counts + [pad("\(row.rewards.unknown)", 9, right: true), "  \(bar) \(percent)%"])
                .joined(separator: " ") + "\n"
        }
        out += "\nEffective reward (the reviewer's, else the environment's), non-empty bins:\n"
        for row in rows {
            let largest = max(1, row.rewards.bins.max() ?? 1, row.rewards.unknown)
            var lines: [(String, Int)] = []
            for (index, count) in row.rewards.bins.enumerated() where count > 0 {
                let low = Double(index) / Double(RewardHistogram.binCount)
                let high = index == RewardHistogram.binCount - 1 ? "1.0]" : "\(format(low + 0.1)))"
                lines.append(("[\(format(low)), \(high)", count))
            }
            if row.rewards.unknown > 0 { lines.append(("unknown", row.rewards.unknown)) }
            if lines.isEmpty { lines.append(("none", 0)) }
            for (index, (label, count)) in lines.enumerated() {
                let task = index == 0 ? row.task : ""
                out +=
                    "  \(pad(task, taskWidth)) \(pad(label, 10)) \(bar(count, of: largest, width: barWidth)) \(count)\n"
            }
        }
        out += "\nFlags:\n"
        for row in rows {
            let flags = row.flags.filter { $0.value > 0 }.sorted { $0.key < $1.key }
            let text = flags.isEmpty ? "none" : flags.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ")
            out += "  \(pad(row.task, taskWidth)) \(text)\n"
        }
        return out
    }

    private static func format(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    private static func bar(_ count: Int, of largest: Int, width: Int) -> String {
        let filled = count == 0 ? 0 : max(1, Int((Double(count) / Double(largest) * Double(width)).rounded()))
        return String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
    }

    private static func progressBar(_ fraction: Double, width: Int) -> String {
        let filled = Int((fraction * Double(width)).rounded())
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
    }

    private static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }
}
