import Foundation

/// A filtered export: `trove export --where 'task:db' --policy agenttuning --format agentinstruct` from the
/// store imported from `file`, against `jq -c 'select(.id|startswith("db_"))'` over `file` itself.
/// Throughput is the JSONL's size over the time, for both.
struct ExportBenchmark {
    let workspace: Workspace

    func run(store: String, file: String, into report: inout Report) throws {
        let bytes = workspace.size(of: file)
        let size = Format.bytes(bytes)
        let troveOutput = workspace.fresh("export-trove.jsonl")
        Progress.log("trove export of task:db from the \(size) store")
        let trove = try ChildProcess.run(
            [
                workspace.toolbox.trove, "export", "--store", store, "--where", "task:db", "--policy", "agenttuning",
                "--format", "agentinstruct", "--out", troveOutput,
            ], setup: Spawn.Setup(error: workspace.path("export-trove.log")))
        let rate = Quantity.rate(bytes: bytes, seconds: trove.seconds)
        report.memory("trove export (\(size) store)", peakRSS: trove.peakRSS)
        guard Spawn.isInstalled("jq") else {
            report.add("filtered export of \(size)", trove: rate, target: .atLeast(megabytesPerSecond: 300))
            return
        }
        Progress.log("jq select over \(size)")
        let jqOutput = workspace.fresh("export-jq.jsonl")
        let jq = try ChildProcess.run(
            ["jq", "-c", #"select(.id|startswith("db_"))"#, file],
            setup: Spawn.Setup(output: jqOutput, error: workspace.path("export-jq.log")))
        report.add(
            "filtered export of \(size)", trove: rate, peer: #"jq -c 'select(.id|startswith("db_"))'"#,
            .rate(bytes: bytes, seconds: jq.seconds), target: .atLeast(megabytesPerSecond: 300))
        report.memory("jq select (\(size))", peakRSS: jq.peakRSS)
        let (troveLines, jqLines) = (lineCount(troveOutput), lineCount(jqOutput))
        if troveLines != jqLines {
            report.note("the exports differ: trove wrote \(troveLines) records, jq \(jqLines)")
        }
    }

    private func lineCount(_ path: String) -> Int {
        guard let handle = FileHandle(forReadingAtPath: path) else { return 0 }
        defer { try? handle.close() }
        var count = 0
        while let chunk = try? handle.read(upToCount: 1 << 22), !chunk.isEmpty {
            count += chunk.reduce(0) { $0 + ($1 == 0x0a ? 1 : 0) }
        }
        return count
    }
}
