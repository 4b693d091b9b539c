import TroveCore

/// Per-task statistics drawn as bars: review progress (accepted and rejected stacked, then the counts, the
/// disputed ones when any), the reward histogram, flag counts; then the whole store's reward histogram bar
/// by bar. Blind review shows no reward, and its review progress counts the reviewer's own decisions (``DatasetStats/blind(ownDecisions:)``).
enum StatsScreen {
    static func render(_ state: AppState, into canvas: inout Canvas) {
        Chrome.title("statistics · \(state.storeName)", state: state, into: &canvas)
        let lines = lines(state)
        for offset in 0..<state.pageHeight {
            let index = state.pageScroll + offset
            guard index < lines.count else { break }
            canvas.put(lines[index], at: Point(x: 1, y: 1 + offset))
        }
        let total = state.stats?.total ?? TaskStats(task: "all")
        Chrome.status(
            [
                Span(
                    "\(Plural.trajectories(total.trajectories)) · "
                        + "\(Format.percent(total.progress)) reviewed", .text),
                Span(" · Tab back to the list", .text),
            ], into: &canvas)
    }

    static func lineCount(state: AppState) -> Int { lines(state).count }

    static func lines(_ state: AppState) -> [[Span]] {
        guard let stats = state.stats else { return [[Span("loading…", .dim)]] }
        let width = state.size.width - 2
        // A store with disputes counts them after the bar: it leaves room for ` N disputed`.
        let disputedWidth = stats.total.disputed > 0 ? " \(stats.total.disputed) disputed".count : 0
        let barWidth = max(10, min(40, width - 30 - disputedWidth))
        var lines: [[Span]] = []
        let rows = stats.tasks.count > 1 ? stats.tasks + [stats.total] : stats.tasks
        for task in rows {
            lines.append([
                Span(task.task, .header),
                Span(
                    "  \(Plural.trajectories(task.trajectories)) · "
                        + Plural.counted(task.steps, "step"), .dim),
            ])
            lines.append(
                [Span("  review ", .dim)] + progressBar(task, width: barWidth) + [
                    Span(" \(Format.percent(task.progress))", .text),
                    Span("  ✓\(task.accepted)", .accepted), Span(" ✗\(task.rejected)", .rejected),
                    Span(" \(task.pending) pending", .pending),
                    // As `trove stats` does: a disputed trajectory is neither reviewed nor pending.
                    Span(task.disputed > 0 ? " \(task.disputed) disputed" : "", .disputed),
                ])
            // The rewards are the reviewer's else the environment's: blind review shows neither.
            if !state.blind {
                lines.append(
                    [Span("  reward ", .dim), Span("0 ", .dim)] + sparkline(task.rewards) + [
                        Span(" 1", .dim),
                        Span(task.rewards.unknown > 0 ? "  unknown \(task.rewards.unknown)" : "", .dim),
                    ])
            }
            let flags = task.flags.sorted { $0.key < $1.key }.map { "\($0.key.rawValue) \($0.value)" }
            if !flags.isEmpty { lines.append([Span("  flags  ", .dim), Span(flags.joined(separator: " · "), .flag)]) }
            lines.append([])
        }
        lines += agreementLines(state.agreement)
        guard !state.blind else { return lines + [[Span("Rewards hidden: blind review", .dim)]] }
        lines.append([Span("Reward histogram (all tasks)", .header)])
        let total = stats.total
        let largest = max(1, (total.rewards.bins + [total.rewards.unknown]).max() ?? 1)
        let histogramWidth = max(5, min(50, width - 20))
        for (bin, count) in total.rewards.bins.enumerated() {
            let low = Format.reward(Double(bin) / 10)
            let high = Format.reward(Double(bin + 1) / 10)
            lines.append(
                [Span("  \(low)–\(high) ", .dim)] + bar(count, of: largest, width: histogramWidth)
                    + [Span(" \(count)", .text)])
        }
        lines.append(
            [Span("  unknown   ", .dim)] + bar(total.rewards.unknown, of: largest, width: histogramWidth)
                + [Span(" \(total.rewards.unknown)", .text)])
        return lines
    }

    /// Decision agreement per task (and over all, with several tasks) and kappa per pair of reviewers;
    /// nothing until two reviewers decided a trajectory; blind review loads none (over a task of one
    /// trajectory, agreement tells another reviewer's verdict).
    static func agreementLines(_ report: AgreementReport?) -> [[Span]] {
        guard let report, report.units > 0 else { return [] }
        var lines: [[Span]] = [
            [
                Span("Agreement", .header),
                Span(
                    "  \(Plural.trajectories(report.units)) decided by two or more reviewers",
                    .dim),
            ]
        ]
        let tasks =
            report.tasks.map { ($0.task, $0.decisionAlpha, $0.units) }
            + (report.tasks.count > 1 ? [("all", report.decision.value, report.units)] : [])
        let pairs = report.pairs.map { ("\($0.first) · \($0.second)", $0.kappa, $0.shared) }
        let width = max(12, (tasks.map(\.0) + pairs.map(\.0)).map(TextWidth.width(of:)).max() ?? 0)
        func row(_ name: String, _ value: Double?, _ count: Int) -> [Span] {
            let pad = String(repeating: " ", count: width - TextWidth.width(of: name))
            return [
                Span("  \(name)\(pad)", .text), Span(Format.right(AgreementReport.fixed(value), 7), .text),
                Span(Format.right("\(count)", 8), .dim),
            ]
        }
        let heading = { (name: String, measure: String, count: String) -> [Span] in
            let pad = String(repeating: " ", count: width - TextWidth.width(of: name))
            return [Span("  \(name)\(pad)\(Format.right(measure, 7))\(Format.right(count, 8))", .dim)]
        }
        lines.append(heading("task", "alpha", "units"))
        lines += tasks.map { row($0.0, $0.1, $0.2) }
        if !pairs.isEmpty {
            lines.append(heading("reviewers", "kappa", "shared"))
            lines += pairs.map { row($0.0, $0.1, $0.2) }
        }
        return lines + [[]]
    }

    private static func progressBar(_ task: TaskStats, width: Int) -> [Span] {
        guard task.trajectories > 0 else { return [Span(String(repeating: "░", count: width), .barEmpty)] }
        let accepted = task.accepted * width / task.trajectories
        let rejected = task.rejected * width / task.trajectories
        return [
            Span(String(repeating: "█", count: accepted), .accepted),
            Span(String(repeating: "█", count: rejected), .rejected),
            Span(String(repeating: "░", count: max(0, width - accepted - rejected)), .barEmpty),
        ]
    }

    private static func sparkline(_ histogram: RewardHistogram) -> [Span] {
        let levels = Array(" ▁▂▃▄▅▆▇█")
        let largest = max(1, histogram.bins.max() ?? 1)
        let text = histogram.bins.map { count -> String in
            let level = count == 0 ? 0 : 1 + (count * 7 + largest - 1) / largest
            return String(repeating: levels[min(8, level)], count: 2)
        }.joined()
        return [Span(text, .barFill)]
    }

    private static func bar(_ count: Int, of largest: Int, width: Int) -> [Span] {
        let filled = count == 0 ? 0 : max(1, count * width / largest)
        return [
            Span(String(repeating: "█", count: filled), .barFill),
            Span(String(repeating: "·", count: width - filled), .barEmpty),
        ]
    }
}
