/// The agent-run formats ``TrajectoryCodec/decodeAll(_:file:)`` recognizes
/// beyond chat records, each sniffed from the record's keys, never from the
/// file name.
///
/// | format | recognized by | trajectories | id |
/// |---|---|---|---|
/// | ``sweAgent`` `.traj` (0.x and 1.x) | `trajectory` list beside `history` or `info` | 1 | the file's name |
/// | ``miniSWEAgent`` `.traj.json` | `trajectory_format` `mini-swe-agent…` or `info.mini_version` | 1 | `instance_id` |
/// | ``messageList`` (legacy mini-swe-agent) | a file that is one list of `{role, content}` | 1 | the file's name |
/// | ``nebius`` SWE-agent dataset rows | `trajectory` of `{role, text}` | 1 | `instance_id` |
/// | ``openHandsEvents`` event stream | a file that is one list of events (`action`/`observation`) | 1 | the file's name |
/// | ``openHandsOutput`` evaluation or resolver `output.jsonl` line | `history` list of events | 1 | `instance_id`, else `number` |
/// | ``inspectLog`` Inspect `.json` log | `eval` and `samples` | one per sample | task/sample_epoch_n |
/// | ``inspectSample`` sample of an `.eval` archive | `epoch` and `messages` | 1 | task/sample_epoch_n |
/// | ``atif`` (`ATIF-v1.x`) | `schema_version` `ATIF…`, or `steps` with `session_id` | 1 | `trajectory_id`, `session_id` |
/// | ``tauBench`` episode | `traj`, `task_id` and `trial` | 1 | `tau-bench/task_N/trial_M` |
/// | ``fireAct`` results file | an object of `{traj, reward, em, f1, …}` by question | one per question | `fireact_<key>` |
/// | ``webArena`` ADP raw | `trajectory` of `{url, axtree}` / `{action}` steps | 1 | `webarena/<task>/<run>` |
///
/// SWE-agent and mini-swe-agent name a run's file after its instance, and an
/// OpenHands event file carries no id, so for those the file's name (without
/// directories or extension) is the id: never a path, which changes between
/// machines.
public enum AgentRunFormat: String, Sendable, Hashable, CaseIterable {
    case sweAgent = "swe-agent"
    case miniSWEAgent = "mini-swe-agent"
    case messageList = "message-list"
    case nebius = "nebius"
    case openHandsEvents = "openhands-events"
    case openHandsOutput = "openhands-output"
    case inspectLog = "inspect-log"
    case inspectSample = "inspect-sample"
    case atif = "atif"
    case tauBench = "tau-bench"
    case fireAct = "fireact"
    case webArena = "webarena"

    /// The format of a parsed record, or `nil` for a chat record (or none at all).
    public init?(sniffing value: JSONValue) {
        switch value {
        case .array(let elements):
            guard case .object(let first)? = elements.first else { return nil }
            if Self.isOpenHandsEvent(first) {
                self = .openHandsEvents
            } else if Self.isBareMessage(first) {
                self = .messageList
            } else {
                return nil
            }
        case .object(let object):
            guard let format = Self.sniff(object) else { return nil }
            self = format
        default:
            return nil
        }
    }

    private static func sniff(_ object: JSONObject) -> AgentRunFormat? {
        if object["schema_version"]?.stringValue?.hasPrefix("ATIF") == true
            || (object["steps"]?.arrayValue != nil && object.contains("session_id"))
        {
            return .atif
        }
        if object["trajectory_format"]?.stringValue?.hasPrefix("mini-swe-agent") == true
            || (object["messages"]?.arrayValue != nil && object["info"]?.objectValue?["mini_version"] != nil)
        {
            return .miniSWEAgent
        }
        if object["eval"]?.objectValue != nil, object["samples"]?.arrayValue != nil { return .inspectLog }
        if object["messages"]?.arrayValue != nil, object.contains("epoch"), object.contains("id") {
            return .inspectSample
        }
        if case .array(let steps)? = object["trajectory"] {
            if object["history"]?.arrayValue != nil || object["info"]?.objectValue != nil { return .sweAgent }
            if case .object(let first)? = steps.first {
                if first.contains("text") && first.contains("role") { return .nebius }
                if first.contains("axtree") || first.contains("url") || first.contains("action") { return .webArena }
            }
        }
        if case .array(let events)? = object["history"],
            object.contains("instance_id") || object.contains("resolved") || object.contains("success"),
            events.isEmpty || events.first?.objectValue.map(isOpenHandsEvent) == true
        {
            return .openHandsOutput
        }
        if object["traj"] != nil {
            return object.contains("task_id") && object.contains("trial") ? .tauBench : .fireAct
        }
        if let first = object.members.first?.value.objectValue, first["traj"] != nil,
            object.members.allSatisfy({ $0.value.objectValue?["traj"] != nil })
        {
            return .fireAct
        }
        return nil
    }

