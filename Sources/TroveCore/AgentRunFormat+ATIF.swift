// MARK: - ATIF (Agent Trajectory Interchange Format)

extension AgentRunFormat {
    /// An ATIF trajectory (`ATIF-v1.x` and the dialects written by OpenHands,
    /// Terminus and OpenAgents): each step becomes a message by its `source`
    /// (`system`, `user`, `agent`), an agent step keeps its `tool_calls` and
    /// its `reasoning_content` as a reasoning block before its message
    /// (``ReasoningBlock``), and each of its `observation.results` becomes a
    /// `tool` message answering its `source_call_id` (or the step's only
    /// call). The agent's `tool_definitions` are the metadata's `tools`
    /// (``atifTools(_:)``). The reward is
    /// `final_metrics.reward`, else a `verdict` of `PASS` (1) or `FAIL` (0). The id is the agent's
    /// `name` and the `trajectory_id` (else `session_id`).
    static func atif(_ object: JSONObject, context: RecordContext) throws(RecordRejection) -> Trajectory {
        var messages: [Message] = []
        for (index, element) in try list(object, "steps", context: context).enumerated() {
            guard case .object(let step) = element else {
                throw context.fail("steps[\(index)] is \(element.typeName), expected a step object")
            }
            let source = step["source"]?.stringValue ?? "agent"
            let role =
                switch source {
                case "agent": "assistant"
                case "system": "system"
                default: "user"
                }
            let calls: [ToolCall]
            do {
                calls = try TrajectoryCodec.toolCalls(step["tool_calls"])
            } catch {
                throw context.fail("steps[\(index)]: \(error.text)")
            }
            var text = atifText(step["message"])
            if role == "assistant", let reasoning = step["reasoning_content"]?.stringValue {
                text = ReasoningBlock.text(reasoning: TrajectoryCodec.withoutNUL(reasoning), message: text)
            }
            messages.append(Message(originalRole: role, text: text, toolCalls: calls))
            for result in step["observation"]?.objectValue?["results"]?.arrayValue ?? [] {
                let fields = result.objectValue ?? JSONObject()
                let callID = fields["source_call_id"]?.stringValue ?? (calls.count == 1 ? calls[0].id : nil)
                messages.append(
                    Message(
                        originalRole: "tool", text: atifText(fields["content"]),
                        toolCallID: callID.map(TrajectoryCodec.withoutNUL)))
            }
        }
        let metrics = object["final_metrics"]?.objectValue
        var reward = try ownReward(metrics ?? JSONObject(), context: context)
        if reward == nil {
            let verdict = (metrics?["extra"]?.objectValue ?? object["extra"]?.objectValue)?["verdict"]?.stringValue
            switch verdict?.uppercased() {
            case "PASS"?: reward = 1
            case "FAIL"?: reward = 0
            default: break
            }
        }
        // Harbor's golden files share one normalized session id; the agent's name tells them apart.
        let session = text(object["trajectory_id"]) ?? text(object["session_id"]) ?? context.location.description
        let agent = object["agent"]?.objectValue?["name"]?.stringValue
        var metadata = metadata(object, without: ["steps"])
        if metadata["tools"] == nil, let tools = atifTools(object["agent"]?.objectValue?["tool_definitions"]) {
            metadata.members.append(.init(key: "tools", value: tools))
        }
        return context.trajectory(
            id: agent.map { "\($0)/\(session)" } ?? session,
            task: "atif", listKey: "steps", messages: messages, metadata: metadata, reward: reward, outcome: nil)
    }

    /// The agent's `tool_definitions` as OpenAI function schemas (`{"type": "function", "function":
    /// {"name", "description", "parameters"}}`, the layout ATIF prescribes and harbor writes; a bare
    /// `{name, description, parameters}` is wrapped so), for the metadata's `tools` that the exports
    /// read, as they read an Inspect sample's; nil when there are none. A definition that is neither is
    /// kept as written.
    static func atifTools(_ definitions: JSONValue?) -> JSONValue? {
        guard case .array(let definitions)? = definitions, !definitions.isEmpty else { return nil }
        return .array(
            definitions.map { definition in
                guard let fields = definition.objectValue, fields["function"] == nil,
                    fields["name"]?.stringValue != nil
                else { return definition }
                return .object(
                    JSONObject([
                        .init(key: "type", value: .string("function")),
                        .init(key: "function", value: .object(JSONObject(fields.members.filter { $0.key != "type" }))),
                    ]))
            })
    }

    /// A step's message or a result's content: a string, or a list of parts whose texts are joined.
    private static func atifText(_ value: JSONValue?) -> String {
        switch value {
        case .string(let text)?: TrajectoryCodec.withoutNUL(text)
        case .array(let parts)?: TrajectoryCodec.withoutNUL(TrajectoryCodec.contentParts(parts))
        default: ""
        }
    }
}
