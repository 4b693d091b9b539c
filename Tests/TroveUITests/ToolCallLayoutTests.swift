import Testing
import TroveCore

@testable import TroveUI

/// The trajectory screen shows every tool call of a step as `Action [name]` with its JSON arguments pretty-printed.
@Suite struct ToolCallLayoutTests {
    @Test func everyCallOfAStepShowsWithPrettyArguments() {
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
        #expect(actions == ["[web_browser_go] {", "[web_browser_click] {"])
        let texts = lines.map(\.text)
        #expect(texts.contains(#"  "url": "https://example.org/""#))
        #expect(texts.contains(#"  "element_id": 7"#))
    }
}
