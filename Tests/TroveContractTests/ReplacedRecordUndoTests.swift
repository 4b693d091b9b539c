import Foundation
import Testing
import TroveCore
import TrovePostgres
import TroveStore
import TroveTestSupport

/// Review: an undo or redo after `import --replace` brought back a reviewer's accept of the old bytes on
/// the new ones (accept, tag, replace, undo the tag: accepted). Neither crosses the replacement, on
/// either backend: what the replacement kept (tags, rewards, notes) comes back, a decision or turn
/// label on the old bytes does not.
@Suite struct ReplacedRecordUndoTests {
    private let directory = TemporaryDirectory()

    private func write(_ name: String, answer: String) throws -> String {
        let records = ["r1", "r2", "r3"].map { id in
            """
            {"id": "\(id)", "conversations": [{"from": "human", "value": "Count the singers in table singer."}, \
            {"from": "gpt", "value": "Thought: count them.\\nAction: Operation\\n```sql\\nSELECT 1\\n```"}, \
            {"from": "human", "value": "[(6,)]"}, {"from": "gpt", "value": "\(answer) \(id)"}]}
            """
        }
        let path = directory.path(name)
        try Data((records.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(arguments: TestBackend.available)
    func undoAndRedoNeverBringBackAJudgementOfTheOldBytes(_ backend: TestBackend) throws {
        let store = try BackendStore(backend)
        let sink: any LabelSink & TrajectorySource =
            if let postgres = store.postgresStore { postgres } else { try Store.open(path: store.sqlitePath) }
        try store.importFiles([try write("first.jsonl", answer: "Final Answer: 6")])
        // ana accepts r1 and tags it; bo accepts r2 and takes it back; cy masks a turn of r3 and takes it back.
        _ = try sink.applyLabel(.accept, to: ["r1"], reviewer: "ana", origin: "t")
        _ = try sink.applyLabel(LabelChange(addTags: ["x"]), to: ["r1"], reviewer: "ana", origin: "t")
        _ = try sink.applyLabel(.accept, to: ["r2"], reviewer: "bo", origin: "t")
        #expect(try sink.undo(reviewer: "bo", origin: "t") != nil)
        try sink.setTraining(.no, turn: 1, of: "r3", reviewer: "cy", origin: "t")
        #expect(try sink.undo(reviewer: "cy", origin: "t") != nil)

        #expect(
            try store.importFiles([try write("second.jsonl", answer: "Final Answer: 7")], replace: true).replaced == 3)
        func label(_ id: String, _ reviewer: String) throws -> ReviewLabel {
            try sink.reviewerLabels(of: id).first { $0.reviewer == reviewer }?.label ?? .unreviewed
        }
        #expect(try label("r1", "ana").status == .pending)
        #expect(try label("r1", "ana").tags == ["x"])

        // ana takes back the tag: the label from before it, without its accept of the old bytes.
        #expect(try sink.undo(reviewer: "ana", origin: "t") != nil)
        #expect(try label("r1", "ana") == .unreviewed, "\(backend)")
        // Redone, the tag comes back; the accept does not.
        #expect(try sink.redo(reviewer: "ana", origin: "t") != nil)
        #expect(try label("r1", "ana").status == .pending)
        #expect(try label("r1", "ana").tags == ["x"])
        // bo's redo of an accept of the old bytes leaves the new ones pending.
        #expect(try sink.redo(reviewer: "bo", origin: "t") != nil)
        #expect(try label("r2", "bo").status == .pending, "\(backend)")
        // cy's redo of a mask on the old record's turn leaves the new record's turns as imported.
        #expect(try sink.redo(reviewer: "cy", origin: "t") != nil)
        let source = try store.exportSource()
        #expect(try #require(try source.trajectory(id: "r3", verifyingBytes: false)).turns.isEmpty, "\(backend)")
        for id in ["r1", "r2", "r3"] {
            #expect(try source.trajectory(id: id, verifyingBytes: false)?.label.status == .pending, "\(id)")
        }
        #expect(try store.check().findings.allSatisfy(\.problems.isEmpty))
    }

    /// Review: a reviewer who labeled as `trove` (before the name was refused) lost nothing to the reset:
    /// their accept was kept on the replaced bytes. Only trove's own reset batches are left out.
    @Test(arguments: TestBackend.available)
    func aReviewerNamedTroveIsSentBackToPendingToo(_ backend: TestBackend) throws {
        let store = try BackendStore(backend)
        let sink: any LabelSink & TrajectorySource & ExportSource =
            if let postgres = store.postgresStore { postgres } else { try Store.open(path: store.sqlitePath) }
        try store.importFiles([try write("first.jsonl", answer: "Final Answer: 6")])
        _ = try sink.applyLabel(.accept, to: ["r1"], reviewer: LabelBatch.importReviewer, origin: "cli")
        #expect(
            try store.importFiles([try write("second.jsonl", answer: "Final Answer: 7")], replace: true).replaced == 3)
        #expect(try sink.trajectory(id: "r1", verifyingBytes: false)?.label.status == .pending, "\(backend)")
        #expect(try store.check().findings.allSatisfy(\.problems.isEmpty), "\(backend)")
    }
}
