import Foundation

/// Import throughput end to end: `trove import` against the Python script a curator would write
/// (json + sqlite3 in one transaction, with and without an FTS5 index) and against `jq -c .` only
/// reading the file. The goals are issue 17's: at least 1.5x the plain script, and ahead of jq.
///
/// With several ``rounds`` the tools take turns, round after round, and each one's median run counts:
/// on a shared machine one run of each moved the ratios by a quarter from one hour to the next
/// (docs/performance.md, "Sessions 14–15"), and turns spread that drift over every tool alike.
struct ImportBenchmark {
    let workspace: Workspace
    /// How many times each tool imports the file.
    var rounds = 1

    /// One tool the benchmark runs: what the report calls it as a peer and as a process, its target, and
    /// how it is started on a file.
    private struct Tool {
        var name: String
        var process: String
        var target: Target?
        var command: (_ file: String) -> (arguments: [String], log: String)
    }

    /// Imports `file` with each tool into a fresh store, `rounds` times, and returns trove's store.
    func run(file: String, into report: inout Report) throws -> String {
        let bytes = workspace.size(of: file)
        let size = Format.bytes(bytes)
        let troveStore = workspace.path("import-trove.sqlite")
        var tools = [
            Tool(name: "trove import", process: "trove import", target: nil) { file in
                let store = workspace.fresh("import-trove.sqlite")
                return (
                    [workspace.toolbox.trove, "import", "--store", store, "--reward", "1", "-q", file],
                    "import-trove.log"
                )
            }
        ]
        if Spawn.isInstalled("python3") {
            for (name, flags) in [("python json + sqlite3", [String]()), ("python json + sqlite3 + FTS5", ["--fts"])] {
                tools.append(
                    Tool(name: name, process: name, target: flags.isEmpty ? .advantage(1.5) : nil) { file in
                        let store = workspace.fresh("import-python\(flags.joined()).sqlite")
                        return (
                            ["python3", workspace.toolbox.script("python_import.py"), file, store] + flags,
                            "import-python\(flags.joined()).log"
                        )
                    })
            }
        } else {
            report.note(Report.noPython)
        }
        if Spawn.isInstalled("jq") {
            tools.append(
                Tool(name: "jq -c . (read only)", process: "jq -c .", target: .advantage(1)) { file in
                    (["jq", "-c", ".", file], "jq.log")
                })
        } else {
            report.note("jq is not installed: the jq peers were skipped")
        }

        var runs: [[ChildProcess]] = Array(repeating: [], count: tools.count)
        var failures: [Int: String] = [:]
        for round in 1...rounds {
            for (index, tool) in tools.enumerated() where failures[index] == nil {
                Progress.log("\(tool.name) over \(size)" + (rounds > 1 ? ", round \(round) of \(rounds)" : ""))
                let (arguments, log) = tool.command(file)
                // The stores the last tools wrote go to disk before this one starts, so that none is timed
                // while the kernel writes back another's gigabytes (3–4 s of trove's 1 GB import).
                sync()
                do {
                    runs[index].append(try ChildProcess.run(arguments, setup: Spawn.Setup(error: workspace.path(log))))
                } catch {
                    // trove's own failure ends the benchmark; a peer's is reported and the others go on.
                    if index == 0 { throw error }
                    failures[index] = "\(tool.name) failed: \(error)"
                }
            }
        }

        let trove = Self.median(runs[0])
        let troveRate = Quantity.rate(bytes: bytes, seconds: trove.seconds)
        var compared = false
        for (index, tool) in tools.enumerated() {
            if let failure = failures[index] {
                report.note(failure)
                continue
            }
            let median = Self.median(runs[index])
            let process = "\(tool.process) (\(size))"
            if index > 0 {
                report.add(
                    "import \(size), end to end", trove: troveRate, peer: tool.name,
                    .rate(bytes: bytes, seconds: median.seconds), target: tool.target)
                compared = true
            }
            report.memory(process, peakRSS: runs[index].map(\.peakRSS).max() ?? median.peakRSS)
            report.times(process, median)
        }
        if !compared {
            report.add("import \(size), end to end", trove: troveRate)
        }
        if rounds > 1 {
            let spreads = tools.indices.filter { failures[$0] == nil }.map { index in
                let seconds = runs[index].map(\.seconds).sorted()
                return "\(tools[index].name) \(Format.number(seconds.first ?? 0))–\(Format.number(seconds.last ?? 0)) s"
            }
            report.note(
                "import: \(rounds) rounds, the tools taking turns; each tool's median run is shown (of an even "
                    + "count, the faster middle one), its peak RSS the largest of its runs; walls: "
                    + spreads.joined(separator: ", "))
        }
        return troveStore
    }

    /// The middle run by wall time; of an even count, the faster of the two middle ones.
    private static func median(_ runs: [ChildProcess]) -> ChildProcess {
        let sorted = runs.sorted { $0.seconds < $1.seconds }
        return sorted[(sorted.count - 1) / 2]
    }
}
