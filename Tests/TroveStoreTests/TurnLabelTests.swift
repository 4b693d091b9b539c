import Foundation
import GRDB
import Testing
import TroveCore
import TroveTestSupport

@testable import TroveStore

/// Issue 16 items 1 and 2: a reviewer masks an agent turn ("do not train"), as a label event with
/// history and undo, decided by the team policy, honoured by the exports and the `masked` filter.
@Suite struct TurnLabelTests {
    private static let fixture = Fixtures.url("import/db-small.jsonl").path
    private let directory = TemporaryDirectory()

    /// db_0's agent turns are messages 1 (the handshake's "Ok."), 3 and 5.
    private func store() throws -> Store {
        let store = try Store.inMemory()
        try TrajectoryImporter(store: store).importFiles([Self.fixture])
        return store
    }

    private func masked(_ store: Store, _ id: String = "db_0") throws -> [Int] {
        try store.turnLabels(of: id).filter(\.isMasked).map(\.turn)
    }

    @Test func aMaskIsALabelEventThatUndoAndRedoTakeBackAsOneBatch() throws {
        let store = try store()
        let batch = try #require(try store.setTraining(.no, turn: 3, of: "db_0", reviewer: "r1", origin: "cli"))
        #expect(batch.message == "labeled 1 trajectory: mask turn 3 (by r1)")
        #expect(try masked(store) == [3])
        #expect(try store.trajectory(id: "db_0")?.maskedTurns == [3])
        // The same mask again writes nothing.
        #expect(try store.setTraining(.no, turn: 3, of: "db_0", reviewer: "r1", origin: "cli") == nil)
        let events = try store.testSeam.read { db in
            try Row.fetchAll(db, sql: "SELECT turn, reviewer, kind, train, origin, batch FROM turn_event ORDER BY id")
        }
        #expect(events.count == 1)
        #expect(events.first?["reviewer"] == "r1")
        #expect(events.first?["origin"] == "cli")
        #expect(events.first?["train"] == 0)
        #expect(events.first?["batch"] == batch.id)

        let undone = try #require(try store.undo(reviewer: "r1", origin: "cli"))
        #expect(undone.message == "undone: mask turn 3 on db_0")
        #expect(try masked(store).isEmpty)
        #expect(try store.turnLabels(of: "db_0").isEmpty)
        let redone = try #require(try store.redo(reviewer: "r1", origin: "cli"))
        #expect(redone.message == "redone: mask turn 3 on db_0")
        #expect(try masked(store) == [3])
        // A label change and a mask are separate batches: undo takes back the latest only.
        try store.applyLabel(.accept, to: ["db_0"], reviewer: "r1", origin: "cli")
        try store.undo(reviewer: "r1", origin: "cli")
        #expect(try store.currentLabel(of: "db_0").status == .pending)
        #expect(try masked(store) == [3])
        // Taking the mask off is an event too, and leaves the turn as imported.
        try store.setTraining(.default, turn: 3, of: "db_0", reviewer: "r1", origin: "cli")
        #expect(try store.turnLabels(of: "db_0").isEmpty)
        #expect(try store.reviewerTraining(of: "db_0", reviewer: "r1").isEmpty)
    }

