import Foundation
import Testing
import TroveCore
import TroveTestSupport

@testable import TroveStore

/// Task groups over the real WebArena sample: the only real file in ../shared/data with several runs of
/// one task instance (three runs of "What is the top-1 best-selling product in 2022").
@Suite(.enabled(if: Fixtures.sharedData != nil, "../shared/data is absent"))
struct SharedDataGroupTests {
    @Test func theThreeRealWebArenaRunsOfOneQuestionShareAGroupAndAlignOnTheirFinalStop() throws {
        let store = try Store.inMemory()
        let file = Fixtures.sharedData!.appendingPathComponent("webarena/webarena_successful_sample_raw.json")
        _ = try TrajectoryImporter(store: store).importFiles([file.path])
        let first = try #require(try store.trajectory(id: "webarena/0/3477062987087774639"))
        let group = try #require(TaskGroup.id(of: first.trajectory, parsed: first.parsed))
        #expect(try store.trajectoryIDs(matching: Filter.parse("group:\(group)")).count == 3)
        let second = try #require(try store.trajectory(id: "webarena/0/5713685161431411441"))
        // One run stops at once, the other clicks first: the click stands alone and the stops pair up.
        let alignment = RunAlignment(left: first.parsed.steps, right: second.parsed.steps)
        #expect(
            alignment.rows == [
                RunAlignment.Row(left: nil, right: 0, isMatch: false),
                RunAlignment.Row(left: 0, right: 1, isMatch: true),
            ])
    }
}
