import Testing
import TroveCore
import TroveStore
import TroveTestSupport

@testable import TroveUI

/// Rewards on screen never read as a value they are not (QA: 0.995 showed as `1.00` while
/// `--policy agenttuning` drops it as below 1).
@Suite struct RewardTextTests {
    static let written: [(Double, String)] = [
        (0.5, "0.50"), (1, "1.00"), (0, "0.00"), (-0.25, "-0.25"), (12.5, "12.50"), (0.995, "0.995"),
        (0.9999, "0.9999"), (0.125, "0.125"), (2.0 / 3, "≈0.6667"), (0.99999, "<1.00"), (0.00001, ">0.00"),
        (-0.00001, "<0.00"),
    ]

    @Test(arguments: written)
    func aRewardIsWrittenExactlyOrMarked(value: Double, text: String) {
        #expect(Format.reward(value) == text)
    }

    @Test func anUnknownRewardIsADash() {
        #expect(Format.reward(nil) == "—")
        #expect(Format.reward(.nan) == "—")
    }

    /// One trajectory whose environment reward is `reward`.
    static func store(reward: Double) throws -> Store {
        TestLocale.prepare()
        let store = try Store.inMemory()
        let record =
            #"{"id":"near","reward":\#(reward),"conversations":[{"from":"human","value":"Do it."},{"from":"gpt","value":"done"}]}"#
        let directory = TemporaryDirectory()
        _ = try TrajectoryImporter(store: store, options: .init(codec: .init(task: "os")))
            .importFiles([directory.write("near.jsonl", record + "\n")])
        return store
    }

    /// The list's ENV column widens for the decimals, the title shows them, and a reward typed at `r`
    /// is said as saved.
    @Test func theListTitleAndMessageShowTheRewardWhole() throws {
        let store = try Self.store(reward: 0.995)
        let list = ReviewSession.run(store, events: [])
        #expect(list.canvas.lines.contains { $0.contains(" 0.995 ") }, "\(list.canvas.lines)")
        let open = ReviewSession.run(store, events: Script.events(.key(.enter)))
        #expect(open.canvas.lines[0].contains("env 0.995"), "\(open.canvas.lines[0])")
        let typed = ReviewSession.run(store, events: Script.events(.keys("r0.9999"), .key(.enter)))
        #expect(typed.runtime.state.message?.text == "reward 0.9999 for near (saved)")
        let reviewed = ReviewSession.run(store, events: [])
        #expect(reviewed.canvas.lines.contains { $0.contains("0.9999") && $0.contains("0.995") })
    }

    /// The reviewer table beside another reviewer's label widens its REV column for the decimals.
    @Test func theReviewerTableShowsTheRewardWhole() throws {
        let store = try Self.store(reward: 1)
        _ = try store.applyLabel(
            LabelChange(reward: .set(0.9999, reason: nil)), to: ["near"], reviewer: "ben", origin: "t")
        _ = try store.applyLabel(.accept, to: ["near"], reviewer: "qa", origin: "t")
        let session = ReviewSession.run(store, events: Script.events(.key(.enter)), reviewer: "qa")
        let row = try #require(session.canvas.lines.first { $0.contains("ben ") }, "\(session.canvas.lines)")
        #expect(row.contains(" 0.9999 "), "\(row)")
    }
}
