import Testing
import TroveCore

/// `trove show` is linear in the record's size: a 50 MB observation is printed whole, each line once with
/// its two-space indent, and nothing is laid out or copied per line beyond that.
@Suite struct TrajectoryReportSizeTests {
    @Test func aFiftyMegabyteObservationIsPrintedWholeWithOnlyItsIndentAdded() {
        let line = "row: lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor\n"
        let count = 50_000_000 / line.utf8.count
        let output = "The output of the OS:\n\n" + String(repeating: line, count: count) + "last row"
        let messages = [
            Message(originalRole: "human", text: "Count the rows."),
            Message(originalRole: "gpt", text: "Think: look.\n\nAct: bash\n\n```bash\ncat rows\n```"),
            Message(originalRole: "human", text: output),
        ]
        let trajectory = Trajectory(
            id: "huge", task: "os", source: SourceLocation(file: "f.jsonl", line: 1),
            format: RecordFormat(listKey: "conversations", style: .fromValue), messages: messages, originalRecord: [])
        let parsed = StepParser.parse(messages, task: "os")
        let observation = parsed.steps.compactMap(\.observation).max { $0.utf8.count < $1.utf8.count } ?? ""
        #expect(observation.utf8.count > 49_000_000)
        let shown = TrajectoryReport.text(trajectory, parsed, .unreviewed)
        let lines = observation.split(separator: "\n", omittingEmptySubsequences: false).count
        // The observation, two columns of indent per line, and at most a few hundred bytes of headings.
        let extra = shown.utf8.count - observation.utf8.count - 2 * lines
        #expect(extra >= 0 && extra < 500)
        #expect(shown.hasSuffix("  last row\n"))
    }

    /// Texts are written in pieces cut between scalars: a text of multi-byte scalars, escapes and controls
    /// longer than many pieces reads back whole from the JSON and shows whole, indented, in the text.
    @Test func textsWrittenInPiecesJoinBackWhole() throws {
        let unit = "é東🙂\"\\\u{1B}[31m\n\t"
        let observation = String(repeating: unit, count: 5 * TrajectoryReport.pieceSize / unit.utf8.count + 7)
        let messages = [
            Message(originalRole: "human", text: "Count the rows."),
            Message(originalRole: "gpt", text: "Think: look.\n\nAct: bash\n\n```bash\ncat rows\n```"),
            Message(originalRole: "human", text: "The output of the OS:\n\n" + observation),
        ]
        let trajectory = Trajectory(
            id: "pieces", task: "os", source: SourceLocation(file: "f.jsonl", line: 1),
            format: RecordFormat(listKey: "conversations", style: .fromValue), messages: messages, originalRecord: [])
        let parsed = StepParser.parse(messages, task: "os")
        let stored = try #require(parsed.steps.first?.observation)
        #expect(stored.utf8.count > 4 * TrajectoryReport.pieceSize)

        var json = ""
        TrajectoryReport.writeJSON(trajectory, parsed, .unreviewed, to: &json)
        let object = try #require(try JSONParser.parse(Array(json.utf8)).objectValue)
        #expect(object["steps"]?.arrayValue?.first?.objectValue?["observation"]?.stringValue == stored)

        let text = TrajectoryReport.text(trajectory, parsed, .unreviewed)
        let indented = "  " + TrajectoryReport.visible(stored).replacingOccurrences(of: "\n", with: "\n  ")
        #expect(text.contains("Observation:\n" + indented + "\n"))
    }
}
