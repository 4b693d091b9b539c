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

    /// A hit in the task selects no step: the status bar then counts the step on screen, not the step of
    /// the hit before (`step 1/1 · hit 1/2` read as if the task's hit were in step 1).
    @Test func aHitInTheTaskSelectsNoStep() throws {
        let store = try ReviewSession.store(ids: ["t1", "t2"], tasks: ["Find the file.", "Find the file again."])
        let keys = Script.events(.key(.enter), .keys("/"), .keys("file"), .key(.enter), .keys("nN"))
        let session = ReviewSession.run(store, events: keys)
        let document = try #require(session.runtime.state.document)
        #expect(document.selectedStep == nil)
        let status = session.canvas.lines[session.canvas.size.height - 2]
        #expect(status.contains("step 0/1 · hit 1/2"), "\(status)")
    }

    /// `N` past the open trajectory's first hit goes to the previous trajectory's last hit, as `n` past
    /// the last goes to the next one's first.
    @Test func previousHitAcrossTrajectoriesLandsOnTheLastHit() throws {
        let store = try ReviewSession.store(ids: ["t1", "t2"], tasks: ["Find the file.", "Find the file again."])
        let keys = Script.events(.keys("j"), .key(.enter), .keys("/"), .keys("file"), .key(.enter), .keys("N"))
        let session = ReviewSession.run(store, events: keys)
        let document = try #require(session.runtime.state.document)
        #expect(document.id == "t1")
        #expect(document.selectedStep == 0)
        let status = session.canvas.lines[session.canvas.size.height - 2]
        #expect(status.contains("step 1/1 · hit 2/2"), "\(status)")
        // And forward again: t2 opens at its first hit, in its task.
        let forward = ReviewSession.run(store, events: keys + Script.events(.keys("n")))
        #expect(forward.runtime.state.document?.id == "t2")
        #expect(forward.canvas.lines[forward.canvas.size.height - 2].contains("step 0/1 · hit 1/2"))
    }
}
