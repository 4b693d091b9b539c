import Testing
import TroveCore
import TroveStore
import TroveUI

/// A search hit inside a step selects that step, so the step the status bar names is the one `m` masks.
@Suite struct SearchSelectsStepTests {
    @Test func aHitInAStepSelectsItAndMMasksItsTurn() throws {
        let store = try ReviewSession.fixtureStore()
        let keys =
            Script.open("os_f1") + Script.events(.keys("/"), .keys("highlighted match"), .key(.enter), .keys("m"))
        let session = ReviewSession.run(store, events: keys)
        let document = try #require(session.runtime.state.document)
        #expect(document.selectedStep == 1)
        #expect(session.runtime.state.message?.text.contains("select a step first") == false)
        #expect(session.canvas.lines[session.canvas.size.height - 2].contains("step 2/"))
    }
}
