import Foundation
import Testing
import TroveCore
import TrovePostgres
import TroveStore
import TroveTestSupport

/// The team commands' store work (``TeamStore``) is the same on both backends: on the fixture stores
/// of ``FilterContractTests``, the same policy derives the same decisions, the same request makes the
/// same assignment, and progress and agreement give the same numbers.
@Suite(.enabled(if: TestPostgres.url != nil, TestPostgres.skipMessage))
struct TeamContractTests {
    private static let decisions = """
        SELECT t.external_id, l.status, l.reward, l.tags, l.reviewer FROM label_current l
        JOIN trajectory t ON t.id = l.trajectory_id ORDER BY t.id
        """

    @Test func aPolicyDerivesTheSameDecisions() throws {
        let (sqlite, postgres, stores) = try Self.teamStores()
        // ana joins bo on the third trajectory, with a reward and tags of her own to merge.
        let third = "(SELECT id FROM trajectory ORDER BY id LIMIT 1 OFFSET 2)"
        let second = """
            INSERT INTO label_event (id, trajectory_id, reviewer, at, kind, status, reward, tags, origin, batch)
                VALUES (6, \(third), 'ana', '2026-11-30T00:00:01Z', 'label', 'accepted', 0.75, '["zeta","long"]', 'test', 1);
            INSERT INTO reviewer_current (trajectory_id, reviewer, event_id, status, reward, tags, at)
                VALUES (\(third), 'ana', 6, 'accepted', 0.75, '["zeta","long"]', '2026-11-30T00:00:01Z')
            """
        try stores.sqlite.execute(second)
        try stores.postgres.execute(second)
        let strict = try TeamPolicy(minReviews: 2, consensus: .unanimous, adjudicators: ["bo"])
        #expect(try postgres.setTeamPolicy(strict, by: "lead") == sqlite.setTeamPolicy(strict, by: "lead"))
        #expect(try postgres.teamPolicy() == strict)
        #expect(try sqlite.teamPolicy() == strict)
        let strictRows = try stores.postgres.rows(Self.decisions)
        #expect(strictRows == (try stores.sqlite.rows(Self.decisions)))
        // bo adjudicates the split trajectory; ana alone on the first is one review short of two.
        #expect(strictRows.map { $0[1] } == ["pending", "accepted", "accepted", "pending"])
        let tags = "SELECT trajectory_id, tag FROM label_tag ORDER BY trajectory_id, tag"
        #expect(try stores.postgres.rows(tags) == stores.sqlite.rows(tags))

        let changed = try postgres.setTeamPolicy(.solo, by: "lead")
        #expect(changed.changed == 2)
        #expect(try sqlite.setTeamPolicy(.solo, by: "lead") == changed)
        let soloRows = try stores.postgres.rows(Self.decisions)
        #expect(soloRows == (try stores.sqlite.rows(Self.decisions)))
        #expect(soloRows.map { $0[1] } == ["accepted", "disputed", "accepted", "pending"])
        // The median of two overrides, and the union of both reviewers' tags by code point.
        #expect(soloRows[2][2] == "0.5")
        #expect(soloRows[2][3] == #"["long","wrong","zeta"]"#)
        #expect(strictRows[2][2] == "0.25")
    }

    /// `trove check` derives every decision again under the policy on both backends: a decision edited
    /// by hand is named the same way on each.
    @Test func theCheckNamesADecisionThatIsNotThePolicys() throws {
        let (sqlite, postgres, stores) = try Self.teamStores()
        let strict = try TeamPolicy(minReviews: 2, consensus: .unanimous, adjudicators: ["bo"])
        _ = try sqlite.setTeamPolicy(strict, by: "lead")
        _ = try postgres.setTeamPolicy(strict, by: "lead")
        let problems = { (store: BackendStore) in try store.check().findings.flatMap(\.problems) }
        let before = try [stores.sqlite, stores.postgres].map(problems)
        #expect(before[0] == before[1])
        for store in [stores.sqlite, stores.postgres] {
            try store.execute(
                "UPDATE label_current SET status = 'rejected' WHERE trajectory_id = (SELECT min(trajectory_id) FROM label_current)"
            )
        }
        let after = try [stores.sqlite, stores.postgres].map(problems)
        #expect(after[0] == after[1])
        let new = after[0].filter { !before[0].contains($0) }
        #expect(new.count == 1)
        #expect(new.first?.hasSuffix("label_current is not the decision of its reviewers' labels") == true)
    }

