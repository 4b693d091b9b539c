// MARK: - SWE-agent, mini-swe-agent and SWE-agent datasets

extension AgentRunFormat {
    /// SWE-agent's `.traj`: the messages are `history` (the exact chat the
    /// model saw, tool calls included in 1.x), or, in files without one, each
    /// `trajectory[]` step's `response` and `observation`. The outcome is
    /// `info.exit_status`; `info.submission` stays in the metadata.
    ///
    /// SWE-agent stops writing `history` when the run ends, so its last step
    /// (`submit`, the diff as its observation) may be only in `trajectory[]`
    /// (``sweAgentSteps(after:in:toolCalls:)``): such steps follow the history.
    static func sweAgent(_ object: JSONObject, context: RecordContext) throws(RecordRejection) -> Trajectory {
        let history = try list(object, "history", context: context)
        var messages: [Message]
        var listKey = "history"
        if !history.isEmpty {
            messages = try TrajectoryCodec.messages(history, style: .roleContent, path: "history", context: context)
            let steps = try list(object, "trajectory", context: context)
            messages += sweAgentSteps(
                after: history, in: steps, toolCalls: messages.contains { !$0.toolCalls.isEmpty })
        } else {
            listKey = "trajectory"
            messages = []
            for (index, step) in try list(object, "trajectory", context: context).enumerated() {
                guard case .object(let fields) = step else {
                    throw context.fail("trajectory[\(index)] is \(step.typeName), expected an object")
                }
                messages.append(Message(originalRole: "assistant", text: fields["response"]?.stringValue ?? ""))
                if let observation = fields["observation"]?.stringValue {
                    messages.append(Message(originalRole: "user", text: observation))
                }
            }
        }
        return context.trajectory(
            id: context.fileStem(dropping: [".traj.json", ".traj", ".json"]), task: "swe-agent", listKey: listKey,
            messages: messages, metadata: metadata(object, without: ["history", "trajectory"]),
            reward: try ownReward(object, context: context),
            outcome: exitStatus(of: object).flatMap(RunOutcome.init(status:)),
            dialect: messages.contains { !$0.toolCalls.isEmpty } ? .toolCalls : .commandBlock)
    }

    /// The messages of the `trajectory[]` steps that `history` does not reach. Step `n` is the history's
    /// `n`th assistant message that is not a demonstration's (`is_demo`); when the history's last such
    /// message reads as the step of the same position (its `content` is the step's `response` or
    /// `thought`, or its `action` the step's), what follows it is added:
    /// - that step's `observation`, when the history ends on the assistant message (0.x never wrote the
    ///   submission's diff there; 1.x does);
    /// - each later step as an assistant message, its `response` (else `thought`) as the text, and its
    ///   `observation` after it. In a tool-calling run the step keeps only the command line the call ran,
    ///   not the call's JSON arguments, so the call is rebuilt from it (``sweAgentCall(_:tools:)``). The
    ///   observation is a `tool` message there and a `user` message in a 0.x run, as the history writes them.
    ///
    /// None when the steps and the history do not line up (a history longer than the steps, or a last
    /// assistant message that is not its step's): the history alone is then what the run shows.
    static func sweAgentSteps(after history: [JSONValue], in steps: [JSONValue], toolCalls: Bool) -> [Message] {
        let turns = history.compactMap(\.objectValue).filter {
            $0["role"]?.stringValue == "assistant" && $0["is_demo"] != .bool(true)
        }
        guard steps.count >= turns.count else { return [] }
        let observationRole = toolCalls ? "tool" : "user"
        let tools = Set(
            history.lazy.compactMap { $0.objectValue?["tool_calls"]?.arrayValue }.joined()
                .compactMap { $0.objectValue?["function"]?.objectValue?["name"]?.stringValue })
        var messages: [Message] = []
        if let last = turns.last {
            guard let step = steps[turns.count - 1].objectValue, sweAgentStep(step, isTurn: last) else { return [] }
            let endsOnTheTurn = history.last?.objectValue.map { $0["role"]?.stringValue == "assistant" } ?? false
            if endsOnTheTurn, let observation = step["observation"]?.stringValue, !observation.isEmpty {
                messages.append(Message(originalRole: observationRole, text: TrajectoryCodec.withoutNUL(observation)))
            }
        }
        for element in steps[turns.count...] {
            guard let step = element.objectValue else { return [] }
            let text = TrajectoryCodec.withoutNUL(step["response"]?.stringValue ?? step["thought"]?.stringValue ?? "")
            var calls: [ToolCall] = []
            if toolCalls, let action = step["action"]?.stringValue, let call = sweAgentCall(action, tools: tools) {
                calls = [call]
            }
            messages.append(Message(originalRole: "assistant", text: text, toolCalls: calls))
            if let observation = step["observation"]?.stringValue {
                messages.append(Message(originalRole: observationRole, text: TrajectoryCodec.withoutNUL(observation)))
            }
        }
        return messages
    }

