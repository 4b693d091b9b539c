import Foundation

/// The benchmark's results: one row per measure and peer, the peak memory of every process, and notes
/// on what was skipped. Printed as Markdown tables, which read well in a terminal and paste into
/// docs/performance.md as they are.
struct Report {
    struct Row {
        var measure: String
        var trove: Quantity
        var peer: String
        var peerValue: Quantity?
        var target: Target?
    }

    private(set) var rows: [Row] = []
    private(set) var memory: [(process: String, peakRSS: Int)] = []
    private(set) var runs: [(process: String, run: ChildProcess)] = []
    private(set) var notes: [String] = []

    /// Adds a row comparing `trove` with `peer` (when measured) against `target`.
    mutating func add(
        _ measure: String, trove: Quantity, peer: String = "", _ peerValue: Quantity? = nil, target: Target? = nil
    ) {
        rows.append(Row(measure: measure, trove: trove, peer: peer, peerValue: peerValue, target: target))
    }

    /// Records a process's peak resident memory.
    mutating func memory(_ process: String, peakRSS: Int) {
        memory.append((process, peakRSS))
    }

    /// Records a process's wall and CPU time and the load it started under, for the table of times that
    /// tells a slow tool from a busy machine.
    mutating func times(_ process: String, _ run: ChildProcess) {
        runs.append((process, run))
    }

    /// Adds a note under the tables, once.
    mutating func note(_ text: String) {
        if !notes.contains(text) { notes.append(text) }
    }

    static let noPython = "python3 is not installed: the Python peers were skipped"

    /// The results as Markdown.
    var markdown: String {
        var lines = [
            "| measure | trove | peer | peer's | trove's advantage | target | met? |",
            "|---|--:|---|--:|--:|---|:-:|",
        ]
        for row in rows {
            let advantage = row.peerValue.map { row.trove.advantage(over: $0) }
            let met = row.target.map { $0.isMet(row.trove, advantage) ? "yes" : "**no**" } ?? ""
            let cells = [
                row.measure, row.trove.text, row.peer, row.peerValue?.text ?? "",
                advantage.map { "\(Format.number($0))×" } ?? "", row.target?.text ?? "", met,
            ]
            lines.append("| " + cells.map(Self.escaped).joined(separator: " | ") + " |")
        }
        lines += ["", "| process | peak RSS |", "|---|--:|"]
        lines += memory.map { "| \(Self.escaped($0.process)) | \(Format.bytes($0.peakRSS)) |" }
        if !runs.isEmpty {
            lines += [
                "",
                "| process | wall | CPU (user + sys) | per thread, first thread first | load average at its start |",
                "|---|--:|--:|--:|--:|",
            ]
            lines += runs.map { process, run in
                let load = run.loadAverage.map { Format.number($0) } ?? ""
                let threads = run.threadSeconds.filter { $0 >= 0.01 }.map { Format.number($0) }
                let perThread = threads.isEmpty ? "" : threads.joined(separator: " + ") + " s"
                return "| \(Self.escaped(process)) | \(Format.number(run.seconds)) s | "
                    + "\(Format.number(run.cpuSeconds)) s | \(perThread) | \(load) |"
            }
        }
        if !notes.isEmpty {
            lines.append("")
            lines += notes.map { "- \($0)" }
        }
        return lines.joined(separator: "\n")
    }

    /// `text` safe in a Markdown table cell.
    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}
