import Testing
import TroveCore

@testable import TroveUI

/// The trajectory screen shows every tool call of a step as `Action [name]` with its arguments laid out for
/// reading (`ToolCall.readable(arguments:)`).
@Suite struct ToolCallLayoutTests {
    @Test func everyCallOfAStepShowsWithReadableArguments() {
        let messages = [
            Message(originalRole: "user", text: "Open the page and click About."),
            Message(
                originalRole: "assistant", text: "Opening.",
                toolCalls: [
                    ToolCall(id: "a", name: "web_browser_go", arguments: #"{"url":"https://example.org/"}"#),
                    ToolCall(id: "b", name: "web_browser_click", arguments: #"{"element_id":7}"#),
                ]),
            Message(originalRole: "tool", text: "page", toolCallID: "a"),
            Message(originalRole: "tool", text: "clicked", toolCallID: "b"),
        ]
        let trajectory = Trajectory(
            id: "t", task: "browser", source: SourceLocation(file: "f", line: 1),
            format: RecordFormat(listKey: "messages", style: .roleContent), messages: messages, dialect: .toolCalls,
            originalRecord: [])
        let stored = StoredTrajectory(
            trajectory: trajectory, parsed: StepParser.parse(trajectory), label: .unreviewed)
        let lines = TrajectoryLayout.lines(
            of: AppState.Document(stored), view: AppState.ViewOptions(), blindReviewer: nil, width: 80)
        let actions = lines.filter { $0.label == "Action" }.map(\.text)
        #expect(actions == ["[web_browser_go] url: https://example.org/", "[web_browser_click] element_id: 7"])
        // A multi-line string argument is a block of its lines under its key.
        let edit = Trajectory(
            id: "e", task: "swe", source: SourceLocation(file: "f", line: 1),
            format: RecordFormat(listKey: "messages", style: .roleContent),
            messages: [
                Message(originalRole: "user", text: "Fix it."),
                Message(
                    originalRole: "assistant", text: "Writing.",
                    toolCalls: [
                        ToolCall(
                            id: "c", name: "str_replace_editor",
                            arguments: #"{"command": "create", "file_text": "def f():\n    return 1\n"}"#)
                    ]),
                Message(originalRole: "tool", text: "ok", toolCallID: "c"),
            ], dialect: .toolCalls, originalRecord: [])
        let editLines = TrajectoryLayout.lines(
            of: AppState.Document(
                StoredTrajectory(trajectory: edit, parsed: StepParser.parse(edit), label: .unreviewed)),
            view: AppState.ViewOptions(), blindReviewer: nil, width: 80
        ).map(\.text)
        #expect(editLines.contains("[str_replace_editor] command: create"), "\(editLines)")
        #expect(editLines.contains("file_text: |"), "\(editLines)")
        #expect(editLines.contains("  def f():"), "\(editLines)")
        #expect(editLines.contains("      return 1"), "\(editLines)")
    }
}