    /// The call a tool-calling step's command line `action` came from. SWE-agent runs every tool as a shell
    /// command, so a command that is a tool's name alone (`submit`, or a tool the run's history called,
    /// `tools`) is a call of that tool with no arguments, `{}`; any other command line is a `bash` call of
    /// it, `{"command": …}`, which runs the same command (the tool's own JSON arguments are not in the step,
    /// and arguments are always a JSON object, as trainers read them). Nil for a blank action.
    static func sweAgentCall(_ action: String, tools: Set<String>) -> ToolCall? {
        var command = Substring(TrajectoryCodec.withoutNUL(action)).drop { $0.isWhitespace }
        while command.last?.isWhitespace == true { command = command.dropLast() }
        guard !command.isEmpty else { return nil }
        let alone = !command.contains { $0.isWhitespace }
        if alone, command == "submit" || tools.contains(String(command)) {
            return ToolCall(id: nil, name: String(command), arguments: "{}")
        }
        return ToolCall(
            id: nil, name: "bash", arguments: JSONWriter.string(.object(["command": .string(String(command))])))
    }

    /// Whether history message `turn` is trajectory step `step`: the same response or thought, or the same action.
    private static func sweAgentStep(_ step: JSONObject, isTurn turn: JSONObject) -> Bool {
        let content = turn["content"]?.stringValue
        if let content, content == step["response"]?.stringValue || content == step["thought"]?.stringValue {
            return true
        }
        guard let action = turn["action"]?.stringValue else { return false }
        return action == step["action"]?.stringValue
    }

    /// mini-swe-agent's `.traj.json`: `messages` with assistant `tool_calls`
    /// (or a fenced bash block), `tool` or user observations, `info.exit_status`
    /// and `instance_id`.
    static func miniSWEAgent(_ object: JSONObject, context: RecordContext) throws(RecordRejection) -> Trajectory {
        let messages = try TrajectoryCodec.messages(
            try list(object, "messages", context: context), style: .roleContent, path: "messages", context: context)
        return context.trajectory(
            id: text(object["instance_id"]) ?? context.fileStem(dropping: [".traj.json", ".json"]),
            task: "mini-swe-agent", listKey: "messages", messages: messages,
            metadata: metadata(object, without: ["messages", "instance_id"]),
            reward: try ownReward(object, context: context),
            outcome: exitStatus(of: object).flatMap(RunOutcome.init(status:)),
            dialect: messages.contains { !$0.toolCalls.isEmpty } ? .toolCalls : .commandBlock)
    }

    /// A file that is one bare list of `{role, content}` messages (mini-swe-agent's
    /// legacy trajectories). Its actions are fenced blocks when a message
    /// holds mini-swe-agent's `mswea_bash_command` fence or `<returncode>` observations.
    static func messageList(_ elements: [JSONValue], context: RecordContext) throws(RecordRejection) -> Trajectory {
        let messages = try TrajectoryCodec.messages(elements, style: .roleContent, path: "", context: context)
        let miniSWE = messages.contains { $0.text.contains("mswea_bash_command") || $0.text.contains("<returncode>") }
        var dialect: Dialect? = miniSWE ? .commandBlock : nil
        if messages.contains(where: { !$0.toolCalls.isEmpty }) { dialect = .toolCalls }
        return context.trajectory(
            id: context.fileStem(dropping: [".traj.json", ".json"]), task: miniSWE ? "mini-swe-agent" : "unknown",
            listKey: "", messages: messages, metadata: JSONObject(), reward: nil, outcome: nil, dialect: dialect)
    }

    /// A SWE-agent trajectory dataset row (nebius/SWE-agent-trajectories):
    /// `trajectory[]` of `{role: system|user|ai, text, mask, system_prompt}`,
    /// `target` (resolved) as the reward, `exit_status` as the outcome. `mask`
    /// is the loss flag. The dataset keeps the system turn's text in that
    /// message's `system_prompt`, its `text` being null: a `system` message
    /// whose `text` is null or empty reads its `system_prompt`. Each element is
    /// one message, so a `system_prompt` on a message of another role is not
    /// made a turn of its own (it stays in the record's bytes).
    static func nebius(_ object: JSONObject, context: RecordContext) throws(RecordRejection) -> Trajectory {
        var messages: [Message] = []
        for (index, element) in try list(object, "trajectory", context: context).enumerated() {
            guard case .object(let fields) = element, let role = fields["role"]?.stringValue else {
                throw context.fail("trajectory[\(index)] is not a {role, text} message")
            }
            guard var text = fields["text"]?.stringValue ?? (fields["text"] == .null ? "" : nil) else {
                throw context.fail("trajectory[\(index)]: \"text\" is \(fields["text"]?.typeName ?? "missing")")
            }
            if text.isEmpty, role == "system", let prompt = fields["system_prompt"]?.stringValue { text = prompt }
            var loss: Bool?
            if case .bool(let mask)? = fields["mask"] { loss = mask }
            messages.append(
                Message(
                    originalRole: TrajectoryCodec.withoutNUL(role), text: TrajectoryCodec.withoutNUL(text), loss: loss))
        }
        var reward = try ownReward(object, context: context)
        if case .bool(let resolved)? = object["target"] { reward = resolved ? 1 : 0 }
        return context.trajectory(
            id: text(object["instance_id"]) ?? context.location.description, task: "swe-agent",
            listKey: "trajectory", messages: messages,
            metadata: metadata(object, without: ["trajectory", "instance_id"]),
            reward: reward,
            outcome: exitStatus(of: object).flatMap(RunOutcome.init(status:)), dialect: .commandBlock)
    }
}
