import Foundation

/// Import throughput end to end: `trove import` against the Python script a curator would write
/// (json + sqlite3 in one transaction, with and without an FTS5 index) and against `jq -c .` only
/// reading the file. The goals are issue 17's: at least 1.5x the plain script, and ahead of jq.
struct ImportBenchmark {
    let workspace: Workspace

    /// Imports `file` with each tool into a fresh store and returns trove's store.
    func run(file: String, into report: inout Report) throws -> String {
        let bytes = workspace.size(of: file)
        let size = Format.bytes(bytes)
        let store = workspace.fresh("import-trove.sqlite")
        Progress.log("trove import of \(size)")
        let trove = try ChildProcess.run(
            [workspace.toolbox.trove, "import", "--store", store, "--reward", "1", "-q", file],
            setup: Spawn.Setup(error: workspace.path("import-trove.log")))
        let troveRate = Quantity.rate(bytes: bytes, seconds: trove.seconds)
        report.memory("trove import (\(size))", peakRSS: trove.peakRSS)
        report.times("trove import (\(size))", trove)

        var compared = false
        if Spawn.isInstalled("python3") {
            let peers = [("python json + sqlite3", [String]()), ("python json + sqlite3 + FTS5", ["--fts"])]
            for (name, flags) in peers {
                Progress.log("\(name) import of \(size)")
                do {
                    let store = workspace.fresh("import-python\(flags.joined()).sqlite")
                    let run = try ChildProcess.run(
                        ["python3", workspace.toolbox.script("python_import.py"), file, store] + flags,
                        setup: Spawn.Setup(error: workspace.path("import-python\(flags.joined()).log")))
                    report.add(
                        "import \(size), end to end", trove: troveRate, peer: name,
                        .rate(bytes: bytes, seconds: run.seconds),
                        target: flags.isEmpty ? .advantage(1.5) : nil)
                    report.memory("\(name) (\(size))", peakRSS: run.peakRSS)
                    report.times("\(name) (\(size))", run)
                    compared = true
                } catch {
                    report.note("\(name) failed: \(error)")
                }
            }
        } else {
            report.note(Report.noPython)
        }
        if !compared {
            report.add("import \(size), end to end", trove: troveRate)
        }
        if Spawn.isInstalled("jq") {
            Progress.log("jq -c . over \(size)")
            let run = try ChildProcess.run(
                ["jq", "-c", ".", file], setup: Spawn.Setup(error: workspace.path("jq.log")))
            report.add(
                "import \(size), end to end", trove: troveRate, peer: "jq -c . (read only)",
                .rate(bytes: bytes, seconds: run.seconds), target: .advantage(1))
            report.memory("jq -c . (\(size))", peakRSS: run.peakRSS)
            report.times("jq -c . (\(size))", run)
        } else {
            report.note("jq is not installed: the jq peers were skipped")
        }
        return store
    }
}
