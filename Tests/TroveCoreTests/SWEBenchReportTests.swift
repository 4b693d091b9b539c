import Testing
import TroveTestSupport

@testable import TroveCore

@Suite struct SWEBenchReportTests {
    @Test func perInstanceReportGivesResolvedAsOneOrZero() throws {
        let rewards = try RewardTable.load(path: Fixtures.url("agent-runs/report.json").path)
        #expect(rewards == ["example__repo-1": 1])
    }

    @Test func resultsSummaryGivesResolvedIdsOneAndOtherListedIdsZero() throws {
        let rewards = try RewardTable.load(path: Fixtures.url("agent-runs/results.json").path)
        #expect(rewards == ["example__repo-1": 0, "example__repo-2": 1])
    }

    @Test func aTrajectoryFileIsNotAReport() throws {
        #expect(try SWEBenchReport.load(path: Fixtures.url("agent-runs/sweagent.traj").path) == nil)
        #expect(SWEBenchReport.rewards(in: .object(["id": "x", "reward": .number("1")])) == nil)
    }
}
