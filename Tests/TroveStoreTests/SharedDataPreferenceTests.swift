import Foundation
import Testing
import TroveCore
import TroveTestSupport

@testable import TroveStore

/// DPO pairs from the real WebArena sample's three runs of one question (see ``SharedDataGroupTests``).
@Suite(.enabled(if: Fixtures.sharedData != nil, "../shared/data is absent"))
struct SharedDataPreferenceTests {
    @Test func aRejectedRealRunPairsWithTheAcceptedRunsOfItsQuestion() throws {
        // Given the three runs of one question, one of them rejected and the others accepted
        let store = try Store.inMemory()
        let file = Fixtures.sharedData!.appendingPathComponent("webarena/webarena_successful_sample_raw.json")
        _ = try TrajectoryImporter(store: store).importFiles([file.path])
        let first = try #require(try store.trajectory(id: "webarena/0/3477062987087774639"))
        let group = try #require(TaskGroup.id(of: first.trajectory, parsed: first.parsed))
        let runs = try store.trajectoryIDs(matching: Filter.parse("group:\(group)"))
        try #require(runs.count == 3)
        try store.applyLabel(.reject, to: [runs[1]], reviewer: "ana", origin: "test")
        try store.applyLabel(.accept, to: [runs[0], runs[2]], reviewer: "ana", origin: "test")
        // When they are exported as DPO pairs
        let directory = TemporaryDirectory()
        let output = try JSONLinesWriter(path: directory.path("dpo.jsonl"))
        let result = try PreferenceExporter(store: store).export(
            PreferenceRequest(filter: try Filter.parse("group:\(group)"), policy: .accepted, format: .dpo), to: output)
        try output.publish()
        // Then each accepted run pairs with the rejected one. The runs share only the question: their first
        // pages differ in element ids, so the prompt is the question and the chosen run's first page.
        let lines = try String(contentsOfFile: output.path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(result.preferences.values.first == ["runs": 2, "chosen_prompt": 2])
        let rejected = try #require(try store.trajectory(id: runs[1])).trajectory.messages
        for (line, chosenID) in zip(lines, [runs[0], runs[2]]) {
            let chosen = try #require(try store.trajectory(id: chosenID)).trajectory.messages
            let pair = try #require(try JSONParser.parse(Array(line.utf8)).objectValue)
            let prompt = try #require(pair["prompt"]?.arrayValue)
            let contents = prompt.compactMap { $0.objectValue?["content"]?.stringValue }
            #expect(contents == chosen.prefix(2).map(\.text))
            #expect(contents.first == rejected.first?.text)
            #expect(pair["chosen"]?.arrayValue?.first?.objectValue?["role"] == .string("assistant"))
            #expect(pair["rejected"]?.arrayValue?.first?.objectValue?["role"] == .string("assistant"))
            #expect(pair["chosen"] != pair["rejected"])
        }
    }
}
