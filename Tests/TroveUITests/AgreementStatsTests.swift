import Testing
import TroveCore
import TroveStore
import TroveTestSupport

@testable import TroveUI

/// Issue 13 item 7: the stats screen (Tab) shows decision agreement per task and kappa per pair of
/// reviewers, read through the review port.
@Suite struct AgreementStatsTests {
    /// Five OS trajectories: ana and ben decide all five (agreeing on three), cy accepts two.
    static func store() throws -> Store {
        let store = try ReviewSession.store(ids: ["a1", "a2", "a3", "a4", "a5"])
        for (reviewer, status, ids) in [
            ("ana", LabelStatus.accepted, ["a1", "a2", "a3"]), ("ana", .rejected, ["a4", "a5"]),
            ("ben", .accepted, ["a1", "a2", "a4"]), ("ben", .rejected, ["a3", "a5"]), ("cy", .accepted, ["a1", "a3"]),
        ] {
            try store.applyLabel(LabelChange(status: status), to: ids, reviewer: reviewer, origin: "test")
        }
        return store
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func statsShowAgreementPerTaskAndPair(size: Size) throws {
        let session = ReviewSession.run(try Self.store(), size: size, events: Script.events(.key(.tab)))
        assertSnapshot(session.canvas, named: "stats-agreement")
        let lines = session.canvas.lines
        #expect(lines.contains { $0.contains("Agreement  5 trajectories decided by two or more reviewers") })
        #expect(lines.contains { $0.contains("  ana · ben     0.167       5 ") })
    }

    @Test func severalTasksAddARowForAllAndNoUnitsShowNothing() {
        let judgements =
            [("u1", "db", "ana", true), ("u1", "db", "ben", true), ("u2", "os", "ana", true)]
            + [("u2", "os", "ben", false)]
        let report = AgreementReport(
            judgements: judgements.map {
                AgreementJudgement(
                    unit: $0.0, task: $0.1, reviewer: $0.2, decision: $0.3 ? .accept : .reject, reward: nil)
            }, resamples: 0)
        let text = StatsScreen.agreementLines(report).map { $0.map(\.text).joined() }
        #expect(text.contains { $0.hasPrefix("  all ") && $0.hasSuffix("      2") })
        #expect(text.contains { $0.hasPrefix("  db ") && $0.contains("      —") })
        #expect(StatsScreen.agreementLines(nil).isEmpty)
        #expect(StatsScreen.agreementLines(AgreementReport(judgements: [])).isEmpty)
    }
}
