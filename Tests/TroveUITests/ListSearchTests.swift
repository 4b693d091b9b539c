import Testing
import TroveCore
import TroveStore

@testable import TroveUI

/// QA: `/` on the list said “no trajectory in this list contains “Gats”” where a task held “Gatsby”:
/// the list is searched through the store's word index, so the message says words, and the help too.
@Suite struct ListSearchTests {
    @Test func theListSearchSaysItMatchesWholeWords() throws {
        let store = try ReviewSession.store(ids: ["t1", "t2"], tasks: ["Count the rooms.", "Read The Great Gatsby."])
        let part = ReviewSession.run(store, events: Script.events(.keys("/"), .keys("Gats"), .key(.enter)))
        #expect(part.runtime.state.currentRow?.id == "t1")
        let message = try #require(part.runtime.state.message?.text)
        #expect(message.hasPrefix("no trajectory in this list has “Gats” as a whole word"), "\(message)")
        #expect(!message.contains("contains"))
        let word = ReviewSession.run(store, events: Script.events(.keys("/"), .keys("Gatsby"), .key(.enter)))
        #expect(word.runtime.state.currentRow?.id == "t2")
        let help = CommandTable[.search].help
        #expect(help.contains("whole words"))
    }
}
