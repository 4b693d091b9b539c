// MARK: - Tool calls and SWE-agent command blocks

extension StepParser {
    /// Function names that end a run rather than act on its environment.
    static let finishingTools: Set<String> = [
        "finish", "submit", "stop", "done", "task_complete", "final_answer", "attempt_completion",
    ]

    /// The words by which mini-swe-agent's last command submits the run.
    static let submitMarkers = ["COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT", "MINI_SWE_AGENT_FINAL_OUTPUT"]

    /// Reads a tool-calling turn: its whole text is the thought, its first
    /// call the action (the function's name, its arguments as JSON text). A
    /// finishing function (``finishingTools``, or a mini-swe-agent submit
    /// command) ends the task, and so does a reply that calls nothing.
    static func readToolCallTurn(_ text: TurnText, calls: [ToolCall]) -> TurnReading {
        var reading = readRawTurn(text, as: .thought)
        guard let call = calls.first else {
            reading.endsTask = true
            return reading
        }
        let ends =
            finishingTools.contains(call.name.lowercased())
            || submitMarkers.contains { call.arguments.contains($0) }
        reading.action = StepAction(kind: call.name, argument: call.arguments)
        reading.actsOnEnvironment = !ends
        reading.endsTask = ends
        return reading
    }

    /// Reads a SWE-agent style turn: thought, then a fenced command block
    /// (the last of the turn, so code quoted in the thought stays thought). The
    /// action's kind is the command's first word (`open`, `edit`, `python`,
    /// `submit`); `submit` and a mini-swe-agent submit command end the task.
    static func readCommandBlockTurn(_ text: TurnText) -> TurnReading? {
        guard let fence = lastOpeningFence(text) else { return nil }
        var builder = SegmentBuilder(text)
        let thought = builder.appendThought(labelled: nil, upTo: fence)
        guard let command = builder.appendCodeBlock() else { return nil }
        let kind = String(command.prefix { !$0.isWhitespace })
        let ends = kind == "submit" || submitMarkers.contains { command.contains($0) }
        return TurnReading(
            segments: builder.finish(), thought: thought,
            action: StepAction(kind: kind.isEmpty ? "bash" : kind, argument: command), actsOnEnvironment: !ends,
            endsTask: ends)
    }

    /// The offset of the last fence that opens a block: fences at line starts
    /// alternate opening and closing.
    static func lastOpeningFence(_ text: TurnText) -> Int? {
        var fences: [Int] = []
        var lineStart = 0
        while lineStart < text.count {
            let start = text.skippingSpaces(from: lineStart)
            if text.hasPrefix("```", at: start) { fences.append(start) }
            lineStart = text.lineEnd(from: start) + 1
        }
        guard !fences.isEmpty else { return nil }
        return fences[(fences.count - 1) / 2 * 2]
    }
}
