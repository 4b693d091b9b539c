// MARK: - Tool calls and SWE-agent command blocks

extension StepParser {
    /// Function names that end a run rather than act on its environment.
    static let finishingTools: Set<String> = [
        "finish", "submit", "stop", "done", "task_complete", "final_answer", "attempt_completion",
    ]

    /// The argument members in which a finishing function carries the run's answer: WebArena's and
    /// Inspect's `answer`, `final_answer`, Cline's `result`, OpenHands' `message`, in that order.
    static let answerMembers = ["answer", "final_answer", "result", "message", "text", "output"]

    /// The words by which mini-swe-agent's last command submits the run.
    static let submitMarkers = ["COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT", "MINI_SWE_AGENT_FINAL_OUTPUT"]

    /// Reads a tool-calling turn: its whole text is the thought, its first
    /// call the action (the function's name, its arguments as JSON text). A
    /// finishing function (``finishingTools``, or a mini-swe-agent submit
    /// command) ends the task, and so does a reply that calls nothing; the
    /// finishing function's answer (``answerMembers``) is the final answer.
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
        if ends { reading.finalAnswer = answer(inArguments: call.arguments) }
        return reading
    }

    /// The index of a tool-calling run's final reply, the agent turn whose text is the run's answer: the
    /// last message, an agent turn that calls nothing and says something, after an earlier agent turn
    /// called a tool. An agent loop that ends when the model stops calling tools (Inspect's `react` and
    /// `basic_agent` without a submit tool, OpenAI-style loops) submits that reply: Inspect's scorers
    /// grade it as the sample's `output.completion`. Nil when the run ends otherwise: on an observation,
    /// a user's turn, a call, or with no tool used before (a plain answer is a chat's, not a run's).
    static func finalReplyIndex(_ messages: [Message], turns: [TurnKind]) -> Int? {
        guard let last = messages.indices.last, turns[last] == .agent, messages[last].toolCalls.isEmpty,
            messages[last].text.withTurnText({ !$0.isBlank(0..<$0.count) }),
            messages[..<last].contains(where: { $0.role == .agent && !$0.toolCalls.isEmpty })
        else { return nil }
        return last
    }

    /// Reads a tool-calling run's final reply (``finalReplyIndex(_:turns:)``): its trimmed text is the
    /// final answer, the white space around it syntax, and it ends the task without acting.
    static func readFinalReply(_ text: TurnText) -> TurnReading {
        var builder = SegmentBuilder(text)
        let answer = builder.appendTrimmed(.finalAnswer, upTo: text.count)
        return TurnReading(
            segments: builder.finish(), thought: nil, finalAnswer: answer, actsOnEnvironment: false, endsTask: true)
    }

    /// The first non-blank string among ``answerMembers`` of a finishing call's `arguments` (JSON
    /// text); nil when they are not a JSON object or hold none.
    static func answer(inArguments arguments: String) -> String? {
        guard arguments.utf8.first == UInt8(ascii: "{"),
            case .object(let members)? = try? JSONParser.parse(Array(arguments.utf8))
        else { return nil }
        for name in answerMembers {
            if case .string(let answer)? = members[name], answer.contains(where: { !$0.isWhitespace }) {
                return answer
            }
        }
        return nil
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
