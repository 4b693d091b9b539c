import Testing
import TroveCore
import TroveStore
import TroveTestSupport
import TroveUI

/// Ids, notes and counts that do not fit: shortened where they still tell runs apart, and said whole.
@Suite struct LongTextTests {
    static let prefix = "experiment-with-a-long-common-prefix-that-names-the-sweep-temperature-0.7-seed-30"

    /// QA: the title cut a long id at its end, so `…-run_1` and `…-run_2` looked alike, and lost the
    /// steps, status and env fields after it; the list already shortens ids in the middle.
    @Test func theTitleShortensALongIDInTheMiddleAndKeepsItsFields() throws {
        let store = try ReviewSession.store(ids: [Self.prefix + "-run_1", Self.prefix + "-run_2"])
        let session = ReviewSession.run(store, events: Script.events(.keys("j"), .key(.enter)))
        let title = session.canvas.lines[0]
        #expect(title.contains("…") && title.contains("run_2 · os · 1 step · pending · env —"), "\(title)")
        #expect(title.hasPrefix(" experiment-"), "\(title)")
    }

    /// A message naming a long id shortens it in the middle too, so its end still shows.
    @Test func aMessageShortensALongIDInTheMiddle() throws {
        let store = try ReviewSession.store(ids: [Self.prefix + "-run_1", Self.prefix + "-run_2"])
        let session = ReviewSession.run(store, events: Script.events(.keys("ja")))
        let text = try #require(session.runtime.state.message?.text)
        #expect(text.hasPrefix("accepted experiment-with") && text.hasSuffix("-run_2 (saved)"), "\(text)")
        #expect(TextWidth.width(of: text) <= 80, "\(text)")
        let undone = ReviewSession.run(store, events: Script.events(.key(.backspace)))
        let said = try #require(undone.runtime.state.message?.text)
        #expect(said.hasPrefix("undone: accept of experiment-") && said.hasSuffix("-run_2"), "\(said)")
        #expect(TextWidth.width(of: said) <= 80, "\(said)")
    }

    /// QA: `A` on an empty list said every trajectory it shows has that label.
    @Test func aBatchOnAnEmptyListSaysTheListIsEmpty() throws {
        let store = try ReviewSession.store(ids: ["t1"])
        let session = ReviewSession.run(
            store, events: Script.events(.keys("f"), .keys("id:nothing"), .key(.enter), .keys("A")))
        #expect(session.runtime.state.message?.text == "nothing to label: this list shows no trajectory")
        #expect(session.runtime.state.prompt == nil)
    }

    /// QA: the runs chooser said `1 other runs`.
    @Test func theRunsChooserCountsOneOtherRun() throws {
        let store = try ReviewSession.store(ids: ["a", "b"], tasks: ["Count the files.", "Count the files."])
        let session = ReviewSession.run(store, events: Script.events(.key(.enter), .keys("=")))
        #expect(session.canvas.lines[0].contains("· 1 other run "), "\(session.canvas.lines[0])")
    }

    /// QA: the reviewer table (shown once another reviewer labeled) cut a long note at the screen's edge
    /// with no `…`.
    @Test func theReviewerTableEndsACutNoteWithAnEllipsis() throws {
        let store = try ReviewSession.store(ids: ["t1"])
        let note = String(repeating: "the answer counts hidden files too and ", count: 4) + "END"
        _ = try store.applyLabel(LabelChange(note: .set(note)), to: ["t1"], reviewer: "ben", origin: "t")
        _ = try store.applyLabel(.accept, to: ["t1"], reviewer: "qa", origin: "t")
        let session = ReviewSession.run(store, events: Script.events(.key(.enter)), reviewer: "qa")
        let row = try #require(session.canvas.lines.first { $0.contains("“the answer") }, "\(session.canvas.lines)")
        #expect(row.hasSuffix("…"), "\(row)")
    }
}
