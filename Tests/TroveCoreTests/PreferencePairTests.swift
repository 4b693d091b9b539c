import Testing
import TroveCore

@Suite struct PreferencePairTests {
    private func user(_ text: String) -> Message { Message(role: .instruction, originalRole: "human", text: text) }
    private func agent(_ text: String) -> Message { Message(role: .agent, originalRole: "gpt", text: text) }
    private func page(_ text: String) -> Message { Message(role: .environment, originalRole: "human", text: text) }

    @Test func runsThatPartAtAnObservationShareThePromptUpToTheAgentTurnBeforeIt() throws {
        // The same action gets another answer: both continuations start at that action.
        let good = [user("task"), agent("ls"), page("a"), agent("done")]
        let bad = [user("task"), agent("ls"), page("b"), agent("give up")]
        let pair = try #require(PreferencePair(chosen: good, rejected: bad))
        #expect(pair.prompt == [user("task")])
        #expect(pair.chosen == Array(good.dropFirst()) && pair.rejected == Array(bad.dropFirst()))
        #expect(pair.sharesPrompt)
    }

    @Test func runsThatPartBeforeAnyAgentTurnTakeTheChosenRunsPrompt() throws {
        let good = [user("task"), page("page 1"), agent("click"), page("x")]
        let bad = [user("task"), page("page 2"), agent("stop")]
        let pair = try #require(PreferencePair(chosen: good, rejected: bad))
        #expect(pair.prompt == [user("task"), page("page 1")])
        #expect(pair.chosen == [agent("click"), page("x")] && pair.rejected == [agent("stop")])
        #expect(!pair.sharesPrompt)
    }

    @Test func equalRunsAndRunsWithNothingSharedMakeNoPair() {
        let run = [user("task"), agent("done")]
        #expect(PreferencePair(chosen: run, rejected: run) == nil)
        #expect(PreferencePair(chosen: run, rejected: [user("other"), agent("done")]) == nil)
        #expect(PreferencePair(chosen: [user("task"), page("a")], rejected: [user("task"), page("b")]) == nil)
    }

    @Test func choosingKeepsTheOrderAndIsTheSameForOneSeed() {
        let all = Array(0..<10)
        let chosen = PreferencePair.choose(all, limit: 3, seed: 7, group: "g")
        #expect(chosen.count == 3 && chosen == chosen.sorted())
        #expect(PreferencePair.choose(all, limit: 3, seed: 7, group: "g") == chosen)
        #expect(PreferencePair.choose(all, limit: 20, seed: 7, group: "g") == all)
    }
}
