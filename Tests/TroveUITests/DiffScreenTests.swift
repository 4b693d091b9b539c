import Foundation
import Testing
import TroveCore
import TroveStore
import TroveTestSupport
import TroveUI

/// `=` on a trajectory: the chooser of the other runs of its task instance, then the two runs aligned.
@Suite struct DiffScreenTests {
    /// Three runs of one db question and one of another (fixtures/groups/db-runs.jsonl).
    private static func store() throws -> Store {
        TestLocale.prepare()
        let store = try Store.inMemory()
        _ = try TrajectoryImporter(store: store, options: .init(codec: .init(task: "db")))
            .importFiles([Fixtures.url("groups/db-runs.jsonl").path])
        return store
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func diffOfTwoRunsOfOneTask(size: Size) throws {
        // Given the kept run open, `=` lists the other runs of its question and Enter compares the first
        let events = Script.open("singers_ok") + Script.events(.keys("="), .key(.enter))
        let session = ReviewSession.run(try Self.store(), size: size, events: events)
        // Then both runs are aligned: side by side at 120 columns, one above the other at 80
        assertSnapshot(session.canvas, named: "diff", includeRoles: size.width == 80)
        let text = session.canvas.lines.joined(separator: "\n")
        #expect(text.contains("A singers_ok") && text.contains("B singers_bad"))
        #expect(text.contains("first divergence at A step 2 / B step 2"))
        #expect(session.runtime.state.screen == .diff)
    }

    @Test func theChooserListsOnlyTheOtherRunsOfTheTaskInstance() throws {
        let events = Script.open("singers_ok") + Script.events(.keys("="))
        let session = ReviewSession.run(try Self.store(), events: events)
        let rows = session.canvas.lines[1..<4].joined(separator: "\n")
        #expect(rows.contains("singers_bad") && rows.contains("singers_retry"))
        #expect(!rows.contains("shops_ok") && !rows.contains("singers_ok ·"))
        #expect(session.runtime.state.comparison?.runs.map(\.id) == ["singers_bad", "singers_retry"])
    }

    @Test func backFromTheDiffReturnsToTheTrajectory() throws {
        let events = Script.open("singers_ok") + Script.events(.keys("="), .key(.char("j")), .key(.enter), .keys("q"))
        let session = ReviewSession.run(try Self.store(), events: events)
        #expect(session.runtime.state.screen == .trajectory)
        #expect(session.runtime.state.comparison == nil)
    }

    @Test func aRunAloneInItsGroupSaysSo() throws {
        let events = Script.open("shops_ok") + Script.events(.keys("="))
        let session = ReviewSession.run(try Self.store(), events: events)
        #expect(session.runtime.state.screen == .trajectory)
        #expect(session.runtime.state.message?.text.hasPrefix("no other run of this task instance") == true)
    }

    /// QA: `trove diff singers_ok shops_ok` said "tasks differ" and showed only A's task.
    @Test func runsOfTwoTasksShowBothTasks() throws {
        let store = try Self.store()
        let singers = try #require(try store.trajectory(id: "singers_ok"))
        let shops = try #require(try store.trajectory(id: "shops_ok"))
        let lines = RunDiff(left: singers, right: shops).canvas(width: 100).lines
        let at = try #require(lines.firstIndex { $0.hasPrefix("tasks differ: A How many singers") })
        #expect(lines[at + 1].hasPrefix("              B "), "\(lines)")
        #expect(lines[at + 1].count > 16)
        let same = RunDiff(left: singers, right: try #require(try store.trajectory(id: "singers_retry")))
        #expect(same.canvas(width: 100).lines.contains { $0.hasPrefix("task How many singers") })
    }

    /// QA: a thought or observation cut at its three lines ended mid-word, with nothing saying more
    /// was there.
    @Test func aPartCutAtItsLinesEndsInAnEllipsis() throws {
        let store = try Self.store()
        var kept = try #require(try store.trajectory(id: "singers_ok"))
        let retry = try #require(try store.trajectory(id: "singers_retry"))
        kept.parsed.steps[0].thought = (1...60).map { "word\($0)" }.joined(separator: " ")
        let canvas = RunDiff(left: kept, right: retry).canvas(width: 80)
        let thought = canvas.lines.filter { $0.contains("word") }
        #expect(thought.count == 3)
        #expect(thought.last?.trimmingCharacters(in: .whitespaces).hasSuffix("…") == true, "\(thought)")
        #expect(!canvas.lines.joined().contains("word60"))
    }

    /// QA: at 56 and 40 columns the runs' summary lines were cut mid-word (`· 1 ste`) with nothing
    /// saying more was there. Every line the edge cuts ends in `…` (DECISIONS 117), in the review UI and
    /// in what `trove diff` prints.
    @Test(arguments: [Size(width: 56, height: 16), Size(width: 40, height: 10)])
    func linesTheEdgeCutsEndInAnEllipsis(size: Size) throws {
        let events = Script.open("singers_ok") + Script.events(.keys("="), .key(.enter))
        let session = ReviewSession.run(try Self.store(), size: size, events: events)
        let store = try Self.store()
        let diff = RunDiff(
            left: try #require(try store.trajectory(id: "singers_ok")),
            right: try #require(try store.trajectory(id: "singers_bad")))
        // The header: who is A, who is B, the task and the summary.
        let whole = diff.canvas(width: 400).lines.prefix(4).map { $0.trimmingCharacters(in: .whitespaces) }
        let printed = Array(diff.canvas(width: size.width).lines.prefix(4))
        let onScreen = Array(session.canvas.lines[1...4])
        #expect(whole.contains { $0.count > size.width })
        for (index, line) in whole.enumerated() where line.count > size.width {
            #expect(printed[index].hasSuffix("…"), "\(printed[index]) cuts \(line)")
            #expect(onScreen[index].hasSuffix("…"), "\(onScreen[index]) cuts \(line)")
        }
    }

    @Test func theRetryIsAlignedAroundTheStepItSkipped() throws {
        let store = try Self.store()
        let kept = try #require(try store.trajectory(id: "singers_ok"))
        let retry = try #require(try store.trajectory(id: "singers_retry"))
        let diff = RunDiff(left: kept, right: retry)
        #expect(diff.alignment.rows.map { [$0.left, $0.right] } == [[0, nil], [1, 0], [2, 1]])
        #expect(diff.summary == "2 of 3 aligned steps match · first divergence at A step 1")
    }
}
