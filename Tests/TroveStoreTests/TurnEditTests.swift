import Foundation
import GRDB
import Testing
import TroveCore
import TroveTestSupport

@testable import TroveStore

/// Issue 16 items 3, 4 and 6(b): a reviewer corrects an agent turn's text; the original is kept, the
/// correction is a label event with undo, the trajectory is parsed again, the exports write the
/// correction, and DPO pairs the correction with the original.
@Suite struct TurnEditTests {
    private static let fixture = Fixtures.url("import/db-small.jsonl").path
    /// db_0's last agent turn (message 5) as imported.
    private static let answer = "The answer is 6.\nAction: Answer\nFinal Answer: [\"6\"]"
    private let directory = TemporaryDirectory()

    private func store() throws -> Store {
        let store = try Store.inMemory()
        try TrajectoryImporter(store: store).importFiles([Self.fixture])
        return store
    }

    @Test func aCorrectionKeepsTheOriginalIsUndoneAsOneBatchAndParsesTheTurnAgain() throws {
        let store = try store()
        let before = try #require(try store.trajectory(id: "db_0"))
        #expect(before.parsed.steps.last?.finalAnswer == "[\"6\"]")
        #expect(!before.parsed.flags.contains(.noAnswer))
        let batch = try #require(
            try store.setText("I cannot tell.", turn: 5, of: "db_0", reviewer: "r1", origin: "cli"))
        #expect(batch.message == "labeled 1 trajectory: edit turn 5 (by r1)")
        // The original stays in the message rows; the correction is the turn's decision.
        #expect(try store.turnText(of: "db_0", turn: 5)?.original == Self.answer)
        #expect(try store.turnText(of: "db_0", turn: 5)?.corrected == "I cannot tell.")
        let after = try #require(try store.trajectory(id: "db_0"))
        #expect(after.trajectory.messages[5].text == Self.answer)
        #expect(after.turns == [TurnLabel(turn: 5, train: nil, text: "I cannot tell.")])
        // Parsed again: the last step has no answer now, and the flags say so.
        #expect(after.parsed.steps.last?.finalAnswer == nil)
        #expect(after.parsed.flags.contains(.noAnswer))
        #expect(try store.trajectoryIDs(matching: try Filter.parse("flag:no-answer")).contains("db_0"))
        #expect(try store.check().isOK)

