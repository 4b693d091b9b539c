import Testing
import TroveCore
import TroveStore
import TroveTestSupport

@testable import TroveUI

/// Issue 16 items 1 and 2 in review: `m` masks the selected step's agent turn, the screen marks it,
/// and Backspace takes it back like any label change.
@Suite struct TurnMaskTests {
    private func opened(_ stored: StoredTrajectory) -> AppState {
        var state = UpdateTests.listState()
        _ = update(&state, .trajectoryLoaded(TrajectoryExcerpt(stored)))
        return state
    }

    @Test func mMasksTheSelectedStepsTurnAndUnmasksAMaskedOne() {
        var state = opened(UpdateTests.stored("t0"))
        // No step selected yet: nothing is written, and the status line says what to do.
        #expect(update(&state, .command(.toggleMask)).isEmpty)
        #expect(state.message?.text == "select a step first (] or J), then m masks its turn")
        _ = update(&state, .command(.nextStep))
        #expect(update(&state, .command(.toggleMask)) == [.setTraining(.no, turn: 1, id: "t0", reviewer: "ana")])
        var masked = UpdateTests.stored("t0")
        masked.turns = [TurnLabel(turn: 1, train: false)]
        _ = update(&state, .trajectoryLoaded(TrajectoryExcerpt(masked)))
        #expect(state.document?.selectedStep == 0)
        #expect(update(&state, .command(.toggleMask)) == [.setTraining(.default, turn: 1, id: "t0", reviewer: "ana")])
        // A read-only store refuses it like any label key.
        state.readOnly = true
        #expect(update(&state, .command(.toggleMask)).isEmpty)
    }

    /// QA: on a trajectory with no steps (a run that ended before its first), `m`, `e` and `d` said
    /// "select a step first (] or J)", though there is no step to select.
    @Test func aTrajectoryWithoutStepsSaysSoToEachTurnKey() {
        var empty = UpdateTests.stored("t0")
        empty.parsed.steps = []
        var state = opened(empty)
        for (command, what) in [
            (Command.toggleMask, "m masks"), (.editTurn, "e corrects"), (.showCorrection, "d compares"),
        ] {
            #expect(update(&state, .command(command)).isEmpty)
            #expect(state.message?.text == "this trajectory has no steps: \(what) a step's turn")
        }
    }

    @Test func aSavedMaskReloadsTheOpenTrajectoryAndSaysWhatHappened() {
        var state = opened(UpdateTests.stored("t0"))
        let effects = update(&state, .turnsSaved(id: "t0", message: UserMessage("mask turn 1 of t0 (saved)")))
        #expect(effects == [.loadTrajectory(id: "t0")])
        #expect(state.message?.text == "mask turn 1 of t0 (saved)")
        #expect(update(&state, .turnsSaved(id: "other", message: UserMessage("undone"))).isEmpty)
    }

    @Test func theStepHeadingMarksAMaskedTurn() throws {
        var stored = UpdateTests.stored("t0")
        stored.turns = [TurnLabel(turn: 1, train: false)]
        let lines = TrajectoryLayout.lines(
            of: AppState.Document(stored), view: AppState.ViewOptions(), blindReviewer: nil, width: 80)
        let step = try #require(lines.first { $0.isStepHeader })
        #expect(step.text.contains("masked: not trained"))
        #expect(step.gutter == "·")
    }

    /// `]` then `m` on a real store: the turn is masked in the store and on screen, and Backspace
    /// takes it back.
    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func maskingInASession(size: Size) throws {
        let store = try ReviewSession.fixtureStore()
        let session = ReviewSession.run(
            store, size: size, events: Script.open("os_f1") + Script.events(.keys("]m")))
        let turn = try #require(try store.trajectory(id: "os_f1")?.parsed.steps.first?.messageIndex)
        #expect(try store.turnLabels(of: "os_f1") == [TurnLabel(turn: turn, train: false)])
        assertSnapshot(session.canvas, named: "trajectory-masked-turn", includeRoles: size.width == 80)
        #expect(session.canvas.lines.joined().contains("masked: not trained"))
        // The history lists the turn event with the label events.
        let history = ReviewSession.run(store, size: size, events: Script.open("os_f1") + Script.events(.keys("H")))
        #expect(history.canvas.lines.contains { $0.contains("turn \(turn): masked (ui)") })
        let undone = ReviewSession.run(store, size: size, events: Script.events(.key(.backspace)))
        #expect(try store.turnLabels(of: "os_f1").isEmpty)
        #expect(undone.runtime.state.message?.text == "undone: mask turn \(turn) on os_f1")
        #expect(try store.labelHistory(of: "os_f1").compactMap(\.turn?.training) == [.no, .default])
    }
}
