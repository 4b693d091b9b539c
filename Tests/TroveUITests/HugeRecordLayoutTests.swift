import Testing
import TroveCore

@testable import TroveUI

/// A record of any size opens on one screen's worth of work: only the first
/// ``TrajectoryLayout/textBudget`` bytes of a text are laid out, the rest folded behind `… 48.2 MB more`.
@Suite struct HugeRecordLayoutTests {
    static let megabytes = 50

    /// An OS trajectory whose one observation is `megabytes` MB of numbered lines.
    static func huge() -> StoredTrajectory {
        let line = "row: lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor\n"
        let output = String(repeating: line, count: megabytes * 1_000_000 / line.utf8.count)
        let messages = [
            Message(originalRole: "human", text: "Count the rows."),
            Message(originalRole: "gpt", text: "Think: look.\n\nAct: bash\n\n```bash\ncat rows\n```"),
            Message(originalRole: "human", text: "The output of the OS:\n\n" + output),
            Message(originalRole: "gpt", text: "Think: done.\n\nAct: answer(1)"),
        ]
        let record =
            #"{"id":"huge","conversations":[{"from":"human","value":"# + JSONWriter.string(.string(output)) + "}]}"
        let trajectory = Trajectory(
            id: "huge", task: "os", source: TroveCore.SourceLocation(file: "f.jsonl", line: 1),
            format: RecordFormat(listKey: "conversations", style: .fromValue), messages: messages,
            originalRecord: Array(record.utf8))
        return StoredTrajectory(
            trajectory: trajectory, parsed: StepParser.parse(messages, task: "os"), label: .unreviewed)
    }

    static let stored = huge()

    private func lines(unfolded: Set<Int> = [], raw: Bool = false) -> [DocumentLine] {
        var document = AppState.Document(Self.stored)
        document.unfolded = unfolded
        var view = AppState.ViewOptions()
        view.raw = raw
        return TrajectoryLayout.lines(of: document, view: view, blindReviewer: nil, width: 100)
    }

    /// Pages of the observation's message text.
    static let pages =
        (stored.trajectory.messages[2].text.utf8.count + TrajectoryLayout.textBudget - 1)
        / TrajectoryLayout.textBudget

    /// The bytes the lines hold: what laying them out cost, bounded by the budget, not the record.
    private func bytes(_ lines: [DocumentLine]) -> Int { lines.reduce(0) { $0 + $1.text.utf8.count } }

    @Test func aFiftyMegabyteObservationFoldsToAFewLines() {
        let folded = lines()
        #expect(folded.count < 40)
        #expect(Self.pages == 763)
        #expect(folded.contains { $0.text == "… 50.0 MB more, page 1/763 (o unfolds, > next page)" })
        let marker = folded.firstIndex { $0.text.hasSuffix("(o unfolds, > next page)") }
        #expect(marker.map { folded[$0].foldStep } == 0)
        #expect(marker.map { folded[$0].pagedMessage } == 2)
    }

    @Test func unfoldedItShowsTheBudgetThenSaysHowMuchIsLeft() {
        let unfolded = lines(unfolded: [0])
        #expect(bytes(unfolded) <= TrajectoryLayout.textBudget + 4096)
        #expect(unfolded.count < 2 * TrajectoryLayout.textBudget / 80)
        #expect(unfolded.contains { $0.text == "… 49.9 MB more, page 1/763 (> next page)" })
    }

    @Test func theRawViewIsBoundedToo() {
        let raw = lines(raw: true)
        #expect(bytes(raw) <= TrajectoryLayout.textBudget + 4096)
        #expect(raw.contains { $0.text.hasPrefix("… 50.") && $0.text.hasSuffix(" MB more (v pages it all)") })
    }

    @Test func bytesReadInDecimalUnits() {
        #expect(Format.bytes(812) == "812 B")
        #expect(Format.bytes(12_345) == "12.3 KB")
        #expect(Format.bytes(48_200_000) == "48.2 MB")
        #expect(Format.bytes(999_999) == "1.0 MB")
        #expect(Format.bytes(1_250_000_000) == "1.3 GB")
    }

    @Test func theBudgetCutsAtAScalarBoundaryAndCountsTheRest() {
        let (kept, omitted) = Span.prefix([Span("ab", .text), Span("é中x", .dim), Span("yz", .text)], utf8Budget: 5)
        #expect(kept == [Span("ab", .text), Span("é", .dim)])
        #expect(omitted == 6)
    }
}
