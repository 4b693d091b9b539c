import ArgumentParser
import Foundation

@main
struct TroveBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trove-bench",
        abstract: "Measure trove against the tools curators use today, on the same generated data.",
        discussion: """
            Generates synthetic AgentInstruct data with the trove built beside this program, then measures import, \
            JSON parsing, filtered export, the review UI's first screen and key-to-frame latency, a bulk label of \
            the largest store, and peak memory, \
            against a Python json + sqlite3 script, Python's json and orjson, jq and VisiData. Prints Markdown \
            tables on standard output (progress goes to standard error). A peer that is not installed is skipped \
            with a note.

            Examples:
              swift run -c release trove-bench
              swift run -c release trove-bench --size 100MB --stores 10000,100000 --keep /tmp/trove-bench
              swift run -c release trove-bench --only review --stores 10000,1000000 --keep /tmp/trove-bench
              swift run -c release trove-bench --quick --only review --huge-records 30,300
              .build/debug/trove-bench --quick
              swift run -c release trove-bench --only parse --size 100MB --repeats 5 --keep /tmp/trove-bench
              swift run -c release trove-bench --only import --size 200MB --keep /tmp/trove-bench
              swift run -c release trove-bench --only import --size 1GB --rounds 3 --keep /tmp/trove-bench
              swift run -c release trove-bench --only label --stores 1000000 --keep /tmp/trove-bench
            """)

    @Flag(help: "Tiny sizes that run every step in seconds (for CI).")
    var quick = false

    @Option(help: ArgumentHelp("Size of the JSONL for import, parse and export (e.g. 100MB, 1GB).", valueName: "size"))
    var size: String?

    @Option(help: ArgumentHelp("Trajectories in each store the review UI opens.", valueName: "n,n,..."))
    var stores: String?

    @Option(
        help: ArgumentHelp(
            "Sizes in MB of the single-record files whose opening the review UI is timed on.", valueName: "mb,mb,..."))
    var hugeRecords: String?

    @Option(help: ArgumentHelp("Keep generated data in this folder and reuse it next time.", valueName: "dir"))
    var keep: String?

    @Option(
        help: ArgumentHelp(
            "Run one measure alone: parse (JSON parse, per line), import (trove, the Python scripts and jq on "
                + "one file), review (trove's review UI, no peers), label (a bulk label of the largest store and "
                + "its undo) or postgres-review (the review UI over the --postgres store).",
            valueName: "measure"))
    var only: String?

    @Option(help: ArgumentHelp("Passes of each parser over the file; the fastest counts.", valueName: "n"))
    var repeats: Int?

    @Option(
        help: ArgumentHelp(
            "Rounds of the import measure: trove and its peers take turns, and each one's median run counts "
                + "(wall times drift with a shared machine's load; turns spread the drift over every tool).",
            valueName: "n"))
    var rounds: Int?

    @Option(
        help: ArgumentHelp(
            "With --only postgres-review: the PostgreSQL store (a URL naming its schema in search_path) whose "
                + "review UI is timed in this process.",
            valueName: "url"))
    var postgres: String?

    func run() throws {
        let plan = try makePlan()
        if only == "postgres-review" {
            guard let postgres else { throw ValidationError("--only postgres-review needs --postgres URL") }
            print(try PostgresReviewBenchmark(url: postgres, searches: ["error", "SELECT", "not found"]).run())
            return
        }
        let toolbox = try Toolbox.locate()
        let directory =
            keep.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("trove-bench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { if keep == nil { try? FileManager.default.removeItem(at: directory) } }
        let workspace = Workspace(directory: directory, toolbox: toolbox, seed: plan.seed)
        var report: Report
        if only == "parse" {
            report = Report()
            let file = try workspace.file(bytes: plan.fileBytes)
            try ParseBenchmark(workspace: workspace, repeats: plan.parseRepeats).run(file: file, into: &report)
        } else if only == "import" {
            report = Report()
            let file = try workspace.file(bytes: plan.fileBytes)
            _ = try ImportBenchmark(workspace: workspace, rounds: plan.importRounds).run(file: file, into: &report)
        } else {
            report = try Benchmark(plan: plan, workspace: workspace).run()
        }
        if quick { report.note("--quick: tiny sizes that show every step works; the goals are for the full run") }
        print(report.markdown)
    }

    private func makePlan() throws -> BenchPlan {
        var plan = quick ? BenchPlan.quick : BenchPlan.full
        if let only, !["parse", "import", "review", "label", "postgres-review"].contains(only) {
            throw ValidationError("--only takes parse, import, review, label or postgres-review")
        }
        plan.reviewOnly = only == "review"
        plan.labelOnly = only == "label"
        if let repeats {
            guard repeats > 0 else { throw ValidationError("--repeats takes a positive count") }
            plan.parseRepeats = repeats
        }
        if let rounds {
            guard rounds > 0 else { throw ValidationError("--rounds takes a positive count") }
            plan.importRounds = rounds
        }
        if let size {
            guard let bytes = Self.bytes(size) else { throw ValidationError("--size takes a size like 100MB or 1GB") }
            plan.fileBytes = bytes
        }
        if let stores {
            let counts = stores.split(separator: ",").compactMap { Int($0) }
            guard !counts.isEmpty, counts.allSatisfy({ $0 > 0 }) else {
                throw ValidationError("--stores takes counts like 10000,100000,1000000")
            }
            plan.storeCounts = counts.sorted()
        }
        if let hugeRecords {
            let sizes = hugeRecords.split(separator: ",").compactMap { Int($0) }
            guard !sizes.isEmpty, sizes.allSatisfy({ $0 > 0 }) else {
                throw ValidationError("--huge-records takes sizes in MB like 30,300")
            }
            plan.hugeRecordMegabytes = sizes.sorted()
        }
        // Every move and page must land on a new row, or it draws nothing to time.
        let rowsVisited = plan.presses.move + plan.presses.page * ReviewBenchmark.rows
        guard let largest = plan.storeCounts.last, largest > rowsVisited else {
            throw ValidationError("the largest store needs more than \(rowsVisited) trajectories for the key presses")
        }
        return plan
    }

    /// `100MB`, `1GB`, `2000000` as bytes.
    static func bytes(_ text: String) -> Int? {
        let units: [(String, Double)] = [("GB", 1e9), ("MB", 1e6), ("KB", 1e3), ("B", 1)]
        for (suffix, factor) in units where text.uppercased().hasSuffix(suffix) {
            return Double(text.dropLast(suffix.count)).map { Int($0 * factor) }.flatMap { $0 > 0 ? $0 : nil }
        }
        return Int(text).flatMap { $0 > 0 ? $0 : nil }
    }
}
