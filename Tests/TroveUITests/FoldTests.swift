import Testing
import TroveCore
import TroveStore
import TroveTestSupport
import TroveUI

/// Folding a long observation back (`o`) keeps it in view, wherever inside it the reader had scrolled.
@Suite struct FoldTests {
    /// A store of one OS run of 30 steps whose first observation is 300 lines long.
    static func store() throws -> Store {
        TestLocale.prepare()
        let store = try Store.inMemory()
        let long = (1...300).map { "line \($0)" }.joined(separator: "\\n")
        let act = #"{"from":"gpt","value":"Think: look\n\nAct: bash\n\n```bash\nls\n```"}"#
        let short = #"{"from":"human","value":"The output of the OS:\n\na\nb\nc"}"#
        let turns =
            [
                #"{"from":"human","value":"Do the task."}"#, act,
                #"{"from":"human","value":"The output of the OS:\n\n\#(long)"}"#,
            ]
            + Array(repeating: [act, short], count: 29).flatMap { $0 }
        let directory = TemporaryDirectory()
        let file = directory.write(
            "fold.jsonl", #"{"id":"fold_1","conversations":["# + turns.joined(separator: ",") + "]}\n")
        _ = try TrajectoryImporter(store: store, options: .init(codec: .init(task: "os"))).importFiles([file])
        return store
    }

    @Test func foldingAfterScrollingInsideTheObservationKeepsItsStepInView() throws {
        let store = try Self.store()
        let keys =
            Script.open("fold_1")
            + Script.events(.keys("]o"), .key(.pageDown), .key(.pageDown), .key(.pageDown), .keys("o"))
        let session = ReviewSession.run(store, events: keys)
        let document = try #require(session.runtime.state.document)
        #expect(document.selectedStep == 0)
        #expect(document.unfolded.isEmpty)
        let screen = session.canvas.lines.joined(separator: "\n")
        #expect(screen.contains("Step 1/30"))
        #expect(screen.contains("more lines (o unfolds)"))
    }

    /// QA: `/` did not look in a folded observation's hidden lines (the search went on to another
    /// trajectory, silently) and matched trove's own `(o unfolds)` hint.
    @Test func searchUnfoldsTheObservationThatHoldsTheHitAndNeverMatchesHints() throws {
        let store = try Self.store()
        let keys = Script.open("fold_1") + Script.events(.keys("/"), .keys("line 250"), .key(.enter))
        let session = ReviewSession.run(store, events: keys)
        let state = session.runtime.state
        let document = try #require(state.document)
        #expect(document.id == "fold_1")
        #expect(document.unfolded == [0])
        let hit = try #require(document.hit?.line)
        #expect(state.documentLines[hit].text.contains("line 250"))
        #expect(session.canvas.lines.joined().contains("hit 1/1"))

        let hint = ReviewSession.run(
            store, events: Script.open("fold_1") + Script.events(.keys("/"), .keys("o unfolds"), .key(.enter)),
            reviewer: "hint")
        #expect(hint.runtime.state.document?.hit?.line == nil)
        #expect(hint.runtime.state.document?.unfolded.isEmpty == true)
    }
}
