import Foundation
import Testing
import TroveCore
import TroveTestSupport

@testable import TroveStore

/// Imports the real public trajectories in ../shared/data; skipped when it is absent.
@Suite(.enabled(if: Fixtures.sharedData != nil, "../shared/data is absent"))
struct SharedDataConformanceTests {
    private var data: URL { Fixtures.sharedData! }

    @Test func dbDevImportsAll200RecordsWithNoRejectsAndExactBytes() throws {
        let path = data.appendingPathComponent("agentinstruct/db-dev.jsonl").path
        let store = try Store.inMemory()
        var rejects: [RecordRejection] = []
        let options = TrajectoryImporter.Options(
            codec: .init(defaultReward: 1), onReject: { error, _ in rejects.append(error) })
        let summary = try TrajectoryImporter(store: store, options: options).importFiles([path])
        #expect(summary.added == 200)
        #expect(rejects.isEmpty)
        #expect(try store.trajectoryCount() == 200)
        let lines = try Data(contentsOf: URL(fileURLWithPath: path)).split(separator: 0x0A)
        #expect(lines.count == 200)
        for (index, line) in lines.enumerated() {
            let stored = try #require(try store.trajectory(id: "db_\(index)"))
            #expect(stored.trajectory.originalRecord == Array(line), "db_\(index)")
        }
    }

    @Test func exportingAgentInstructReproducesTheInputLineByLine() throws {
        let path = data.appendingPathComponent("agentinstruct/db-dev.jsonl").path
        let store = try Store.inMemory()
        try TrajectoryImporter(store: store, options: .init(codec: .init(defaultReward: 1))).importFiles([path])
        let directory = TemporaryDirectory()
        let output = try JSONLinesWriter(path: directory.path("out.jsonl"))
        let request = ExportRequest(
            filter: Filter(nil), policy: .agentTuning(.agentTuning), writer: ExportRecordWriter(format: .agentinstruct))
        let result = try TrajectoryExporter(store: store).export(request, to: output)
        try output.publish()
        #expect(result.total(.kept) == 200)
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: directory.path("out.jsonl")))
                == Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test(arguments: ["os", "db", "alfworld", "webshop", "kg", "mind2web"])
    func everyTaskSampleImportsWithItsOriginalBytes(task: String) throws {
        let path = data.appendingPathComponent("agentinstruct/samples/\(task).json").path
        let store = try Store.inMemory()
        var rejects: [RecordRejection] = []
        let options = TrajectoryImporter.Options(onReject: { error, _ in rejects.append(error) })
        let summary = try TrajectoryImporter(store: store, options: options).importFiles([path])
        #expect(summary.added == 5)
        #expect(rejects.isEmpty)
        // Each stored record is exactly the bytes of its array element in the file.
        let file = try Data(contentsOf: URL(fileURLWithPath: path))
        let reader = try RecordReader(path: path)
        while let record = try reader.next() {
            let id = try #require(try JSONParser.parse(record.bytes).objectValue?["id"]?.stringValue)
            let stored = try #require(try store.trajectory(id: id))
            #expect(stored.trajectory.originalRecord == record.bytes)
            #expect(file.range(of: Data(record.bytes)) != nil)
            #expect(stored.trajectory.task == task)
            #expect(stored.parsed.dialect.rawValue == task)
        }
    }
}