    @Test func anAssignmentIsTheSameAndNotRepeated() throws {
        let (sqlite, postgres, stores) = try Self.teamStores()
        let scope = try Filter.parse("task:os or task:db*")
        let first = try postgres.assign(reviewers: ["ana", "bo", "cy"], perItem: 2, matching: scope, seed: 7)
        #expect(first == (try sqlite.assign(reviewers: ["ana", "bo", "cy"], perItem: 2, matching: scope, seed: 7)))
        #expect(first.trajectories > 0)
        #expect(first.loads.map(\.added).reduce(0, +) > 0)
        let assigned = """
            SELECT t.external_id, a.reviewer FROM assignment a JOIN trajectory t ON t.id = a.trajectory_id
            ORDER BY t.id, a.reviewer
            """
        #expect(try stores.postgres.rows(assigned) == stores.sqlite.rows(assigned))
        let again = try postgres.assign(reviewers: ["ana", "bo", "cy"], perItem: 2, matching: scope, seed: 7)
        #expect(again.loads.allSatisfy { $0.added == 0 })
        #expect(throws: AssignmentError.tooFewReviewers(perItem: 3, reviewers: 2)) {
            try postgres.assign(reviewers: ["ana", "bo", "ana"], perItem: 3, matching: scope, seed: 7)
        }
    }

    /// QA: a label that decides nothing (the fixture's ana holds a pending one on the fourth
    /// trajectory) counted towards --per-item, so its reviewer was never assigned the trajectory.
    @Test func aLabelThatDecidesNothingLeavesItsTrajectoryToAssign() throws {
        let (sqlite, postgres, stores) = try Self.teamStores()
        for store in [stores.sqlite, stores.postgres] { try store.execute("DELETE FROM assignment") }
        let summary = try postgres.assign(reviewers: ["ana", "bo"], perItem: 2, matching: Filter(nil), seed: 3)
        #expect(summary == (try sqlite.assign(reviewers: ["ana", "bo"], perItem: 2, matching: Filter(nil), seed: 3)))
        let firstFour = """
            SELECT a.trajectory_id, a.reviewer FROM assignment a WHERE a.trajectory_id IN (SELECT id FROM trajectory ORDER BY id LIMIT 4)
            ORDER BY a.trajectory_id, a.reviewer
            """
        let rows = try stores.postgres.rows(firstFour)
        #expect(rows == (try stores.sqlite.rows(firstFour)))
        // ana decided the first two and bo the second and third; the fourth goes to both.
        #expect(rows.map { $0[1] } == ["bo", "ana", "ana", "bo"])
        #expect(rows.map { $0[0] }.count(where: { $0 == rows[3][0] }) == 2)
    }

    /// QA: the median of overrides 0.8 and 0.4 was 0.6000000000000001; both backends round it to 0.6,
    /// and neither's check faults a median stored unrounded before.
    @Test func theMedianRewardIsRoundedTheSameWay() throws {
        let stores = try [TestBackend.sqlite, .postgres].map { backend in
            let store = try BackendStore(backend)
            try store.importFiles([Fixtures.url("dialects/db.json").path])
            return store
        }
        let sqlite = try Store.open(path: stores[0].sqlitePath)
        let postgres = try #require(stores[1].postgresStore)
        for (reviewer, reward) in [("r1", 0.8), ("r2", 0.4)] {
            let change = LabelChange(reward: .set(reward, reason: nil))
            try sqlite.applyLabel(change, to: ["db_f2"], reviewer: reviewer, origin: "test")
            try postgres.applyLabel(change, to: ["db_f2"], reviewer: reviewer, origin: "test")
        }
        let reward = """
            SELECT l.reward FROM label_current l JOIN trajectory t ON t.id = l.trajectory_id
            WHERE t.external_id = 'db_f2'
            """
        for store in stores {
            #expect(try store.rows(reward) == [["0.6"]])
            // A median stored before the rounding is no fault for the check.
            try store.execute("UPDATE label_current SET reward = 0.6000000000000001 WHERE reward = 0.6")
            #expect(try store.rows(reward) == [["0.6000000000000001"]])
            #expect(try store.check().findings.flatMap(\.problems) == [])
        }
    }

    @Test func progressAndAgreementGiveTheSameNumbers() throws {
        let (sqlite, postgres, stores) = try Self.teamStores()
        // A later change of ana's (an event of no batch: one change of its own) gives her a pace: her
        // fixture events, all one batch, and this one are two changes over half an hour.
        let later = """
            INSERT INTO label_event (id, trajectory_id, reviewer, at, kind, status, tags, origin)
                VALUES (6, (SELECT id FROM trajectory ORDER BY id LIMIT 1 OFFSET 5), 'ana',
                        '2026-11-30T00:30:00Z', 'label', 'pending', '[]', 'test')
            """
        try stores.sqlite.execute(later)
        try stores.postgres.execute(later)
        let (fromSQLite, fromPostgres) = (try sqlite.progress(), try postgres.progress())
        #expect(fromPostgres.map(\.reviewer) == ["ana", "bo"])
        #expect(fromPostgres.map(\.reviewer) == fromSQLite.map(\.reviewer))
        #expect(fromPostgres.map(\.assigned) == fromSQLite.map(\.assigned))
        #expect(fromPostgres.map(\.done) == fromSQLite.map(\.done))
        #expect(fromPostgres.map(\.decided) == fromSQLite.map(\.decided))
        #expect(fromPostgres.map(\.decided) == [2, 2])
        let pace = fromPostgres.map { $0.labelsPerHour.map { ($0 * 1000).rounded() / 1000 } }
        #expect(pace == fromSQLite.map { $0.labelsPerHour.map { ($0 * 1000).rounded() / 1000 } })
        #expect(pace == [2, nil])
        for source in ["", "task:db*", "status:disputed"] {
            let filter = try Filter.parse(source)
            #expect(try postgres.agreement(matching: filter) == sqlite.agreement(matching: filter))
        }
        #expect(try postgres.agreement(matching: Filter(nil)).json == sqlite.agreement(matching: Filter(nil)).json)
    }

    /// The fixture stores of ``FilterContractTests`` as the team commands see them.
    private static func teamStores() throws -> (
        sqlite: any TeamStore, postgres: any TeamStore, stores: (sqlite: BackendStore, postgres: BackendStore)
    ) {
        let stores = try FilterContractTests.labeledStores()
        return (try Store.open(path: stores.sqlite.sqlitePath), try #require(stores.postgres.postgresStore), stores)
    }
}
