// MARK: - Terminus (Terminal-Bench, harbor's Terminus-2)

extension StepParser {
    /// The head of a Terminus observation; the terminal's output follows it after a blank line.
    static let terminusObservationPrefix: StaticString = "New Terminal Output:"

    /// Reads a Terminus reply, JSON or XML (``TerminusResponse``): the analysis and the plan are the
    /// thought; every command's keystrokes, joined in order as the terminal receives them (a lone tmux
    /// key name marked, ``TerminusResponse/keys``), are the action `keystrokes`. A reply that marks the task complete ends the task; when it sends no keys its action
    /// is `task_complete`. Keys act on the environment; a reply without any only waits.
    static func readTerminusTurn(_ text: TurnText) -> TurnReading? {
        guard let response = TerminusResponse.json(text) ?? TerminusResponse.xml(text) else { return nil }
        let keys = response.keys
        let action: StepAction? =
            if !keys.isEmpty {
                StepAction(kind: "keystrokes", argument: keys)
            } else if response.complete {
                StepAction(kind: "task_complete", argument: "")
            } else {
                nil
            }
        return TurnReading(
            segments: response.segments(of: text), thought: response.thought, action: action,
            actsOnEnvironment: !keys.isEmpty, endsTask: response.complete)
    }

    /// Whether a prompt states Terminus's response format: JSON commands with `"keystrokes"` and
    /// `"task_complete"`, or their XML elements.
    static func statesTerminusFormat(_ prompt: TurnText) -> Bool {
        (prompt.contains("\"keystrokes\"") && prompt.contains("\"task_complete\""))
            || (prompt.contains("<keystrokes") && prompt.contains("<task_complete>"))
    }
}
