import Testing
import TroveCore
import TroveStore
import TroveTestSupport

@testable import TroveUI

/// `m` and `e` act on a step the reviewer sees, and what they say names the step the status bar counts.
@Suite struct StepSelectionTests {
    /// One OS trajectory, `long`, of `steps` steps.
    static func store(steps: Int) throws -> Store {
        TestLocale.prepare()
        let store = try Store.inMemory()
        let agent = #"{"from":"gpt","value":"Think: look\n\nAct: bash\n\n```bash\nls\n```"}"#
        let output = #"{"from":"human","value":"The output of the OS:\n\nfile"}"#
        let turns =
            [#"{"from":"human","value":"Do the task."}"#]
            + Array(repeating: [agent, output], count: steps).flatMap { $0 }
        let record = #"{"id":"long","conversations":["# + turns.joined(separator: ",") + "]}\n"
        let directory = TemporaryDirectory()
        _ = try TrajectoryImporter(store: store, options: .init(codec: .init(task: "os")))
            .importFiles([directory.write("long.jsonl", record)])
        return store
    }

    /// The step the status bar counts: `step N/61`.
    static func countedStep(_ canvas: Canvas) -> Int? {
        let status = canvas.lines[canvas.size.height - 2]
        guard let range = status.firstRange(of: "step ") else { return nil }
        return Int(status[range.upperBound...].prefix { $0.isNumber })
    }

    /// QA: `]` selected step 1, three pages down showed steps 17–21, and `m` masked step 1's turn while
    /// the status bar said `step 1/61` and the message `mask turn 3`. The scroll now takes the selection
    /// to the first step on screen, and the message names it as the status bar counts it.
    @Test func maskActsOnTheStepOnScreenAndSaysItsNumber() throws {
        let store = try Self.store(steps: 61)
        let session = ReviewSession.run(
            store,
            events: Script.events(
                .key(.enter), .keys("]"), .key(.pageDown), .key(.pageDown), .key(.pageDown), .keys("m")))
        let state = session.runtime.state
        let document = try #require(state.document)
        let selected = try #require(document.selectedStep)
        #expect(selected > 0)
        #expect(state.showsStep(selected))
        #expect(Self.countedStep(session.canvas) == selected + 1)
        let turn = document.stored.parsed.steps[selected].messageIndex
        #expect(try store.turnLabels(of: "long") == [TurnLabel(turn: turn, train: false)])
        #expect(state.message?.text == "mask step \(selected + 1) (turn \(turn)) of long (saved)")
    }

    /// Scrolling without a selection selects nothing: `m` still asks for one.
    @Test func scrollingSelectsNoStepWhenNoneWasSelected() throws {
        let store = try Self.store(steps: 61)
        let session = ReviewSession.run(store, events: Script.events(.key(.enter), .key(.pageDown), .keys("m")))
        #expect(session.runtime.state.document?.selectedStep == nil)
        #expect(try store.turnLabels(of: "long").isEmpty)
        #expect(session.runtime.state.message?.text == "select a step first (] or J), then m masks its turn")
    }

    /// A step left off screen other than by a scroll (a resize, a view toggle) is not masked: `m`
    /// says how to select one on screen.
    @Test func aSelectedStepOffScreenIsNotMasked() throws {
        let stored = try #require(try Self.store(steps: 61).trajectory(id: "long"))
        var state = UpdateTests.listState()
        _ = update(&state, .trajectoryLoaded(TrajectoryExcerpt(stored)))
        state.document?.selectedStep = 0
        state.document?.scroll = 100
        #expect(update(&state, .command(.toggleMask)).isEmpty)
        #expect(state.message?.text == "step 1 is off screen: ] or [ selects a step on screen, then m masks its turn")
    }
}
