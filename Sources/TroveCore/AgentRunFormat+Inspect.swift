// MARK: - Inspect logs

extension AgentRunFormat {
    /// An Inspect `.json` log: one trajectory per sample and epoch, each
    /// keeping its sample's exact bytes.
    static func inspectLog(_ object: JSONObject, context: RecordContext) throws(RecordRejection) -> [Trajectory] {
        let task = context.options.logTask ?? object["eval"]?.objectValue?["task"]?.stringValue ?? "inspect"
        let samples = try list(object, "samples", context: context)
        let bytes = context.record.bytes
        let ranges = JSONSlices.member("samples", of: bytes, in: bytes.indices).map {
            JSONSlices.elements(bytes, in: $0)
        }
        var trajectories: [Trajectory] = []
        var lines = RecordContext.LineCounter()
        for (index, sample) in samples.enumerated() {
            guard case .object(let fields) = sample else {
                throw context.fail("samples[\(index)] is \(sample.typeName), expected a sample object")
            }
            let range = ranges.flatMap { $0.indices.contains(index) ? $0[index] : nil }
            trajectories.append(try inspectSample(fields, task: task, context: context, bytes: range, lines: &lines))
        }
        return trajectories
    }

    /// One Inspect sample: its messages (tool calls and `tool` results
    /// included; a tool result with no content shows its `error`), its first
    /// score as the reward (`C` 1, `I` 0, `P` 0.5, `N` 0, a number in `0...1`
    /// as is, the scorer's name kept as `reward_scorer` in the metadata), and
    /// an `error` or a `limit` as the outcome.
    static func inspectSample(
        _ object: JSONObject, task: String, context: RecordContext, bytes: Range<Int>?,
        lines: inout RecordContext.LineCounter
    ) throws(RecordRejection) -> Trajectory {
        let sampleID = text(object["id"]) ?? "sample"
        let epoch = text(object["epoch"]) ?? "1"
        var messages: [Message] = []
        for (index, element) in try list(object, "messages", context: context).enumerated() {
            do {
                var message = try TrajectoryCodec.message(element, style: .roleContent)
                if message.role == .tool, message.text.isEmpty,
                    let error = element.objectValue?["error"]?.objectValue?["message"]?.stringValue
                {
                    message.text = TrajectoryCodec.withoutNUL(error)
                }
                messages.append(message)
            } catch {
                throw context.fail("messages[\(index)]: \(error.text)")
            }
        }
        var metadata = metadata(object, without: ["messages", "events", "attachments"])
        if metadata["tools"] == nil, let tools = inspectTools(object["events"]) {
            metadata.members.append(.init(key: "tools", value: tools))
        }
        var reward: Double?
        for score in object["scores"]?.objectValue?.members ?? [] {
            guard let value = inspectScore(score.value.objectValue?["value"]) else { continue }
            reward = value
            metadata.members.append(.init(key: "reward_scorer", value: .string(score.key)))
            break
        }
        var outcome: RunOutcome?
        if let error = object["error"], error != .null {
            outcome = .error
        } else if let limit = object["limit"]?.objectValue?["type"]?.stringValue {
            switch limit {
            case "message": outcome = .stepLimit
            case "time", "working": outcome = .timeout
            case "token", "cost": outcome = .costLimit
            default: outcome = RunOutcome(status: limit) ?? .stepLimit
            }
        }
        return context.trajectory(
            id: "\(task)/\(sampleID)_epoch_\(epoch)", task: task, listKey: "messages", messages: messages,
            metadata: metadata, reward: reward, outcome: outcome, bytes: bytes, lines: &lines)
    }

    /// The tools the sample's model could call, from the last `model` event that lists some (Inspect
    /// keeps them only in its events), as OpenAI function schemas (`{"type": "function", "function":
    /// {"name", "description", "parameters"}}`) for the exports' `tools`; nil when no event lists any.
    static func inspectTools(_ events: JSONValue?) -> JSONValue? {
        guard case .array(let events)? = events else { return nil }
        for event in events.reversed() {
            guard let fields = event.objectValue, fields["event"]?.stringValue == "model",
                case .array(let tools)? = fields["tools"], !tools.isEmpty
            else { continue }
            return .array(
                tools.compactMap { tool -> JSONValue? in
                    guard let info = tool.objectValue, let name = info["name"]?.stringValue else { return nil }
                    var function: [JSONObject.Member] = [.init(key: "name", value: .string(name))]
                    for key in ["description", "parameters"] {
                        if let value = info[key], value != .null { function.append(.init(key: key, value: value)) }
                    }
                    return .object(
                        JSONObject([
                            .init(key: "type", value: .string("function")),
                            .init(key: "function", value: .object(JSONObject(function))),
                        ]))
                })
        }
        return nil
    }

    /// A score value as a reward: Inspect's `C`/`I`/`P`/`N`, a boolean, or a number in `0...1`.
    static func inspectScore(_ value: JSONValue?) -> Double? {
        switch value {
        case .string("C")?: 1
        case .string("I")?, .string("N")?: 0
        case .string("P")?: 0.5
        case .bool(let flag)?: flag ? 1 : 0
        case .number?: value?.doubleValue.flatMap { (0...1).contains($0) ? $0 : nil }
        default: nil
        }
    }
}
