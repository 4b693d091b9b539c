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
}
