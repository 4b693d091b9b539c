import Testing
import TroveCore
import TroveStore
import TroveTestSupport
import TroveUI

/// The tag prompt's menu (`t`): its marks say what a number toggles, the reviewer's own label.
@Suite struct TagMenuTests {
    /// Three runs of one db question and one of another, in import order: singers_ok, singers_bad,
    /// shops_ok, singers_retry (fixtures/groups/db-runs.jsonl).
    static func runsStore() throws -> Store {
        TestLocale.prepare()
        let store = try Store.inMemory()
        _ = try TrajectoryImporter(store: store).importFiles([Fixtures.url("groups/db-runs.jsonl").path])
        return store
    }

    /// singers_ok with `truncated` from ben and `wrong-answer` from qa.
    static func taggedStore() throws -> Store {
        let store = try runsStore()
        _ = try store.applyLabel(LabelChange(addTags: ["truncated"]), to: ["singers_ok"], reviewer: "ben", origin: "t")
        _ = try store.applyLabel(
            LabelChange(addTags: ["wrong-answer"]), to: ["singers_ok"], reviewer: "qa", origin: "t")
        return store
    }

    /// QA: the menu's `✓` marked the team's tags while a number toggles the reviewer's own, so
    /// "removing" ben's `✓ truncated` added it to qa's label. `✓` now marks qa's own tags, and ben's gets
    /// a mark of its own, explained above the menu; from the list and from the open trajectory.
    @Test(arguments: [false, true])
    func theMenuMarksTheReviewersOwnTagsApartFromAnothers(open: Bool) throws {
        let store = try Self.taggedStore()
        let keys = open ? Script.events(.key(.enter), .keys("t")) : Script.events(.keys("t"))
        let session = ReviewSession.run(store, events: keys, reviewer: "qa")
        let text = session.canvas.lines.joined(separator: "\n")
        #expect(text.contains("1 ✓wrong-answer"), "\(text)")
        #expect(text.contains("4 ◦truncated"), "\(text)")
        #expect(!text.contains("✓truncated"), "\(text)")
        #expect(text.contains("◦ another reviewer's: a number adds it to yours"), "\(text)")
    }

    /// The number of a tag only another reviewer gave adds it to the reviewer's own label; the number
    /// of their own `✓` tag takes it off.
    @Test func aNumberTogglesWhatItsMarkSays() throws {
        let store = try Self.taggedStore()
        ReviewSession.run(store, events: Script.events(.keys("t1 4"), .key(.enter)), reviewer: "qa")
        let labels = try store.reviewerLabels(of: "singers_ok")
        #expect(labels.first { $0.reviewer == "qa" }?.label.tags == ["truncated"])
        #expect(labels.first { $0.reviewer == "ben" }?.label.tags == ["truncated"])
        let session = ReviewSession.run(store, events: Script.events(.keys("t")), reviewer: "qa")
        let text = session.canvas.lines.joined(separator: "\n")
        #expect(text.contains("1 wrong-answer") && text.contains("4 ✓truncated"), "\(text)")
        // Nothing is another reviewer's alone any more: no legend.
        #expect(!text.contains("◦"), "\(text)")
    }
}