    /// Whether an object is an OpenHands event: an `action` or an `observation`, with a `source` or an `id`.
    static func isOpenHandsEvent(_ object: JSONObject) -> Bool {
        (object["action"]?.stringValue != nil || object["observation"]?.stringValue != nil)
            && (object.contains("source") || object.contains("id"))
    }

    /// Whether an object is a chat message on its own: `role` and `content`, and nothing that makes it a record.
    static func isBareMessage(_ object: JSONObject) -> Bool {
        object["role"]?.stringValue != nil && object.contains("content")
            && !TrajectoryCodec.idKeys.contains(where: object.contains)
    }

    /// The trajectories of a record in this format.
    func decode(_ value: JSONValue, context: RecordContext) throws(RecordRejection) -> [Trajectory] {
        switch (self, value) {
        case (.openHandsEvents, .array(let events)): return [try Self.openHandsEvents(events, context: context)]
        case (.messageList, .array(let messages)): return [try Self.messageList(messages, context: context)]
        case (_, .object(let object)):
            switch self {
            case .sweAgent: return [try Self.sweAgent(object, context: context)]
            case .miniSWEAgent: return [try Self.miniSWEAgent(object, context: context)]
            case .nebius: return [try Self.nebius(object, context: context)]
            case .openHandsOutput: return [try Self.openHandsOutput(object, context: context)]
            case .inspectLog: return try Self.inspectLog(object, context: context)
            case .inspectSample:
                var lines = RecordContext.LineCounter()
                return [
                    try Self.inspectSample(
                        object, task: context.options.logTask ?? "inspect", context: context, bytes: nil, lines: &lines)
                ]
            case .atif: return [try Self.atif(object, context: context)]
            case .tauBench: return [try Self.tauBench(object, context: context)]
            case .fireAct: return try Self.fireAct(object, context: context)
            case .webArena: return [try Self.webArena(object, context: context)]
            case .openHandsEvents, .messageList: break
            }
        default: break
        }
        throw context.fail("expected \(rawValue) data, found \(value.typeName)")
    }

    // MARK: - Shared

    /// A run's exit status as SWE-agent, mini-swe-agent and the SWE-smith
    /// datasets record it: `exit_status`, else `info.exit_status`.
    static func exitStatus(of object: JSONObject) -> String? {
        object["exit_status"]?.stringValue ?? object["info"]?.objectValue?["exit_status"]?.stringValue
    }

    /// ``Dialect/toolCalls`` when some message makes a tool call;
    /// ``Dialect/commandBlock`` for a mini-swe-agent run without tool calls
    /// (its actions are fenced shell blocks); else `nil` (detected from the text).
    static func impliedDialect(_ messages: [Message], object: JSONObject) -> Dialect? {
        if messages.contains(where: { !$0.toolCalls.isEmpty }) { return .toolCalls }
        if object["trajectory_format"]?.stringValue?.hasPrefix("mini-swe-agent") == true { return .commandBlock }
        return nil
    }

    /// The members of `object` without `keys` (the message list and bulky duplicates of it).
    static func metadata(_ object: JSONObject, without keys: Set<String>) -> JSONObject {
        JSONObject(object.members.filter { !keys.contains($0.key) })
    }

    /// A list member, `[]` when absent or null.
    static func list(
        _ object: JSONObject, _ key: String, context: RecordContext
    ) throws(RecordRejection) -> [JSONValue] {
        switch object[key] {
        case nil, .null?: return []
        case .array(let elements)?: return elements
        case let other?: throw context.fail("\"\(key)\" is \(other.typeName), expected a list")
        }
    }

    /// A string or number member as text (`task_id: 3` → `"3"`).
    static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)? where !text.isEmpty: text
        case .number(let lexeme)?: lexeme
        default: nil
        }
    }

    /// The record's own reward member, rejected with its reason when malformed.
    static func ownReward(_ object: JSONObject, context: RecordContext) throws(RecordRejection) -> Double? {
        do {
            return try TrajectoryCodec.reward(in: object)
        } catch {
            throw context.fail(error.text)
        }
    }
}
