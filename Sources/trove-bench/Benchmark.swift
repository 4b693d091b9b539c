/// One run of every measure, in the order that makes what the next one needs.
struct Benchmark {
    let plan: BenchPlan
    let workspace: Workspace

    func run() throws -> Report {
        var report = Report()
        if !plan.reviewOnly, !plan.labelOnly {
            let file = try workspace.file(bytes: plan.fileBytes)
            let store = try ImportBenchmark(workspace: workspace, rounds: plan.importRounds).run(
                file: file, into: &report)
            try ParseBenchmark(workspace: workspace, repeats: plan.parseRepeats).run(file: file, into: &report)
            try ExportBenchmark(workspace: workspace).run(store: store, file: file, into: &report)
        }
        if !plan.labelOnly { try measureReview(into: &report) }
        if !plan.reviewOnly, let largest = plan.storeCounts.last {
            let store = try workspace.store(count: largest, importLimit: plan.importLimit)
            try LabelBenchmark(workspace: workspace).run(store: store, count: largest, into: &report)
        }
        if let largest = plan.storeCounts.last, largest > plan.importLimit {
            report.note(
                "stores above \(Format.count(plan.importLimit)) trajectories copy the rows of the "
                    + "\(Format.count(plan.importLimit)) store in SQL (new ids; messages, text uses and flags copied; "
                    + "message texts shared)")
        }
        return report
    }

    private func measureReview(into report: inout Report) throws {
        let review = ReviewBenchmark(workspace: workspace)
        let hasVisiData = !plan.reviewOnly && Spawn.isInstalled("vd")
        if !hasVisiData, !plan.reviewOnly {
            report.note("VisiData (vd) is not installed (pip install visidata): its peer was skipped")
        }
        var firstScreens: [(count: Int, seconds: Double)] = []
        for count in plan.storeCounts {
            let store = try workspace.store(count: count, importLimit: plan.importLimit)
            let name = Format.count(count)
            Progress.log("trove review, first screen at \(name)")
            let (seconds, peakRSS) = try review.firstScreen(store: store, launches: plan.launches)
            report.memory("trove review, first screen (\(name))", peakRSS: peakRSS)
            firstScreens.append((count, seconds))
            let measure = "open to first screen, \(name)"
            guard hasVisiData else {
                report.add(measure, trove: .time(seconds), target: .atMost(milliseconds: 100))
                continue
            }
            let file = try workspace.records(count: count, importLimit: plan.importLimit)
            let loadLimit = count <= plan.importLimit ? plan.visiDataLoadLimit : nil
            Progress.log("vd, first screen\(loadLimit == nil ? "" : " and full load") at \(name)")
            do {
                let opening = try VisiDataBenchmark().open(file: file, records: count, loadLimit: loadLimit)
                report.add(
                    measure, trove: .time(seconds), peer: "vd, first rows", .time(opening.firstRows),
                    target: .atMost(milliseconds: 100))
                if let loaded = opening.loaded {
                    report.add(measure, trove: .time(seconds), peer: "vd, fully loaded", .time(loaded))
                } else if let loadLimit {
                    report.note("vd had not loaded all \(name) records after \(loadLimit)")
                }
                report.memory("vd (\(name)\(loadLimit == nil ? ", first rows" : ", loaded"))", peakRSS: opening.peakRSS)
                if count > plan.importLimit {
                    report.note(
                        "VisiData opens the \(Format.count(plan.importLimit)) records' JSONL repeated to \(name) records"
                    )
                }
            } catch {
                report.add(measure, trove: .time(seconds), target: .atMost(milliseconds: 100))
                report.note("vd at \(name): \(error)")
            }
        }
        if let smallest = firstScreens.first, let largest = firstScreens.last, firstScreens.count > 1 {
            report.add(
                "first screen, \(Format.count(largest.count)) vs \(Format.count(smallest.count))",
                trove: .time(largest.seconds), peer: "trove at \(Format.count(smallest.count))",
                .time(smallest.seconds),
                target: Target(text: "flat: ≥ 0.67× (≤ 1.5× the time)") { _, advantage in (advantage ?? 0) >= 1 / 1.5 })
        }
        try measureKeys(into: &report)
        try measureLongTrajectory(into: &report)
        try measureHugeRecords(into: &report)
    }

    /// Opening one record whose one turn is tens or hundreds of MB, and reading its next page: what the
    /// review UI loads of a record is its budget, not its size.
    private func measureHugeRecords(into report: inout Report) throws {
        for megabytes in plan.hugeRecordMegabytes {
            Progress.log("trove review, opening a record of \(megabytes) MB")
            let store = try workspace.hugeRecordStore(megabytes: megabytes)
            let opening = try ReviewBenchmark(workspace: workspace).hugeRecord(store: store)
            let name = "a \(megabytes) MB record"
            report.add("open \(name) (Enter)", trove: .time(opening.open), target: .atMost(milliseconds: 1000))
            report.add("next page of its turn in \(name) (>)", trove: .time(opening.nextPage))
            report.add(
                "peak RSS growth opening \(name)", trove: .memory(opening.growth), target: .atMost(megabytes: 200))
            report.memory("trove review, \(name)", peakRSS: opening.peakRSS)
        }
    }

    /// Key to frame inside one trajectory of 2,000 turns: what laying the trajectory out costs per key.
    private func measureLongTrajectory(into report: inout Report) throws {
        let turns = 2_000
        Progress.log("trove review, key to frame in a trajectory of \(turns) turns")
        let store = try workspace.longTrajectoryStore(turns: turns)
        let (latencies, peakRSS) = try ReviewBenchmark(workspace: workspace).longTrajectory(
            store: store, presses: plan.presses.move)
        let name = "a \(Format.count(turns))-turn trajectory"
        for action in latencies {
            report.add(
                "key to frame in \(name), \(action.action), p50 of \(action.samples.count)",
                trove: .time(Percentile.median(action.samples)), target: .atMost(milliseconds: 100))
        }
        report.memory("trove review, \(name)", peakRSS: peakRSS)
    }

    private func measureKeys(into report: inout Report) throws {
        guard let count = plan.storeCounts.last else { return }
        let name = Format.count(count)
        Progress.log("trove review, key to frame at \(name)")
        let store = try workspace.store(count: count, importLimit: plan.importLimit)
        let (latencies, peakRSS) = try ReviewBenchmark(workspace: workspace).browse(store: store, presses: plan.presses)
        for action in latencies {
            let isSearch = action.action.hasPrefix("search")
            report.add(
                "key to frame at \(name), \(action.action), p50 of \(action.samples.count)",
                trove: .time(Percentile.median(action.samples)), target: isSearch ? .atMost(milliseconds: 100) : nil)
            report.add(
                "key to frame at \(name), \(action.action), p99",
                trove: .time(Percentile.of(action.samples, 99)), target: isSearch ? nil : .atMost(milliseconds: 16))
        }
        report.add("peak RSS while browsing \(name)", trove: .memory(peakRSS), target: .atMost(megabytes: 150))
        report.memory("trove review, browsing (\(name))", peakRSS: peakRSS)
    }
}