    @Test func onlyAnAgentTurnCanBeMaskedAndNothingIsWrittenOtherwise() throws {
        let store = try store()
        for turn in [0, 2, 99] {
            #expect(throws: StoreError.notAnAgentTurn(trajectory: "db_0", turn: turn)) {
                try store.setTraining(.no, turn: turn, of: "db_0", reviewer: "r1", origin: "cli")
            }
        }
        #expect(throws: StoreError.unknownTrajectory("nope")) {
            try store.setTraining(.no, turn: 1, of: "nope", reviewer: "r1", origin: "cli")
        }
        let batches = try store.testSeam.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM label_batch") }
        #expect(batches == 0)
    }

    @Test func theTeamPolicyDecidesATurnAsItDecidesATrajectory() throws {
        let store = try store()
        try store.setTeamPolicy(try TeamPolicy(minReviews: 2, consensus: .majority, adjudicators: ["lead"]), by: "lead")
        try store.setTraining(.no, turn: 3, of: "db_0", reviewer: "r1", origin: "cli")
        // One mask of two needed: the turn stays as imported.
        #expect(try store.turnLabels(of: "db_0") == [TurnLabel(turn: 3, train: nil)])
        try store.setTraining(.no, turn: 3, of: "db_0", reviewer: "r2", origin: "cli")
        #expect(try masked(store) == [3])
        // Two of three still mask it under majority.
        try store.setTraining(.yes, turn: 3, of: "db_0", reviewer: "r3", origin: "cli")
        #expect(try masked(store) == [3])
        // Unanimous: they disagree, so the turn is disputed and stays as imported.
        try store.setTeamPolicy(
            try TeamPolicy(minReviews: 2, consensus: .unanimous, adjudicators: ["lead"]), by: "lead")
        #expect(try store.turnLabels(of: "db_0") == [TurnLabel(turn: 3, train: nil)])
        let disputed = try store.testSeam.read { db in
            try Bool.fetchOne(db, sql: "SELECT disputed FROM turn_label WHERE turn = 3")
        }
        #expect(disputed == true)
        // An adjudicator's mask is final.
        try store.setTraining(.yes, turn: 3, of: "db_0", reviewer: "lead", origin: "cli")
        #expect(try store.turnLabels(of: "db_0") == [TurnLabel(turn: 3, train: true)])
    }

    @Test func theCheckNamesATurnLabelThatIsNotTheLatestEventOrNotOnAnAgentTurn() throws {
        let store = try store()
        try store.setTraining(.no, turn: 3, of: "db_0", reviewer: "r1", origin: "cli")
        #expect(try store.check().isOK)
        try store.testSeam.write { db in
            try db.execute(sql: "UPDATE turn_current SET train = 1")
            try db.execute(
                sql: """
                    INSERT INTO turn_current (trajectory_id, turn, reviewer, event_id, train, at)
                    SELECT trajectory_id, 2, 'r9', id, 0, at FROM turn_event
                    """)
        }
        let problems = try #require(try store.check().findings.first { $0.check == "turn labels" }?.problems)
        #expect(problems.count == 3)
        #expect(problems.contains { $0.hasSuffix("on turn 3 is not their latest turn_event") })
        #expect(problems.contains { $0.hasSuffix("on turn 2 without a turn_event") })
        #expect(problems.contains { $0.hasSuffix("turn 2 is masked or corrected but is not an agent message") })
    }

    @Test func theMaskedFilterFindsTrajectoriesWithAMaskedTurn() throws {
        let store = try store()
        try store.setTraining(.no, turn: 5, of: "db_3", reviewer: "r1", origin: "cli")
        try store.setTraining(.yes, turn: 3, of: "db_1", reviewer: "r1", origin: "cli")
        #expect(try store.trajectoryIDs(matching: try Filter.parse("masked")) == ["db_3"])
        #expect(try store.trajectoryIDs(matching: try Filter.parse("masked:yes")) == ["db_3"])
        #expect(try store.trajectoryIDs(matching: try Filter.parse("masked:no")) == ["db_0", "db_1"])
        #expect(try store.trajectoryIDs(matching: try Filter.parse("not masked")) == ["db_0", "db_1"])
        #expect(try store.trajectoryIDs(matching: try Filter.parse("masked turns>5")) == ["db_3"])
    }

    @Test func versionSevenAddsTurnLabelsToAVersionSixStore() throws {
        // Given a version-6 store with a labeled trajectory
        let queue = try DatabaseQueue()
        try StoreSchema.migrator.migrate(queue, upTo: "v6-task-groups")
        try queue.write { db in
            try StoreRows.insertTrajectories([(1, "os_a", 2, 0)], into: db)
            try db.execute(
                sql: """
                    INSERT INTO message_text (id, hash, text) VALUES (1, 1, 'count the files'), (2, 2, 'ls');
                    INSERT INTO message_row (trajectory_id, idx, role, original_role, text_id, turn) VALUES
                        (1, 0, 'instruction', 'human', 1, 'task'), (1, 1, 'agent', 'gpt', 2, 'agent');
                    """)
        }
        // When trove opens it
        let store = try Store(queue, path: ":memory:")
        // Then it is at the current version, with no turn labels, and a turn can be masked
        let version = try store.testSeam.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM store_info WHERE key = 'schema_version'")
        }
        #expect(version == String(StoreSchema.version))
        #expect(try store.turnLabels(of: "os_a").isEmpty)
        try store.setTraining(.no, turn: 1, of: "os_a", reviewer: "r1", origin: "cli")
        #expect(try store.turnLabels(of: "os_a") == [TurnLabel(turn: 1, train: false)])
    }

    /// Exports db_0, accepted, in `format`, with its turn 3
    /// masked and turn 1 (loss false in the record) trained; returns the lines and the result.
    private func exportMasked(_ format: ExportFormat, withLabels: Bool) throws -> (lines: [String], ExportResult) {
        let store = try store()
        try store.setTraining(.no, turn: 3, of: "db_0", reviewer: "r1", origin: "cli")
        try store.setTraining(.yes, turn: 1, of: "db_0", reviewer: "r1", origin: "cli")
        try store.applyLabel(.accept, to: ["db_0"], reviewer: "r1", origin: "cli")
        return try store.exportAccepted(
            "db_0", format: format, withLabels: withLabels, to: directory.path("out-\(format)-\(withLabels).jsonl"))
    }

    @Test func shareGPTWritesLossFalseOnAMaskedTurnAndTrueOnATrainedOne() throws {
        let (lines, result) = try exportMasked(.sharegpt, withLabels: false)
        let object = try #require(try JSONParser.parse(Array(lines[0].utf8)).objectValue)
        let turns = try #require(object["conversations"]?.arrayValue)
        #expect(turns[3].objectValue?["loss"] == .bool(false))
        #expect(turns[1].objectValue?["loss"] == .bool(true))
        #expect(turns[5].objectValue?["loss"] == .bool(true))
        #expect(result.maskedTurns == 1)
    }

    @Test func openAIWritesWeightZeroOnAMaskedTurn() throws {
        let (lines, _) = try exportMasked(.openai, withLabels: false)
        let object = try #require(try JSONParser.parse(Array(lines[0].utf8)).objectValue)
        let messages = try #require(object["messages"]?.arrayValue)
        #expect(messages[3].objectValue?["weight"] == .integer(0))
        #expect(messages[1].objectValue?["weight"] == nil)
        #expect(messages[5].objectValue?["weight"] == nil)
    }

    @Test func agentInstructKeepsTheRecordsBytesAndListsTheMaskOnlyWithLabels() throws {
        let original = try #require(
            try String(contentsOfFile: Self.fixture, encoding: .utf8).split(separator: "\n").first)
        let (plain, result) = try exportMasked(.agentinstruct, withLabels: false)
        #expect(plain == [String(original)])
        #expect(result.maskedTurns == 1)
        // The masks are part of the store's state the manifest fingerprints.
        let unmasked = try store()
        try unmasked.applyLabel(.accept, to: ["db_0"], reviewer: "r1", origin: "cli")
        #expect(
            try TrajectoryExporter(store: unmasked).dryRun(
                ExportRequest(
                    filter: Filter(nil), policy: .accepted, writer: .init(format: .agentinstruct))
            ).fingerprint
                != result.fingerprint)
        let (labeled, _) = try exportMasked(.agentinstruct, withLabels: true)
        let object = try #require(try JSONParser.parse(Array(labeled[0].utf8)).objectValue)
        #expect(object["trove"]?.objectValue?["masked_turns"] == .array([.integer(3)]))
    }
}
