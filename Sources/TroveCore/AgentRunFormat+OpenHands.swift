// MARK: - OpenHands

extension AgentRunFormat {
    /// A file that is one OpenHands event stream (`tests/runtime/trajs`, a
    /// session's events). The id is the file's name; the metadata holds only
    /// the `tools` its system event lists (``openHandsTools(_:)``).
    static func openHandsEvents(_ events: [JSONValue], context: RecordContext) throws(RecordRejection) -> Trajectory {
        let messages = try openHandsMessages(events, path: "", context: context)
        var metadata = JSONObject()
        if let tools = openHandsTools(events) { metadata.members.append(.init(key: "tools", value: tools)) }
        return context.trajectory(
            id: context.fileStem(dropping: [".json"]), task: "openhands", listKey: "", messages: messages,
            metadata: metadata, reward: nil, outcome: nil, dialect: .toolCalls)
    }

    /// An OpenHands evaluation `output.jsonl` line (SWE-bench, Multi-SWE-bench,
    /// SWE-Gym, the resolver): `history` of events, `instance_id`, an `error`
    /// that is the outcome (`Agent reached maximum iteration` is a step
    /// limit), a reward from `resolved` or `success` (top level, else
    /// `test_result.report`), and the tools its system event lists as the
    /// metadata's `tools` (``openHandsTools(_:)``) unless the line has its own.
    static func openHandsOutput(_ object: JSONObject, context: RecordContext) throws(RecordRejection) -> Trajectory {
        let messages = try openHandsMessages(
            try list(object, "history", context: context), path: "history", context: context)
        var reward = try ownReward(object, context: context)
        if reward == nil {
            for source in [object, object["test_result"]?.objectValue?["report"]?.objectValue] {
                guard let source else { continue }
                for key in ["resolved", "success"] {
                    if case .bool(let flag)? = source[key] { reward = reward ?? (flag ? 1 : 0) }
                }
            }
        }
        var outcome: RunOutcome?
        if let error = object["error"]?.stringValue, !error.isEmpty { outcome = RunOutcome(status: error) ?? .error }
        var metadata = metadata(object, without: ["history", "instance_id"])
        if metadata["tools"] == nil, let tools = openHandsTools(object["history"]?.arrayValue ?? []) {
            metadata.members.append(.init(key: "tools", value: tools))
        }
        return context.trajectory(
            id: text(object["instance_id"]) ?? text(object["number"]).map { "issue_\($0)" }
                ?? context.location.description,
            task: "openhands", listKey: "history",
            messages: messages, metadata: metadata, reward: reward, outcome: outcome, dialect: .toolCalls)
    }

    /// The tools the agent could call: the `args.tools` of the first `system` action (OpenHands writes
    /// the system prompt and the function schemas it sends the model there, in OpenAI's layout), each
    /// wrapped as ATIF's are (``atifTools(_:)``), for the metadata's `tools` that the exports read; nil
    /// when no system action lists any (a replay fixture recorded before OpenHands wrote them).
    static func openHandsTools(_ events: [JSONValue]) -> JSONValue? {
        let system = events.lazy.compactMap(\.objectValue).first { $0["action"]?.stringValue == "system" }
        return atifTools(system?["args"]?.objectValue?["tools"])
    }

    /// Events as messages: the system prompt, user and agent `message`s, each
    /// other agent action (`run`, `read`, `edit`, `think`, `finish`, …) as an
    /// assistant message whose text is `args.thought` and whose tool call is
    /// the one the model made (`tool_call_metadata`), else the action with
    /// its `args`; each observation as a `tool` message answering its `cause`.
    /// Bookkeeping events (`recall`, agent state changes, `null`) are left
    /// out: they are neither the model's nor the environment's words.
    static func openHandsMessages(
        _ events: [JSONValue], path: String, context: RecordContext
    ) throws(RecordRejection) -> [Message] {
        var messages: [Message] = []
        var callIDs: [String: String] = [:]
        for (index, event) in events.enumerated() {
            guard case .object(let fields) = event else {
                throw context.fail("\(path)[\(index)] is \(event.typeName), expected an event object")
            }
            let eventID = text(fields["id"])
            let message = fields["message"]?.stringValue ?? ""
            if let action = fields["action"]?.stringValue {
                let args = fields["args"]?.objectValue ?? JSONObject()
                switch action {
                case "system":
                    messages.append(
                        Message(originalRole: "system", text: clean(args["content"]?.stringValue ?? message)))
                case "message":
                    let role = fields["source"]?.stringValue == "user" ? "user" : "assistant"
                    messages.append(Message(originalRole: role, text: clean(args["content"]?.stringValue ?? message)))
                case "recall", "change_agent_state", "null":
                    continue
                default:
                    let call = openHandsCall(fields, action: action, args: args, eventID: eventID)
                    if let eventID, let id = call.id { callIDs[eventID] = id }
                    messages.append(
                        Message(
                            originalRole: "assistant", text: clean(args["thought"]?.stringValue ?? ""),
                            toolCalls: [call]))
                }
            } else if let observation = fields["observation"]?.stringValue {
                guard !["agent_state_changed", "null", "recall"].contains(observation) else { continue }
                let cause = text(fields["cause"])
                messages.append(
                    Message(
                        originalRole: "tool", text: clean(fields["content"]?.stringValue ?? message),
                        toolCallID: cause.flatMap { callIDs[$0] }))
            }
        }
        return messages
    }

    /// The tool call behind an action: the function the model called and its
    /// exact arguments when `tool_call_metadata` records them, else the
    /// action's name and its `args` without the thought.
    private static func openHandsCall(
        _ fields: JSONObject, action: String, args: JSONObject, eventID: String?
    ) -> ToolCall {
        if let metadata = fields["tool_call_metadata"]?.objectValue,
            let name = metadata["function_name"]?.stringValue, let id = metadata["tool_call_id"]?.stringValue
        {
            let calls =
                metadata["model_response"]?.objectValue?["choices"]?.arrayValue?.first?.objectValue?["message"]?
                .objectValue?["tool_calls"]?.arrayValue ?? []
            let made = calls.compactMap(\.objectValue).first { $0["id"]?.stringValue == id }
            if let arguments = made?["function"]?.objectValue?["arguments"] {
                return ToolCall(id: clean(id), name: clean(name), arguments: TrajectoryCodec.argumentsText(arguments))
            }
        }
        let arguments = JSONObject(args.members.filter { $0.key != "thought" })
        return ToolCall(
            id: eventID.map { "event-\($0)" }, name: clean(action),
            arguments: TrajectoryCodec.argumentsText(.object(arguments)))
    }

    private static func clean(_ text: String) -> String { TrajectoryCodec.withoutNUL(text) }
}
