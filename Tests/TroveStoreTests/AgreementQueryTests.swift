import Testing
import TroveCore
import TroveTestSupport

@testable import TroveStore

/// Issue 13 item 6: each reviewer's current decision and reward override, read for agreement.
@Suite struct AgreementQueryTests {
    private func store() throws -> Store {
        let store = try Store.inMemory()
        try TrajectoryImporter(store: store).importFiles([Fixtures.url("import/db-small.jsonl").path])
        return store
    }

    private func label(_ store: Store, _ change: LabelChange, _ id: String, by reviewer: String) throws {
        try store.applyLabel(change, to: [id], reviewer: reviewer, origin: "test")
    }

    @Test func readsEachReviewersCurrentJudgementOnTrajectoriesTwoOrMoreJudged() throws {
        let store = try store()
        try label(store, LabelChange(status: .accepted, reward: .set(0.5, reason: nil)), "db_0", by: "r1")
        try label(store, LabelChange(status: .rejected, reward: .set(1, reason: nil)), "db_0", by: "r2")
        try label(store, LabelChange(status: .accepted), "db_1", by: "r2")
        try label(store, LabelChange(status: .accepted), "db_1", by: "r1")
        // A tag alone is a label, but no judgement: r3 is read (as undecided) only beside two judgements.
        try label(store, LabelChange(addTags: ["odd"]), "db_1", by: "r3")
        try label(store, LabelChange(status: .accepted), "db_3", by: "r1")
        try label(store, LabelChange(addTags: ["odd"]), "db_3", by: "r3")

        #expect(
            try store.agreementJudgements() == [
                AgreementJudgement(unit: "db_0", task: "db", reviewer: "r1", decision: .accept, reward: 0.5),
                AgreementJudgement(unit: "db_0", task: "db", reviewer: "r2", decision: .reject, reward: 1),
                AgreementJudgement(unit: "db_1", task: "db", reviewer: "r1", decision: .accept, reward: nil),
                AgreementJudgement(unit: "db_1", task: "db", reviewer: "r2", decision: .accept, reward: nil),
                AgreementJudgement(unit: "db_1", task: "db", reviewer: "r3", decision: nil, reward: nil),
            ])
        #expect(
            try store.agreementJudgements(matching: try Filter.parse("tag:odd")).map(\.unit) == [
                "db_1", "db_1", "db_1",
            ])

        let report = try store.agreement(matching: Filter(nil))
        #expect(report.units == 2)
        #expect(report.pairs == [AgreementReport.Pair(first: "r1", second: "r2", kappa: 0, shared: 2)])
        #expect(report.rewardUnits == 1)
        #expect(report == (try store.agreement()))
    }

    @Test func aReviewersUndoTakesTheirJudgementOut() throws {
        let store = try store()
        try label(store, LabelChange(status: .accepted), "db_0", by: "r1")
        try label(store, LabelChange(status: .rejected), "db_0", by: "r2")
        #expect(try store.agreement().units == 1)
        try store.undo(reviewer: "r2", origin: "test")
        #expect(try store.agreementJudgements().isEmpty)
        #expect(try store.agreement().units == 0)
    }
}
