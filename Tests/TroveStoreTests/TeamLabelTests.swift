import Foundation
import GRDB
import Testing
import TroveCore
import TroveTestSupport

@testable import TroveStore

/// Issue 13 items 1 and 2: each reviewer keeps their own label, and the trajectory's decision is
/// derived from all of them under the store's team policy.
@Suite struct TeamLabelTests {
    private static let fixture = Fixtures.url("import/db-small.jsonl").path

    private func store() throws -> Store {
        let store = try Store.inMemory()
        try TrajectoryImporter(store: store).importFiles([Self.fixture])
        return store
    }

    private func label(_ store: Store, _ change: LabelChange, by reviewer: String, id: String = "db_0") throws {
        try store.applyLabel(change, to: [id], reviewer: reviewer, origin: "test")
    }

    private func expectConsistent(_ store: Store, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let check = try store.check()
        #expect(check.isOK, "\(check.findings.filter { !$0.problems.isEmpty })", sourceLocation: sourceLocation)
    }

    @Test func aReviewersChangeStartsFromTheirOwnLabelAndNeverReplacesAnothers() throws {
        let store = try store()
        try label(store, LabelChange(status: .accepted, reward: .set(0.5, reason: "partial"), addTags: ["a"]), by: "r1")
        try label(store, LabelChange(addTags: ["b"], note: .set("looks off")), by: "r2")

        #expect(
            try store.currentLabel(of: "db_0", reviewer: "r1")
                == ReviewLabel(status: .accepted, reward: 0.5, rewardReason: "partial", tags: ["a"]))
        #expect(
            try store.currentLabel(of: "db_0", reviewer: "r2")
                == ReviewLabel(status: .pending, tags: ["b"], note: "looks off"))
        let labels = try store.reviewerLabels(of: "db_0")
        #expect(labels.map(\.reviewer) == ["r1", "r2"])
        // The decision: r1's accept (one review decides), the one override, every reviewer's tags, and
        // the latest label's note.
        let decision = try store.currentLabel(of: "db_0")
        #expect(
            decision
                == ReviewLabel(
                    status: .accepted, reward: 0.5, rewardReason: "partial", tags: ["a", "b"], note: "looks off"))
        #expect(try store.trajectoryIDs(matching: try Filter.parse("tag:b")) == ["db_0"])
        #expect(try store.trajectoryIDs(matching: try Filter.parse("reviewer:r2")) == ["db_0"])
        #expect(try store.trajectoryIDs(matching: try Filter.parse("reviewer:none")) == ["db_1", "db_3"])
        #expect(try store.labelHistory(of: "db_0").map(\.reviewer) == ["r1", "r2"])
        try expectConsistent(store)
    }

    /// Each row: the policy, the reviewers' statuses in the order they label, and the decision.
    @Test(arguments: [
        (1, TeamPolicy.Consensus.majority, [LabelStatus.accepted], LabelStatus.accepted),
        (1, .majority, [.pending], .pending),
        (1, .majority, [.accepted, .rejected], .disputed),
        (1, .majority, [.accepted, .rejected, .accepted], .accepted),
        (1, .majority, [.rejected, .rejected, .accepted], .rejected),
        (2, .majority, [.accepted], .pending),
        (2, .majority, [.accepted, .pending], .pending),
        (2, .majority, [.accepted, .accepted], .accepted),
        (2, .unanimous, [.accepted, .accepted, .rejected], .disputed),
        (3, .unanimous, [.rejected, .rejected, .rejected], .rejected),
        (3, .majority, [.rejected, .accepted, .rejected, .accepted], .disputed),
    ])
    func thePolicyDecides(
        minReviews: Int, consensus: TeamPolicy.Consensus, statuses: [LabelStatus], decision: LabelStatus
    )
        throws
    {
        let store = try store()
        try store.setTeamPolicy(try TeamPolicy(minReviews: minReviews, consensus: consensus), by: "lead")
        for (index, status) in statuses.enumerated() {
            try label(store, LabelChange(status: status, addTags: ["seen"]), by: "r\(index)")
        }
        #expect(try store.currentLabel(of: "db_0").status == decision)
        #expect(try store.trajectoryIDs(matching: try Filter.parse("status:\(decision.rawValue)")).contains("db_0"))
        try expectConsistent(store)
    }

    @Test func anAdjudicatorsLatestDecisionIsFinalAndTheirRewardWins() throws {
        let store = try store()
        try store.setTeamPolicy(
            try TeamPolicy(minReviews: 3, consensus: .unanimous, adjudicators: ["lead", "ops"]), by: "admin")
        try label(store, LabelChange(status: .accepted, reward: .set(0.2, reason: nil)), by: "r1")
        try label(store, LabelChange(status: .accepted, reward: .set(0.9, reason: nil)), by: "r2")
        #expect(try store.currentLabel(of: "db_0").status == .pending)
        try label(store, LabelChange(status: .rejected, reward: .set(0.1, reason: "wrong table")), by: "lead")
        var decision = try store.currentLabel(of: "db_0")
        #expect(decision.status == .rejected)
        #expect(decision.reward == 0.1)
        #expect(decision.rewardReason == "wrong table")
        try label(store, .accept, by: "ops")
        decision = try store.currentLabel(of: "db_0")
        #expect(decision.status == .accepted)
        // ops set no reward: lead's override stays the adjudicated one.
        #expect(decision.reward == 0.1)
        #expect(try store.reviewerLabels(of: "db_0").filter(\.isAdjudicator).map(\.reviewer) == ["lead", "ops"])
        try expectConsistent(store)
    }

    @Test func theRewardIsTheMedianOfTheReviewersOverrides() throws {
        let store = try store()
        try label(store, LabelChange(reward: .set(0.2, reason: "a")), by: "r1")
        try label(store, LabelChange(reward: .set(0.6, reason: "b")), by: "r2")
        #expect(try store.currentLabel(of: "db_0").reward == 0.4)
        #expect(try store.currentLabel(of: "db_0").rewardReason == nil)
        try label(store, LabelChange(reward: .set(1, reason: nil)), by: "r3")
        #expect(try store.currentLabel(of: "db_0").reward == 0.6)
        try label(store, LabelChange(reward: .clear), by: "r2")
        #expect(try store.currentLabel(of: "db_0").reward == 0.6)
        // A reviewer without an override leaves the environment's reward in charge.
        try label(store, LabelChange(reward: .clear), by: "r1")
        try label(store, LabelChange(reward: .clear), by: "r3")
        #expect(try store.currentLabel(of: "db_0").reward == nil)
        try expectConsistent(store)
    }

    /// QA: the median of 0.8 and 0.4 was stored and exported as 0.6000000000000001; it is rounded to
    /// 12 decimals. A median stored before that rounding is no fault for the check.
    @Test func theMedianRewardIsRoundedToTwelveDecimals() throws {
        let store = try store()
        try label(store, LabelChange(reward: .set(0.8, reason: nil)), by: "r1")
        try label(store, LabelChange(reward: .set(0.4, reason: nil)), by: "r2")
        #expect(try store.currentLabel(of: "db_0").reward == 0.6)
        try expectConsistent(store)
        try store.testSeam.write { db in
            try db.execute(sql: "UPDATE label_current SET reward = 0.6000000000000001 WHERE reward = 0.6")
        }
        try expectConsistent(store)
        try store.testSeam.write { db in
            try db.execute(sql: "UPDATE label_current SET reward = 0.61 WHERE reward > 0.59 AND reward < 0.62")
        }
        #expect(try !store.check().isOK)
    }

    @Test func undoTakesBackOnlyTheReviewersOwnLabel() throws {
        let store = try store()
        try label(store, .accept, by: "r1")
        try label(store, LabelChange(status: .rejected, addTags: ["x"]), by: "r2")
        try label(store, .accept, by: "r2", id: "db_1")
        #expect(try store.currentLabel(of: "db_0").status == .disputed)
        let undone = try #require(try store.undo(reviewer: "r1", origin: "test"))
        #expect(undone.count == 1)
        #expect(try store.currentLabel(of: "db_0", reviewer: "r1") == .unreviewed)
        #expect(try store.currentLabel(of: "db_0", reviewer: "r2") == ReviewLabel(status: .rejected, tags: ["x"]))
        #expect(try store.currentLabel(of: "db_0").status == .rejected)
        #expect(try store.reviewerLabels(of: "db_0").map(\.reviewer) == ["r2"])
        try store.redo(reviewer: "r1", origin: "test")
        #expect(try store.currentLabel(of: "db_0").status == .disputed)
        // r2's undo takes back r2's last change (db_1), not r1's.
        try store.undo(reviewer: "r2", origin: "test")
        #expect(try store.currentLabel(of: "db_1") == .unreviewed)
        #expect(try store.currentLabel(of: "db_0").status == .disputed)
        #expect(try store.trajectoryIDs(matching: try Filter.parse("reviewer:none")) == ["db_1", "db_3"])
        try expectConsistent(store)
    }

    @Test func aBulkChangeLabelsOnlyTheReviewersOwnLabels() throws {
        let store = try store()
        try label(store, .reject, by: "r1")
        let batch = try #require(try store.applyLabel(.accept, matching: Filter(nil), reviewer: "r2", origin: "test"))
        #expect(batch.count == 3)
        #expect(try store.currentLabel(of: "db_0").status == .disputed)
        #expect(try store.currentLabel(of: "db_1").status == .accepted)
        #expect(try store.previewLabel(.accept, matching: Filter(nil), reviewer: "r2", limit: 0).count == 0)
        #expect(try store.previewLabel(.accept, matching: Filter(nil), reviewer: "r1", limit: 0).count == 3)
        #expect(try store.trajectoryIDs(matching: try Filter.parse("status:disputed")) == ["db_0"])
        #expect(try store.trajectoryIDs(matching: try Filter.parse("status:pending")) == [])
        let counts = try store.listCounts(matching: Filter(nil), sortedBy: ListSort(), before: nil)
        #expect(counts.counts == StatusCounts(accepted: 2, rejected: 0, pending: 0, disputed: 1))
        #expect(try store.stats().total.disputed == 1)
        try expectConsistent(store)
    }

    /// Through the reviewer's index, finding each trajectory's previous label walked every earlier event
    /// of the reviewer: an undo of a million would not end.
    @Test func undoFindsEachPreviousLabelThroughItsTrajectorysEvents() throws {
        let store = try store()
        let plan = try store.testSeam.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(Store.labelsBeforeBatch)", arguments: [1, 1, 2]).map {
                $0["detail"] as String
            }
        }
        #expect(plan.contains { $0.contains("label_event_by_trajectory") })
        #expect(!plan.contains { $0.contains("label_event_by_reviewer") })
    }

    @Test func changingThePolicyDecidesEveryTrajectoryAgainAndIsRecorded() throws {
        let store = try store()
        try label(store, .accept, by: "r1")
        try label(store, .accept, by: "r1", id: "db_1")
        try label(store, .reject, by: "r2", id: "db_1")
        #expect(try store.teamPolicy() == .solo)
        let changed = try store.setTeamPolicy(
            try TeamPolicy(minReviews: 2, consensus: .majority, adjudicators: ["r2"]), by: "lead")
        #expect(changed.changed == 2)
        // Counted in the same transaction: db_0's acceptance waits for a second review, r2 adjudicates db_1.
        #expect(changed.statusMoves.hasPrefix("accepted 1 → 0, rejected 0 → 1, disputed 1 → 0, pending "))
        #expect(try store.currentLabel(of: "db_0").status == .pending)
        #expect(try store.currentLabel(of: "db_1").status == .rejected)
        #expect(try store.teamPolicy() == (try TeamPolicy(minReviews: 2, consensus: .majority, adjudicators: ["r2"])))
        let recorded = try store.testSeam.read { db in
            try Row.fetchOne(db, sql: "SELECT set_by, set_at FROM team_policy ORDER BY id DESC LIMIT 1")
        }
        #expect(recorded?["set_by"] == "lead")
        try store.setTeamPolicy(.solo, by: "lead")
        #expect(try store.currentLabel(of: "db_0").status == .accepted)
        #expect(try store.currentLabel(of: "db_1").status == .disputed)
        try expectConsistent(store)
    }

    @Test func replacingARecordPutsEveryReviewersDecisionBackToPending() throws {
        let directory = TemporaryDirectory()
        let store = try store()
        try label(store, LabelChange(status: .accepted, addTags: ["good"]), by: "r1")
        try label(store, LabelChange(status: .rejected, note: .set("why")), by: "r2")
        try label(store, LabelChange(note: .set("undecided")), by: "r3")
        let changed = try String(contentsOfFile: Self.fixture, encoding: .utf8).split(separator: "\n")[0]
            .replacingOccurrences(of: "How many singers", with: "How many SINGERS")
        let summary = try TrajectoryImporter(store: store, options: .init(replace: true))
            .importFiles([directory.write("changed.jsonl", changed + "\n")])
        #expect(summary.replaced == 1)
        #expect(try store.currentLabel(of: "db_0", reviewer: "r1") == ReviewLabel(status: .pending, tags: ["good"]))
        #expect(try store.currentLabel(of: "db_0", reviewer: "r2") == ReviewLabel(status: .pending, note: "why"))
        #expect(try store.currentLabel(of: "db_0").status == .pending)
        let batches = try store.testSeam.read { db in
            try Row.fetchAll(db, sql: "SELECT reviewer, origin, change FROM label_batch ORDER BY id DESC LIMIT 1")
        }
        #expect(batches.first?["reviewer"] == LabelBatch.importReviewer)
        #expect(batches.first?["origin"] == "import")
        // One event per reviewer with a history on it, r3 (who only wrote a note) too: the batch marks the
        // replacement no undo or redo crosses. r3's label is as it was.
        #expect(try store.labelHistory(of: "db_0").suffix(3).map(\.reviewer) == ["r1", "r2", "r3"])
        #expect(try store.currentLabel(of: "db_0", reviewer: "r3") == ReviewLabel(status: .pending, note: "undecided"))
        // Undo by r1 acts on r1's own batch, not on trove's reset.
        try store.undo(reviewer: "r1", origin: "test")
        #expect(try store.currentLabel(of: "db_0", reviewer: "r1") == .unreviewed)
        try expectConsistent(store)
    }

    @Test func disputedIsNoReviewersLabel() throws {
        let store = try store()
        #expect(throws: LabelChangeError.derivedStatus) {
            try store.applyLabel(LabelChange(status: .disputed), to: ["db_0"], reviewer: "r1", origin: "test")
        }
    }

    /// A version 4 store with two reviewers on one trajectory and a reset by import on another, built
    /// by SQL: each reviewer's latest event becomes their label, a reset's trove event is no one's
    /// label but puts the decision it came after back to pending.
    @Test func aVersionFourStoreMigratesToOneLabelPerReviewer() throws {
        let queue = try DatabaseQueue()
        try StoreSchema.migrator.migrate(queue, upTo: "v4-outcomes-and-tool-calls")
        try queue.write { db in
            try StoreRows.insertTrajectories([(7, "os_1", 0, 0), (8, "os_2", 0, 0), (9, "os_3", 0, 0)], into: db)
            try db.execute(
                sql: """
                    INSERT INTO label_batch (id, reviewer, at, kind, reverts, change, origin) VALUES
                        (1, 'ana', '2026-01-01T00:00:01.000Z', 'label', NULL, 'accept, tag a', 'ui'),
                        (2, 'bo', '2026-01-01T00:00:02.000Z', 'label', NULL, 'reject', 'ui'),
                        (3, 'ana', '2026-01-01T00:00:03.000Z', 'label', NULL, 'accept', 'cli'),
                        (4, 'trove', '2026-01-01T00:00:04.000Z', 'label', NULL, 'pending: record replaced', 'import'),
                        (5, 'bo', '2026-01-01T00:00:05.000Z', 'label', NULL, 'pending', 'ui');
                    INSERT INTO label_event (id, trajectory_id, reviewer, at, kind, reverts, status, reward,
                        reward_reason, tags, note, origin, batch) VALUES
                        (1, 7, 'ana', '2026-01-01T00:00:01.000Z', 'label', NULL, 'accepted', NULL, NULL, '["a"]', NULL, 'ui', 1),
                        (2, 7, 'bo', '2026-01-01T00:00:02.000Z', 'label', NULL, 'rejected', NULL, NULL, '["a"]', NULL, 'ui', 2),
                        (3, 8, 'ana', '2026-01-01T00:00:03.000Z', 'label', NULL, 'accepted', 0.5, 'r', '[]', NULL, 'cli', 3),
                        (4, 8, 'trove', '2026-01-01T00:00:04.000Z', 'label', NULL, 'pending', 0.5, 'r', '[]', NULL, 'import', 4),
                        (5, 9, 'bo', '2026-01-01T00:00:05.000Z', 'label', NULL, 'pending', NULL, NULL, '[]', NULL, 'ui', 5);
                    INSERT INTO label_current (trajectory_id, event_id, status, reward, reward_reason, tags, note, reviewer, at)
                    VALUES (7, 2, 'rejected', NULL, NULL, '["a"]', NULL, 'bo', '2026-01-01T00:00:02.000Z'),
                           (8, 4, 'pending', 0.5, 'r', '[]', NULL, 'trove', '2026-01-01T00:00:04.000Z'),
                           (9, 5, 'pending', NULL, NULL, '[]', NULL, 'bo', '2026-01-01T00:00:05.000Z');
                    INSERT INTO label_tag (trajectory_id, tag) VALUES (7, 'a');
                    """)
        }
        let store = try Store(queue, path: ":memory:")
        let version = try store.testSeam.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM store_info WHERE key = 'schema_version'")
        }
        #expect(version == "\(StoreSchema.version)")
        #expect(
            try store.reviewerLabels(of: "os_1").map { [$0.reviewer, $0.label.status.rawValue] } == [
                ["ana", "accepted"], ["bo", "rejected"],
            ])
        #expect(try store.currentLabel(of: "os_1") == ReviewLabel(status: .disputed, tags: ["a"]))
        // ana's accept came before the record was replaced: it is pending again, with her reward.
        #expect(try store.reviewerLabels(of: "os_2").map(\.reviewer) == ["ana"])
        #expect(try store.currentLabel(of: "os_2") == ReviewLabel(status: .pending, reward: 0.5, rewardReason: "r"))
        let reset = try store.testSeam.read { db in
            try Row.fetchOne(db, sql: "SELECT reviewer, origin FROM label_batch ORDER BY id DESC LIMIT 1")
        }
        #expect(reset?["origin"] == "migration")
        // bo's empty pending label is no label.
        #expect(try store.reviewerLabels(of: "os_3").isEmpty)
        #expect(try store.trajectoryIDs(matching: try Filter.parse("reviewer:none")) == ["os_3"])
        try expectConsistent(store)
    }

    @Test func anEventWrittenBySQLWithoutABatchIsItsReviewersLabel() throws {
        let store = try store()
        try label(store, .accept, by: "r1")
        try store.testSeam.write { db in
            try db.execute(
                sql: """
                    INSERT INTO label_event (trajectory_id, reviewer, at, kind, status, tags, origin)
                    SELECT id, 'script', '2026-01-01T00:00:00.000Z', 'label', 'rejected', '["bad"]', 'sql'
                    FROM trajectory WHERE external_id = 'db_0'
                    """)
        }
        #expect(try store.currentLabel(of: "db_0") == ReviewLabel(status: .disputed, tags: ["bad"]))
        try expectConsistent(store)
    }
}
