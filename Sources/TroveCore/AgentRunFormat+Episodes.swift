// MARK: - Scored episodes: tau-bench, FireAct, WebArena

extension AgentRunFormat {
    /// A tau-bench episode: `traj` messages with tool calls (possibly none,
    /// when the episode crashed), `reward`, and `info.error` as the outcome.
    static func tauBench(_ object: JSONObject, context: RecordContext) throws(RecordRejection) -> Trajectory {
        let messages = try TrajectoryCodec.messages(
            try list(object, "traj", context: context), style: .roleContent, path: "traj", context: context)
        let taskID = text(object["task_id"]) ?? "?"
        let trial = text(object["trial"]) ?? "0"
        var outcome: RunOutcome?
        if let error = object["info"]?.objectValue?["error"], error != .null { outcome = .error }
        return context.trajectory(
            id: "tau-bench/task_\(taskID)/trial_\(trial)", task: "tau-bench", listKey: "traj", messages: messages,
            metadata: metadata(object, without: ["traj"]), reward: try ownReward(object, context: context),
            outcome: outcome)
    }

    /// A FireAct results file (an object of episodes by question index), or
    /// one episode: `traj` ReAct messages, `reward` (a boolean), `em`, `f1`.
    static func fireAct(_ object: JSONObject, context: RecordContext) throws(RecordRejection) -> [Trajectory] {
        if object["traj"] != nil {
            var lines = RecordContext.LineCounter()
            return [try fireActEpisode(object, key: nil, context: context, bytes: nil, lines: &lines)]
        }
        var lines = RecordContext.LineCounter()
        let bytes = context.record.bytes
        let ranges = JSONSlices.members(bytes, in: bytes.indices).map(\.value)
        var trajectories: [Trajectory] = []
        for (index, member) in object.members.enumerated() {
            guard case .object(let episode) = member.value else {
                throw context.fail("\"\(member.key)\" is \(member.value.typeName), expected an episode object")
            }
            let range = ranges.indices.contains(index) ? ranges[index] : nil
            trajectories.append(
                try fireActEpisode(episode, key: member.key, context: context, bytes: range, lines: &lines))
        }
        return trajectories
    }

    private static func fireActEpisode(
        _ object: JSONObject, key: String?, context: RecordContext, bytes: Range<Int>?,
        lines: inout RecordContext.LineCounter
    ) throws(RecordRejection) -> Trajectory {
        let path = key.map { "\"\($0)\".traj" } ?? "traj"
        guard case .array(let elements)? = object["traj"] else {
            throw context.fail("\(path) is \(object["traj"]?.typeName ?? "missing"), expected a list of messages")
        }
        let messages = try TrajectoryCodec.messages(elements, style: .roleContent, path: path, context: context)
        let reward: Double?
        do {
            reward = try TrajectoryCodec.reward(in: object)
        } catch {
            throw context.fail("\(key.map { "\"\($0)\": " } ?? "")\(error.text)")
        }
        return context.trajectory(
            id: "fireact_\(key ?? text(object["id"]) ?? context.location.description)", task: "fireact",
            listKey: "traj", messages: messages, metadata: metadata(object, without: ["traj"]), reward: reward,
            outcome: nil, bytes: bytes, lines: &lines)
    }

    /// A WebArena trajectory (ADP raw): the `intent` as the task, each page
    /// (`axtree`) as an observation, each `action` as an assistant message
    /// whose text is the chain of thought (`metadata.cot`) and whose tool call
    /// is the action (`action_name` with the action's fields). The id is the
    /// task and the run named by the screenshots (`<run>_<task>_<step>.png`),
    /// else the record's position.
    static func webArena(_ object: JSONObject, context: RecordContext) throws(RecordRejection) -> Trajectory {
        var messages = [
            Message(originalRole: "user", text: TrajectoryCodec.withoutNUL(object["intent"]?.stringValue ?? ""))
        ]
        var run: String?
        for (index, element) in try list(object, "trajectory", context: context).enumerated() {
            guard case .object(let step) = element else {
                throw context.fail("trajectory[\(index)] is \(element.typeName), expected a step object")
            }
            if let screenshot = step["screenshot_path"]?.stringValue, run == nil {
                let name = screenshot.split(separator: "/").last ?? ""
                run = name.split(separator: "_").first.map(String.init)
            }
            if let page = step["axtree"]?.stringValue {
                messages.append(Message(originalRole: "observation", text: TrajectoryCodec.withoutNUL(page)))
            }
            if case .object(let action)? = step["action"] {
                let thought = step["metadata"]?.objectValue?["cot"]?.stringValue ?? ""
                let name = action["action_name"]?.stringValue ?? "action"
                messages.append(
                    Message(
                        originalRole: "assistant", text: TrajectoryCodec.withoutNUL(thought),
                        toolCalls: [
                            ToolCall(
                                id: nil, name: TrajectoryCodec.withoutNUL(name),
                                arguments: TrajectoryCodec.argumentsText(.object(action)))
                        ]))
            }
        }
        let taskID = text(object["task_id"]) ?? "?"
        return context.trajectory(
            id: "webarena/\(taskID)/\(run ?? context.location.description)", task: "webarena",
            listKey: "trajectory", messages: messages, metadata: metadata(object, without: ["trajectory"]),
            reward: try ownReward(object, context: context), outcome: nil)
    }
}
