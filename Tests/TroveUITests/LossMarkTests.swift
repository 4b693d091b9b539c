import Testing
import TroveCore
import TroveUI

/// The `·` mark and the loss words say what the exports do with a turn.
@Suite struct LossMarkTests {
    /// The step heading line of a one-step OS trajectory whose agent turn has `loss`, and the task's gutter.
    func layout(agentLoss: Bool?) throws -> (step: DocumentLine, task: DocumentLine) {
        let messages = [
            Message(originalRole: "human", text: "Do the task."),
            Message(originalRole: "gpt", text: "Think: look\n\nAct: bash\n\n```bash\nls\n```", loss: agentLoss),
            Message(originalRole: "human", text: "The output of the OS:\n\nfile"),
        ]
        let trajectory = Trajectory(
            id: "t", task: "os", source: TroveCore.SourceLocation(file: "f.jsonl", line: 1),
            format: RecordFormat(listKey: "conversations", style: .fromValue), messages: messages, originalRecord: [])
        let stored = StoredTrajectory(
            trajectory: trajectory, parsed: StepParser.parse(messages, task: "os"), label: .unreviewed)
        let lines = TrajectoryLayout.lines(
            of: AppState.Document(stored), view: AppState.ViewOptions(), blindReviewer: nil, width: 80)
        let step = try #require(lines.first { $0.isStepHeader })
        let task = try #require(lines.first { $0.text == "Do the task." })
        return (step, task)
    }

    @Test func anAgentTurnWithoutALossFlagIsTrainedAsTheExportsDo() throws {
        let (step, task) = try layout(agentLoss: nil)
        #expect(step.gutter == " ")
        #expect(!step.text.contains("no loss"))
        #expect(task.gutter == "·")
    }

    @Test func anAgentTurnWithLossFalseIsMarkedAndSaysSo() throws {
        let (step, _) = try layout(agentLoss: false)
        #expect(step.gutter == "·")
        #expect(step.text.contains("no loss"))
        #expect(try layout(agentLoss: true).step.gutter == " ")
    }
}
