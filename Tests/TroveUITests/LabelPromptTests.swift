import Testing
import TroveCore
import TroveStore
import TroveUI

/// The reward (`r`) and note (`c`) prompts open holding the reviewer's own value, selected: Enter keeps
/// it, typing replaces it, and a cleared note is said to be cleared.
@Suite struct LabelPromptTests {
    static func store() throws -> Store { try ReviewSession.store(ids: ["os_1", "os_2", "os_3"]) }

    /// Goes to trajectory `id` in the list (`:`): a reviewer's session starts where their last one left off.
    static func on(_ id: String) -> [TerminalEvent] { Script.events(.keys(":\(id)"), .key(.enter)) }

    /// The text of the open prompt, and whether it is selected.
    static func prompt(_ session: ReviewSession) throws -> (text: String, selected: Bool) {
        let prompt = try #require(session.runtime.state.prompt)
        return (prompt.editor.text, prompt.editor.isSelected)
    }

    @Test func rewardAndNotePromptsOpenWithTheCurrentValueFromTheList() throws {
        let store = try Self.store()
        ReviewSession.run(store, events: Self.on("os_2") + Script.events(.keys("r2/3"), .key(.enter)), reviewer: "ana")
        ReviewSession.run(
            store, events: Self.on("os_2") + Script.events(.keys("cneeds a look"), .key(.enter)), reviewer: "ana")
        let reward = ReviewSession.run(store, events: Self.on("os_2") + Script.events(.keys("r")), reviewer: "ana")
        #expect(try Self.prompt(reward) == ("0.6666666666666666", true))
        #expect(reward.canvas.lines.last?.hasPrefix("reward (0..1): 0.6666666666666666") == true)
        let note = ReviewSession.run(store, events: Self.on("os_2") + Script.events(.keys("c")), reviewer: "ana")
        #expect(try Self.prompt(note) == ("needs a look", true))

        // Enter keeps the value: nothing is written, and the message says so.
        let kept = ReviewSession.run(
            store, events: Self.on("os_2") + Script.events(.keys("r"), .key(.enter), .keys("c"), .key(.enter)),
            reviewer: "ana")
        #expect(kept.runtime.state.message?.text == "no change: os_2 keeps its note")
        let label = try #require(try store.row(id: "os_2"))
        #expect(label.reviewReward == 2.0 / 3.0)
        #expect(label.hasNote)
    }

    @Test func aClearedNoteIsSaidToBeCleared() throws {
        let store = try Self.store()
        ReviewSession.run(store, events: Script.events(.keys("cto check"), .key(.enter)), reviewer: "ana")
        let cleared = ReviewSession.run(
            store, events: Script.events(.keys("c"), .key(.backspace), .key(.enter)), reviewer: "ana")
        #expect(cleared.runtime.state.message?.text == "note cleared for os_1")
        #expect(try store.row(id: "os_1")?.hasNote == false)
        let set = ReviewSession.run(store, events: Script.events(.keys("cagain"), .key(.enter)), reviewer: "ana")
        #expect(set.runtime.state.message?.text == "note saved for os_1")
    }

    /// On the open trajectory the prompts read the labels loaded with it.
    @Test func promptsOnTheOpenTrajectory() throws {
        let store = try Self.store()
        ReviewSession.run(store, events: Script.events(.keys("r1"), .key(.enter)), reviewer: "ana")
        let open = ReviewSession.run(store, events: Script.events(.key(.enter), .keys("r")), reviewer: "ana")
        #expect(open.runtime.state.document?.id == "os_1")
        #expect(try Self.prompt(open) == ("1", true))
        let typed = ReviewSession.run(store, events: Script.events(.key(.enter), .keys("r0.5")), reviewer: "ana")
        #expect(try Self.prompt(typed) == ("0.5", false))
    }

    /// Another reviewer's reward and note are not the reviewer's: their prompts open empty, blind or not,
    /// and show their own once they set one.
    @Test func anotherReviewersValuesAreNotOffered() throws {
        let store = try Self.store()
        try store.applyLabel(
            LabelChange(reward: .set(0.25, reason: "partly"), note: .set("ana's note")), to: ["os_1"],
            reviewer: "ana", origin: "cli")
        for blind in [false, true] {
            let note = ReviewSession.run(store, events: Script.events(.keys("c")), reviewer: "ben", blind: blind)
            #expect(try Self.prompt(note) == ("", false))
            let reward = ReviewSession.run(
                store, events: Script.events(.key(.enter), .keys("r")), reviewer: "ben", blind: blind)
            #expect(try Self.prompt(reward) == ("", false))
        }
        ReviewSession.run(store, events: Script.events(.keys("cben's"), .key(.enter)), reviewer: "ben", blind: true)
        let own = ReviewSession.run(store, events: Script.events(.keys("c")), reviewer: "ben", blind: true)
        #expect(try Self.prompt(own) == ("ben's", true))
    }
}
