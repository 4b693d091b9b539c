import Testing

@testable import TroveCore

@Suite struct LabelChangeTests {
    @Test func appliesStatusRewardTagsAndNote() {
        let start = ReviewLabel(status: .pending, tags: ["truncated"])
        let change = LabelChange(
            status: .rejected, reward: .set(0, reason: "wrong answer"), addTags: ["wrong-answer"],
            toggleTags: ["truncated", "leaked-label"], note: .set("answer is 3"))
        let result = change.applied(to: start)
        #expect(result.status == .rejected)
        #expect(result.reward == 0)
        #expect(result.rewardReason == "wrong answer")
        #expect(result.tags == ["leaked-label", "wrong-answer"])
        #expect(result.note == "answer is 3")
    }

    @Test func emptyPartsKeepTheLabel() {
        let label = ReviewLabel(status: .accepted, reward: 0.5, tags: ["a"], note: "n")
        #expect(LabelChange().applied(to: label) == label)
        #expect(LabelChange().isEmpty)
        #expect(LabelChange(reward: .clear, note: .set("")).applied(to: label).reward == nil)
        #expect(LabelChange(reward: .clear, note: .set("")).applied(to: label).note == nil)
    }

    @Test func validatesRewardAndTags() {
        #expect(throws: LabelChangeError.rewardOutOfRange(1.5)) {
            try LabelChange(reward: .set(1.5, reason: nil)).validate()
        }
        #expect(throws: LabelChangeError.invalidTag("two words")) { try LabelChange(addTags: ["two words"]).validate() }
        #expect(throws: Never.self) { try LabelChange(reward: .set(1, reason: nil), addTags: ["ok"]).validate() }
    }

    /// QA: `r 2/3` said `reward 0.67`, and its undo `undone: reward 0.6666666666666666 on os_20`.
    @Test func summaryWordsARewardWithAtMostFourDecimals() {
        #expect(LabelChange(reward: .set(2.0 / 3, reason: nil)).summary == "reward ≈0.6667")
        // QA: 0.99999 was worded `reward 1`, a value it is not (the threshold agenttuning keeps).
        #expect(LabelChange(reward: .set(0.99999, reason: nil)).summary == "reward <1")
        #expect(LabelChange(reward: .set(0.00001, reason: nil)).summary == "reward >0")
        #expect(LabelChange(reward: .set(0.995, reason: nil)).summary == "reward 0.995")
        #expect(LabelChange(reward: .set(1, reason: nil)).summary == "reward 1")
        #expect(LabelChange(reward: .set(0.5, reason: nil)).summary == "reward 0.5")
        #expect(LabelChange(status: .accepted, reward: .set(1, reason: nil)).summary == "accept, reward 1")
    }
}
