import Testing
import TroveCore
import TroveTestSupport

@testable import TroveStore

@Suite struct StatsTests {
    @Test func countsPerTaskWithRewardsStatusAndFlags() throws {
        let store = try Store.inMemory()
        let options = TrajectoryImporter.Options(codec: .init(defaultReward: 1))
        try TrajectoryImporter(store: store, options: options).importFiles([Fixtures.url("import/db-small.jsonl").path])
        try store.applyLabel(
            LabelChange(status: .rejected, reward: .set(0.25, reason: nil)), to: ["db_1"], reviewer: "a", origin: "t")
        let stats = try store.stats()
        #expect(stats.tasks.map(\.task) == ["db"])
        let db = stats.tasks[0]
        #expect(db.trajectories == 3)
        #expect(db.steps == 6)
        #expect(db.rejected == 1)
        #expect(db.pending == 2)
        #expect(db.rewards.bins[9] == 2)
        #expect(db.rewards.bins[2] == 1)
        #expect(db.rewards.unknown == 0)
        let report = StatsReport.render(stats)
        #expect(report.contains("db         3        6         0         1        2         0"))
    }

    /// Issue 10 item 9: stats shows how many trajectories of each task have no reward.
    @Test func theTableCountsTrajectoriesWithNoRewardPerTask() throws {
        let store = try Store.inMemory()
        try TrajectoryImporter(store: store).importFiles([Fixtures.url("import/db-small.jsonl").path])
        try store.applyLabel(LabelChange(reward: .set(1, reason: nil)), to: ["db_1"], reviewer: "a", origin: "t")
        let report = StatsReport.render(try store.stats())
        #expect(report.hasPrefix("task   trajs    steps  accepted  rejected  pending no-reward"))
        #expect(report.contains("db         3        6         0         0        3         2"))
    }
}
