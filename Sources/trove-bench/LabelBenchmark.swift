/// `trove label --where` over a whole store as one set-based batch (issue 18 item 10): one reviewer's
/// accept of every trajectory, a second reviewer's reject of the same (each decision then derives from
/// two labels: disputed, the union of tags, the median), and the undo of each.
///
/// Each label is undone right after, so the store ends with the decisions it started with (a longer
/// history), and a store kept with `--keep` can be measured again.
struct LabelBenchmark {
    let workspace: Workspace

    func run(store: String, count: Int, into report: inout Report) throws {
        let name = Format.count(count)
        let runs: [(String, [String])] = [
            (
                "label --where 'steps>0' --accept, 1 reviewer",
                ["--where", "steps>0", "--accept", "--reviewer", "bench1"]
            ),
            (
                "label --where 'steps>0' --reject, a 2nd reviewer",
                ["--where", "steps>0", "--reject", "--reviewer", "bench2"]
            ),
            ("label --undo of the 2nd reviewer's batch", ["--undo", "--reviewer", "bench2"]),
            ("label --undo of the 1st reviewer's batch", ["--undo", "--reviewer", "bench1"]),
        ]
        for (measure, arguments) in runs {
            Progress.log("trove \(measure) at \(name)")
            let run = try ChildProcess.run(
                [workspace.toolbox.trove, "label", "--store", store, "--yes"] + arguments,
                setup: Spawn.Setup(output: "/dev/null", error: workspace.path("trove-label.log")))
            report.add("\(measure) at \(name)", trove: .time(run.seconds))
            report.memory("trove \(measure) at \(name)", peakRSS: run.peakRSS)
        }
    }
}
