import Testing
import TroveCore
import TroveStore
import TroveTestSupport

@testable import TroveUI

/// Issue 16 item 3 in review: `e` corrects the selected step's agent turn in the editor and comes back
/// to the same place, the screen marks the corrected turn, and `d` pages the line diff.
@Suite struct TurnEditTests {
    @Test func eAndDActOnTheSelectedStepsTurn() {
        var state = UpdateTests.listState()
        _ = update(&state, .trajectoryLoaded(TrajectoryExcerpt(UpdateTests.stored("t0"))))
        #expect(update(&state, .command(.editTurn)).isEmpty)
        #expect(state.message?.text == "select a step first (] or J), then e corrects its turn")
        _ = update(&state, .command(.nextStep))
        #expect(update(&state, .command(.editTurn)) == [.editTurn(id: "t0", turn: 1, reviewer: "ana")])
        #expect(update(&state, .command(.showCorrection)).isEmpty)
        #expect(state.message?.text == "step 1 (turn 1) is not corrected: e corrects it")
        var corrected = UpdateTests.stored("t0")
        corrected.turns = [TurnLabel(turn: 1, train: nil, text: "Think: look again")]
        _ = update(&state, .trajectoryLoaded(TrajectoryExcerpt(corrected)))
        #expect(update(&state, .command(.showCorrection)) == [.pageCorrection(id: "t0", turn: 1)])
        state.readOnly = true
        #expect(update(&state, .command(.editTurn)).isEmpty)
    }

    /// A text with Windows line endings is diffed line by line too (a split at the `\n` Character never
    /// found one in "\r\n"): CRLF ends a line as on the trajectory screen.
    @Test func theLineDiffSplitsWindowsLines() {
        #expect(
            LineDiff.text(from: "a\r\nb\r\nc", to: "a\r\nx\r\nc", turn: 1)
                == "turn 1: - as imported, + corrected\n\n  a\n- b\n+ x\n  c\n")
    }

    /// Review: a correction that only turned CRLF into LF showed every line unchanged; the diff says how
    /// the lines end on each side.
    @Test func theLineDiffNamesAChangeOfLineEndsAlone() {
        #expect(
            LineDiff.text(from: "a\r\nb\r\n", to: "a\nb\n", turn: 2)
                == "turn 2: - as imported, + corrected\n\n  a\n  b\n  \n\nthe lines are the same; only how they "
                + "end differs: line 1 CRLF → LF, line 2 CRLF → LF\n")
        #expect(!LineDiff.text(from: "a\nb", to: "a\nc", turn: 1).contains("only how they end"))
        // Swapped ends are named by line, not counted alike.
        #expect(LineDiff.endChanges("a\r\nb\nc", "a\nb\r\nc") == "line 1 CRLF → LF, line 2 LF → CRLF")
        #expect(LineDiff.endChanges("a\rb", "a\nb") == "line 1 CR → LF")
        #expect(LineDiff.endChanges("a\n", "a") == "line 1 LF → none")
    }

    @Test func theLineDiffMarksRemovedAndAddedLines() {
        let marked = LineDiff.lines(["a", "b", "c"], ["a", "x", "c", "d"])
        #expect(marked.map { $0.mark + $0.line } == ["  a", "- b", "+ x", "  c", "+ d"])
        #expect(
            LineDiff.text(from: "a\u{1b}", to: "b", turn: 3) == "turn 3: - as imported, + corrected\n\n- a\\e\n+ b\n")
    }

    /// QA: an editor left empty saved an empty correction, silently blanking the turn. It is refused
    /// and said, as is one of only white space; the turn keeps its text.
    @Test func anEmptyCorrectionIsRefused() throws {
        let store = try ReviewSession.fixtureStore()
        for emptied in ["", "\n", "  \n\n"] {
            let session = ReviewSession.run(
                store, events: Script.open("os_f1") + Script.events(.keys("]e")), editor: { _ in emptied })
            let turn = try #require(try store.trajectory(id: "os_f1")?.parsed.steps.first?.messageIndex)
            #expect(try store.turnText(of: "os_f1", turn: turn)?.corrected == nil)
            let message = try #require(session.runtime.state.message)
            #expect(message.isError)
            #expect(message.text.hasPrefix("an empty correction would blank step 1 (turn \(turn)); nothing was saved"))
            #expect(session.canvas.lines.joined().contains("an empty correction would blank"))
        }
    }

    /// `]` then `e` on a real store, with an editor that rewrites the thought: the correction is stored,
    /// the step is parsed again and marked, `d` pages the diff, and Backspace takes it back.
    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func correctingInASession(size: Size) throws {
        let store = try ReviewSession.fixtureStore()
        let session = ReviewSession.run(
            store, size: size, events: Script.open("os_f1") + Script.events(.keys("]ed")),
            editor: { $0.replacingOccurrences(of: "I should search", with: "I will search") + "\n" })
        let turn = try #require(try store.trajectory(id: "os_f1")?.parsed.steps.first?.messageIndex)
        let texts = try #require(try store.turnText(of: "os_f1", turn: turn))
        #expect(texts.corrected?.contains("I will search") == true)
        #expect(texts.corrected?.hasSuffix("\n") == false)
        #expect(try store.trajectory(id: "os_f1")?.parsed.steps.first?.thought?.hasPrefix("I will search") == true)
        #expect(session.runtime.state.document?.selectedStep == 0)
        #expect(session.terminal.paged.last?.contains("+ ") == true)
        assertSnapshot(session.canvas, named: "trajectory-corrected-turn", includeRoles: size.width == 80)
        let undone = ReviewSession.run(store, size: size, events: Script.events(.key(.backspace)))
        #expect(try store.turnText(of: "os_f1", turn: turn)?.corrected == nil)
        #expect(undone.runtime.state.message?.text == "undone: edit turn \(turn) on os_f1")
    }
}
