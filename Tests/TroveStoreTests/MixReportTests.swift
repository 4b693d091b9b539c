import Testing
import TroveCore
import TroveStore
import TroveTestSupport

/// The mix and export reports, tested in the library without a process.
@Suite struct MixReportTests {
    private func trajectory(_ id: String, task: String) -> Trajectory {
        Trajectory(
            id: id, task: task, source: SourceLocation(file: "f.jsonl", line: 1),
            format: RecordFormat(listKey: "conversations", style: .fromValue), messages: [],
            originalRecord: Array(#"{"id": "\#(id)", "conversations": []}"#.utf8))
    }

    @Test func countsPerSourceAndTaskAndNumbersRepeats() throws {
        var counts = MixCounts()
        #expect(counts.agent(trajectory("db_1", task: "db"), position: 0, source: "s.sqlite").id == "db_1")
        #expect(counts.agent(trajectory("db_1", task: "db"), position: 0, source: "s.sqlite").id == "db_1#2")
        #expect(counts.general(trajectory("sg_1", task: "unknown"), position: 3, source: "g.json").id == "sg_1")
        #expect(counts.agentByTask == ["db": 2])
        #expect(counts.agentBySource == ["s.sqlite": 2])
        #expect(counts.generalBySource == ["g.json": 1])
        let plan = try MixPlan(agentPool: 1, generalPool: 1, eta: 0.5, size: .total(2), seed: 0)
        let directory = TemporaryDirectory()
        let output = try JSONLinesWriter(path: directory.path("mix.jsonl"))
        try output.write(line: Array("{}".utf8))
        try output.finish()
        let manifest = counts.manifest(plan: plan, format: .sharegpt, output: output).objectValue
        #expect(manifest?["agent_by_task"] == .object(["db": .number("2")]))
        #expect(manifest?["output"]?.objectValue?["lines"] == .number("1"))
    }

    @Test func theExportTableHasARowPerTaskAndATotal() {
        var result = ExportResult(fingerprint: "f")
        result.outcomes = ["db": [.kept: 3, .rejected: 1], "os": [.kept: 2]]
        let lines = ExportSummary.table(result).split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("task"))
        #expect(lines[3].hasPrefix("total") && lines[3].contains(" 5 "))
    }
}
