import Testing
import TroveCore
import TroveStore
import TroveTestSupport
import TroveUI

/// QA: a reward's reason (`trove label --reward 0 --reason "wrong count"`) showed only in the team's
/// side-by-side table, which a single reviewer never sees. The history line and the trajectory's label
/// area show it beside the reward.
@Suite struct RewardReasonTests {
    private static func store() throws -> Store {
        let store = try ReviewSession.fixtureStore()
        try store.applyLabel(
            LabelChange(reward: .set(0, reason: "wrong count")), to: ["kg_f1"], reviewer: "carol", origin: "cli")
        return store
    }

    @Test func theHistoryLineGivesTheReason() throws {
        let session = ReviewSession.run(
            try Self.store(), size: Size(width: 100, height: 24),
            events: Script.open("kg_f1") + Script.events(.keys("H")),
            reviewer: "carol")
        let lines = session.canvas.lines
        #expect(session.runtime.state.screen == .history)
        #expect(
            lines.contains { $0.contains("carol") && $0.contains("pending reward 0.00 (reason: wrong count) (cli)") },
            "\(lines.joined(separator: "\n"))")
    }

    /// Wrapped under its column at 40 columns, and still all there after `G`.
    @Test func aNarrowHistoryWrapsTheReasonAndScrollsToItsEnd() throws {
        let store = try Self.store()
        let long = (1...30).map { "word\($0)" }.joined(separator: " ")
        for _ in 0..<6 {
            try store.applyLabel(
                LabelChange(reward: .set(1, reason: long)), to: ["kg_f1"], reviewer: "carol", origin: "ui")
        }
        let session = ReviewSession.run(
            store, size: Size(width: 40, height: 10), events: Script.open("kg_f1") + Script.events(.keys("HG")),
            reviewer: "carol")
        let body = session.canvas.lines.dropLast(2).joined(separator: "\n")
        #expect(body.contains("word30) (ui)"), "\(body)")
    }

    @Test func theTrajectoryScreenGivesTheReasonUnderTheTitle() throws {
        let session = ReviewSession.run(try Self.store(), events: Script.open("kg_f1"), reviewer: "carol")
        let lines = session.canvas.lines
        #expect(lines[0].contains("reward 0.00"))
        #expect(
            lines.contains { $0.hasPrefix("  Reward   0.00 (reason: wrong count)") }, "\(lines.joined(separator: "\n"))"
        )
    }

    /// Without a reason the reward shows in the title only, as before.
    @Test func aRewardWithoutAReasonAddsNoLine() throws {
        let store = try ReviewSession.fixtureStore()
        try store.applyLabel(LabelChange(reward: .set(1, reason: nil)), to: ["kg_f1"], reviewer: "carol", origin: "ui")
        let session = ReviewSession.run(store, events: Script.open("kg_f1"), reviewer: "carol")
        #expect(!session.canvas.lines.contains { $0.contains("Reward") })
        #expect(session.canvas.lines[0].contains("reward 1.00"))
    }
}