        try store.undo(reviewer: "r1", origin: "cli")
        let undone = try #require(try store.trajectory(id: "db_0"))
        #expect(undone.turns.isEmpty)
        #expect(undone.parsed == before.parsed)
        try store.redo(reviewer: "r1", origin: "cli")
        #expect(try store.trajectory(id: "db_0")?.parsed.flags.contains(.noAnswer) == true)
        // The text as imported is no correction; reverting takes it back.
        #expect(try store.setText("I cannot tell.", turn: 5, of: "db_0", reviewer: "r1", origin: "cli") == nil)
        let reverted = try #require(try store.setText(nil, turn: 5, of: "db_0", reviewer: "r1", origin: "cli"))
        #expect(reverted.change == "revert turn 5")
        #expect(try store.trajectory(id: "db_0")?.parsed == before.parsed)
        #expect(try store.setText(Self.answer, turn: 5, of: "db_0", reviewer: "r2", origin: "cli") == nil)
        // A correction and a mask of one reviewer live side by side.
        try store.setText("I cannot tell.", turn: 5, of: "db_0", reviewer: "r1", origin: "cli")
        try store.setTraining(.no, turn: 5, of: "db_0", reviewer: "r1", origin: "cli")
        #expect(try store.turnLabels(of: "db_0") == [TurnLabel(turn: 5, train: false, text: "I cannot tell.")])
        try store.undo(reviewer: "r1", origin: "cli")
        #expect(try store.turnLabels(of: "db_0") == [TurnLabel(turn: 5, train: nil, text: "I cannot tell.")])
    }

    @Test func replacingARecordTakesItsMasksAndCorrectionsOff() throws {
        let directory = TemporaryDirectory()
        let store = try store()
        try store.setText("I cannot tell.", turn: 5, of: "db_0", reviewer: "r1", origin: "cli")
        try store.setTraining(.no, turn: 3, of: "db_0", reviewer: "r2", origin: "cli")
        let changed = try String(contentsOfFile: Self.fixture, encoding: .utf8).split(separator: "\n")[0]
            .replacingOccurrences(of: "How many singers", with: "How many SINGERS")
        let summary = try TrajectoryImporter(store: store, options: .init(replace: true))
            .importFiles([directory.write("changed.jsonl", changed + "\n")])
        #expect(summary.replaced == 1)
        // The new record's turns are unmasked and uncorrected, and its steps are its own parse.
        #expect(try store.turnLabels(of: "db_0").isEmpty)
        #expect(try store.trajectory(id: "db_0")?.parsed.steps.last?.finalAnswer == "[\"6\"]")
        let events = try store.testSeam.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT e.reviewer, e.origin, b.reviewer AS by FROM turn_event e JOIN label_batch b ON b.id = e.batch
                    ORDER BY e.id DESC LIMIT 2
                    """)
        }
        #expect(Set(events.map { $0["reviewer"] as String }) == ["r1", "r2"])
        #expect(events.allSatisfy { $0["origin"] == "import" && $0["by"] == LabelBatch.importReviewer })
        #expect(try store.check().isOK)
    }

    @Test func anAdjudicatorsCorrectionWinsElseTheLatest() throws {
        let store = try store()
        try store.setTeamPolicy(try TeamPolicy(minReviews: 1, consensus: .majority, adjudicators: ["lead"]), by: "lead")
        try store.setText("first", turn: 5, of: "db_0", reviewer: "r1", origin: "cli")
        try store.setText("second", turn: 5, of: "db_0", reviewer: "r2", origin: "cli")
        #expect(try store.turnText(of: "db_0", turn: 5)?.corrected == "second")
        try store.setText("lead's", turn: 5, of: "db_0", reviewer: "lead", origin: "cli")
        try store.setText("third", turn: 5, of: "db_0", reviewer: "r1", origin: "cli")
        #expect(try store.turnText(of: "db_0", turn: 5)?.corrected == "lead's")
    }

    /// db_0 accepted, its turn 5 corrected, exported in `format`.
    private func export(_ format: ExportFormat, withLabels: Bool) throws -> (line: String, ExportResult) {
        let store = try store()
        try store.setText("I cannot tell.", turn: 5, of: "db_0", reviewer: "r1", origin: "cli")
        try store.applyLabel(.accept, to: ["db_0"], reviewer: "r1", origin: "cli")
        let (lines, result) = try store.exportAccepted(
            "db_0", format: format, withLabels: withLabels, to: directory.path("out-\(format)-\(withLabels).jsonl"))
        return (try #require(lines.first), result)
    }

    /// Review: SQLite ends a bound text at NUL, so `KEEP\0TAIL` was stored as `KEEP`. The store refuses
    /// such a correction whole, writing nothing.
    @Test func aCorrectionHoldingNULIsRefusedWhole() throws {
        let store = try store()
        #expect(throws: CorrectionError.holdsNUL(line: 2)) {
            try store.setText("Think: a\nAct: answer(1)\u{0}b", turn: 5, of: "db_0", reviewer: "r1", origin: "cli")
        }
        #expect(try store.turnLabels(of: "db_0").isEmpty)
        #expect(try store.turnText(of: "db_0", turn: 5)?.corrected == nil)
    }

    @Test func exportsWriteTheCorrectionAndAgentInstructStaysAsImported() throws {
        let (sharegpt, result) = try export(.sharegpt, withLabels: false)
        let turns = try #require(try JSONParser.parse(Array(sharegpt.utf8)).objectValue?["conversations"]?.arrayValue)
        #expect(turns[5].objectValue?["value"] == .string("I cannot tell."))
        #expect(result.editedTurns == 1)
        let (openai, _) = try export(.openai, withLabels: false)
        let messages = try #require(try JSONParser.parse(Array(openai.utf8)).objectValue?["messages"]?.arrayValue)
        #expect(messages[5].objectValue?["content"] == .string("I cannot tell."))
        let original = try #require(
            try String(contentsOfFile: Self.fixture, encoding: .utf8).split(separator: "\n").first)
        #expect(try export(.agentinstruct, withLabels: false).line == String(original))
        let (labeled, _) = try export(.agentinstruct, withLabels: true)
        let review = try #require(try JSONParser.parse(Array(labeled.utf8)).objectValue?["trove"]?.objectValue)
        #expect(review["corrected_turns"] == .array([.object(["turn": .integer(5), "text": "I cannot tell."])]))
    }

    @Test func dpoPairsACorrectionWithTheOriginalAfterTheTurnsBeforeIt() throws {
        let store = try store()
        try store.setText(
            "Let me count.\nAction: Operation\n```sql\nSELECT 1\n```", turn: 3, of: "db_0", reviewer: "r1",
            origin: "cli")
        try store.setText("I cannot tell.", turn: 5, of: "db_0", reviewer: "r1", origin: "cli")
        let path = directory.path("pairs.jsonl")
        let output = try JSONLinesWriter(path: path)
        let result = try PreferenceExporter(store: store).export(
            PreferenceRequest(filter: Filter(nil), policy: .accepted, format: .dpo, pairs: .edits), to: output)
        try output.publish()
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(result.preferences["db"]?["edits"] == 2)
        let second = try #require(try JSONParser.parse(Array(lines[1].utf8)).objectValue)
        let prompt = try #require(second["prompt"]?.arrayValue)
        #expect(prompt.count == 5)
        // The prompt carries the earlier correction; chosen is the correction, rejected the original.
        #expect(prompt[3].objectValue?["content"]?.stringValue?.hasPrefix("Let me count.") == true)
        #expect(second["chosen"] == .array([.object(["role": "assistant", "content": "I cannot tell."])]))
        #expect(second["rejected"] == .array([.object(["role": "assistant", "content": .string(Self.answer)])]))
        // --pairs runs (the default) writes no pair of corrections.
        let runs = try PreferenceExporter(store: store).export(
            PreferenceRequest(filter: Filter(nil), policy: .accepted, format: .dpo), to: nil)
        #expect(runs.preferences["db"]?["edits"] == nil)
    }
}
