import Foundation

/// Turns one record's bytes into a ``Trajectory``, recognizing the format from
/// the content, never from the file name.
///
/// Recognized shapes (the message list may be called `conversations`,
/// `messages` or `conversation`):
/// - `{"from", "value", "loss"?}` messages: AgentInstruct, ShareGPT/FastChat,
///   AgentGym (`item_id`), ETO (a top-level `reward`);
/// - `{"role", "content", "weight"?, "loss"?}` messages: OpenAI / TRL chat, ADP
///   raw. `content` may be a string, `null`, or a list of parts whose `text`
///   members are joined.
///
/// The id comes from `id`, `item_id` or `instance_id` (a string or a number),
/// else `file:line`. The task comes from ``Options/task``, else the id's prefix
/// (`os_12` → `os`), else `unknown`. The environment reward comes from the
/// record's `reward`, `score` or `success` (`true` is 1, `false` 0), else a
/// SWE-Gym style `resolved` flag, else the reward a final non-agent message
/// states (``ObservationReward``), else the sidecar table, else
/// ``Options/defaultReward``; it must lie in `0...1`, and
/// ``Trajectory/environmentRewardSource`` says which it was.
///
/// A top-level `system` string (LLaMA-Factory's system column) is the system
/// prompt: a `system` message put first, unless the list starts with one.
///
/// Role-content messages keep their tool calls (``Message/toolCalls``, a legacy
/// OpenAI `function_call` too) and the id a tool result answers; a ShareGPT
/// `function_call` turn's calls are read from its value (``message(_:style:)``). ``decodeAll(_:file:)`` also reads the agent-run
/// formats ``AgentRunFormat`` lists, some of which hold many trajectories.
public struct TrajectoryCodec: Sendable {
    /// Choices that come from the command line rather than the record.
    public struct Options: Sendable {
        /// The task of every record (`--task`), overriding the id prefix.
        public var task: String?
        /// Rewards by id from a sidecar file (`--rewards`), for records that carry none.
        public var rewards: [String: Double]
        /// The reward of records that carry none and are not in ``rewards`` (`--reward`).
        public var defaultReward: Double?
        /// The Inspect task named by an `.eval` archive's `header.json`, for the
        /// samples read from it (a sample does not name its task).
        public var logTask: String?
        /// Put before the id of every trajectory ``TrajectoryCodec/decodeAll(_:file:)`` decodes
        /// (`--id-prefix`), so that two runs of one instance are stored apart; empty for none. The task
        /// derived from the id and the rewards looked up by id (``rewards``) use the record's own id.
        public var idPrefix: String

        public init(
            task: String? = nil, rewards: [String: Double] = [:], defaultReward: Double? = nil, logTask: String? = nil,
            idPrefix: String = ""
        ) {
            self.task = task
            self.rewards = rewards
            self.defaultReward = defaultReward
            self.logTask = logTask
            self.idPrefix = idPrefix
        }
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// The message-list keys tried, in order.
    public static let listKeys = ["conversations", "messages", "conversation"]
    /// The id keys tried, in order.
    public static let idKeys = ["id", "item_id", "instance_id"]
    /// The reward keys tried, in order.
    public static let rewardKeys = ["reward", "score", "success"]
    /// The keys naming the model that produced a record, tried in order (hidden in blind review).
    public static let modelKeys = ["model", "model_name"]
    /// The six AgentInstruct tasks, recognized as id prefixes even when an id has more underscores.
    public static let agentInstructTasks = ["os", "db", "alfworld", "webshop", "kg", "mind2web"]

    /// Decodes one chat record read from `file` (the shapes listed above).
    ///
    /// - throws: ``RecordRejection`` naming `file:line` and what is wrong.
    public func decode(_ record: RawRecord, file: String) throws(RecordRejection) -> Trajectory {
        let context = RecordContext(record: record, file: file, options: options)
        let value = try context.parse()
        guard case .object(let object) = value else {
            throw context.fail("expected a trajectory object, found \(value.typeName)")
        }
        return try decodeChat(object, context: context)
    }

    /// Decodes every trajectory one record holds: a chat record (see
    /// ``decode(_:file:)``), or an agent run in one of the formats
    /// ``AgentRunFormat`` recognizes, some of which hold many trajectories (a
    /// FireAct file, an Inspect log). Each id starts with ``Options/idPrefix``.
    ///
    /// - throws: ``RecordRejection`` naming `file:line` and what is wrong.
    public func decodeAll(_ record: RawRecord, file: String) throws(RecordRejection) -> [Trajectory] {
        var trajectories = try decodeAllUnprefixed(record, file: file)
        if !options.idPrefix.isEmpty {
            for index in trajectories.indices { trajectories[index].id = options.idPrefix + trajectories[index].id }
        }
        return trajectories
    }

    private func decodeAllUnprefixed(_ record: RawRecord, file: String) throws(RecordRejection) -> [Trajectory] {
        let context = RecordContext(record: record, file: file, options: options)
        let value = try context.parse()
        if let format = AgentRunFormat(sniffing: value) { return try format.decode(value, context: context) }
        guard case .object(let object) = value else {
            throw context.fail("expected a trajectory object, found \(value.typeName)")
        }
        return [try decodeChat(object, context: context)]
    }

    /// Whether `id` is the name of `file` (without its directories and a `.traj.json`, `.traj` or `.json`
    /// extension), as SWE-agent, mini-swe-agent and OpenHands name a run's file after its instance (and
    /// take the id from it): another run of that instance, in another directory, has the same id.
    public static func isNamedAfterFile(_ id: String, file: String) -> Bool {
        [[".traj.json", ".traj", ".json"], [".json"]].contains { RecordContext.fileStem(of: file, dropping: $0) == id }
    }

    /// Whether a record is one element of a file-wide trajectory (an OpenHands
    /// event, or a message of a bare message list) rather than a trajectory:
    /// such a file is read as one record (``RecordReader/Layout/document``).
    public static func isDocumentElement(_ record: RawRecord) -> Bool {
        guard case .object(let object)? = try? JSONParser.parse(record.bytes),
            !listKeys.contains(where: object.contains)
        else { return false }
        return AgentRunFormat.isOpenHandsEvent(object) || AgentRunFormat.isBareMessage(object)
    }

    private func decodeChat(_ object: JSONObject, context: RecordContext) throws(RecordRejection) -> Trajectory {
        func fail(_ reason: String) -> RecordRejection { context.fail(reason) }
        if let key = object.conflictingDuplicate(among: Self.listKeys + Self.idKeys + Self.rewardKeys + Self.modelKeys)
        {
            throw fail("duplicate key \"\(key)\"")
        }
        guard let listKey = Self.listKeys.first(where: object.contains) else {
            throw fail("no message list: expected one of \(Self.listKeys.map { "\"\($0)\"" }.joined(separator: ", "))")
        }
        guard case .array(let elements) = object[listKey]! else {
            throw fail("\"\(listKey)\" is \(object[listKey]!.typeName), expected an array of messages")
        }
        guard !elements.isEmpty else { throw fail("\"\(listKey)\" is empty") }
        guard case .object(let first) = elements[0] else {
            throw fail("\(listKey)[0] is \(elements[0].typeName), expected a message object")
        }
        let style: MessageStyle
        if first.contains("from") || first.contains("value") {
            style = .fromValue
        } else if first.contains("role") || first.contains("content") {
            style = .roleContent
        } else {
            throw fail("\(listKey)[0] has neither \"from\"/\"value\" nor \"role\"/\"content\"")
        }
        var messages = try Self.messages(elements, style: style, path: listKey, context: context)
        // LLaMA-Factory's `system` column: the system prompt, unless the conversation starts with its own
        // (which LLaMA-Factory reads instead; the column then stays metadata).
        var systemMember: String?
        if case .string(let system)? = object["system"], !system.isEmpty, messages.first?.role != .system {
            messages.insert(Message(role: .system, originalRole: "system", text: Self.withoutNUL(system)), at: 0)
            systemMember = "system"
        }

        let idMember = Self.idKeys.first(where: object.contains)
        var id = context.location.description
        if let idMember {
            switch object[idMember]! {
            case .string(let string) where !string.isEmpty: id = Self.withoutNUL(string)
            case .string: throw fail("\"\(idMember)\" is empty, expected a non-empty string or a number")
            case .number(let lexeme): id = lexeme
            case let other: throw fail("\"\(idMember)\" is \(other.typeName), expected a string or a number")
            }
        }

        var recorded: Double?
        do {
            recorded = try Self.reward(in: object)
        } catch {
            throw fail(error.text)
        }
        if recorded == nil, case .bool(let flag)? = object["resolved"] { recorded = flag ? 1 : 0 }
        let reward = context.reward(recorded: recorded, id: id, messages: messages)
        let metadata = JSONObject(
            object.members.filter { $0.key != listKey && $0.key != idMember && $0.key != systemMember })
        return Trajectory(
            id: id, task: options.task ?? Self.task(fromID: idMember == nil ? nil : id), source: context.location,
            format: RecordFormat(listKey: listKey, style: style), messages: messages, metadata: metadata,
            environmentReward: reward?.value, environmentRewardSource: reward?.source,
            outcome: AgentRunFormat.exitStatus(of: object).flatMap(RunOutcome.init(status:)),
            dialect: AgentRunFormat.impliedDialect(messages, object: object), originalRecord: context.record.bytes)
    }

    /// The task an id names by its prefix: `os_12` → `os`, `alfworld_155` →
    /// `alfworld`, `db_tri_3` → `db` (the six AgentInstruct tasks win as a
    /// first part), `web_shop_12` → `web_shop`; `unknown` unless the id is
    /// lowercase `name_number`.
    public static func task(fromID id: String?) -> String {
        guard let id, let underscore = id.firstIndex(of: "_") else { return "unknown" }
        if agentInstructTasks.contains(String(id[..<underscore])) { return String(id[..<underscore]) }
        guard let last = id.lastIndex(of: "_") else { return "unknown" }
        let prefix = id[..<last]
        let number = id[id.index(after: last)...]
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && $0.isNumber }), let first = prefix.first,
            first.isASCII, first.isLowercase,
            prefix.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_") })
        else { return "unknown" }
        return String(prefix)
    }

    // MARK: - Members

    /// The messages of a list, `path` naming it in errors (`messages[3]: …`).
    static func messages(
        _ elements: [JSONValue], style: MessageStyle, path: String, context: RecordContext
    ) throws(RecordRejection) -> [Message] {
        var messages: [Message] = []
        messages.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            do {
                messages.append(try message(element, style: style))
            } catch {
                throw context.fail("\(path)[\(index)]: \(error.text)")
            }
        }
        return messages
    }

    /// One message. Role-content messages may carry OpenAI `tool_calls` (also
    /// Inspect's and ATIF's spellings, see ``toolCalls(_:)``, and the legacy
    /// OpenAI `function_call` object, one call) and a
    /// `tool_call_id` (or SWE-agent's `tool_call_ids` list) naming the call a
    /// tool result answers. A ShareGPT `function_call` turn's value is read as
    /// LLaMA-Factory writes it (``ShareGPTThought/reading(functionCall:)``): the
    /// thought is the message's text and the calls its calls; a value holding
    /// no call stays the text. An agent message's `reasoning_content` (DeepSeek,
    /// vLLM and other OpenAI-compatible servers) goes before its text as a
    /// reasoning block (``ReasoningBlock``), as an ATIF step's does.
    static func message(_ element: JSONValue, style: MessageStyle) throws(CodecFailure) -> Message {
        guard case .object(let object) = element else {
            throw CodecFailure("expected a message object, found \(element.typeName)")
        }
        let roleKey = style == .fromValue ? "from" : "role"
        let textKey = style == .fromValue ? "value" : "content"
        if let key = object.conflictingDuplicate(among: style == .fromValue ? fromValueKeys : roleContentKeys) {
            throw CodecFailure("duplicate key \"\(key)\"")
        }
        guard case .string(let role)? = object[roleKey] else {
            throw CodecFailure("\"\(roleKey)\" is \(object[roleKey]?.typeName ?? "missing"), expected a string")
        }
        var text: String
        switch object[textKey] {
        case .string(let string)?: text = string
        case .null?: text = ""
        case nil where style == .roleContent && (object.contains("tool_calls") || object.contains("function_call")):
            text = ""
        case .array(let parts)? where style == .roleContent:
            if parts.contains(where: { $0.objectValue?.conflictingDuplicate(among: ["text"]) != nil }) {
                throw CodecFailure("duplicate key \"text\" in a content part")
            }
            text = Self.contentParts(parts)
        case let other:
            throw CodecFailure("\"\(textKey)\" is \(other?.typeName ?? "missing"), expected a string")
        }
        if style == .roleContent, case .string(let reasoning)? = object["reasoning_content"],
            MessageRole(normalizing: role) == .agent
        {
            text = ReasoningBlock.text(reasoning: reasoning, message: text)
        }
        var loss: Bool?
        switch object["loss"] {
        case .bool(let flag)?: loss = flag
        case .null?, nil: loss = nil
        case let other?: throw CodecFailure("\"loss\" is \(other.typeName), expected true, false or null")
        }
        if loss == nil, let weight = object["weight"] {
            switch weight {
            case .number: loss = weight.doubleValue != 0
            case .null: break
            default: throw CodecFailure("\"weight\" is \(weight.typeName), expected a number")
            }
        }
        var calls: [ToolCall] = []
        var callID: String?
        switch style {
        case .roleContent:
            calls = try toolCalls(object["tool_calls"])
            if calls.isEmpty, case .object(let call)? = object["function_call"] {
                do {
                    calls = try toolCalls(.array([.object(call)]))
                } catch {
                    throw CodecFailure("\"function_call\" names no function")
                }
            }
            callID = object["tool_call_id"]?.stringValue ?? object["tool_call_ids"]?.arrayValue?.first?.stringValue
        case .fromValue:
            // A value that is no call stays the turn's text: the agent's still, its role says so.
            if role.lowercased() == "function_call", let read = ShareGPTThought.reading(functionCall: text),
                !read.calls.isEmpty, let read = try? (read.thought, toolCalls(.array(read.calls)))
            {
                (text, calls) = read
            }
        }
        return Message(
            originalRole: withoutNUL(role), text: withoutNUL(text), loss: loss, toolCalls: calls,
            toolCallID: callID.map(withoutNUL))
    }

    /// The keys whose duplicates could change what a message of each style means. Built once: building
    /// the list for every message was an eighth of decoding it.
    private static let fromValueKeys = ["from", "value", "loss", "weight", "tool_calls", "tool_call_id"]
    private static let roleContentKeys = [
        "role", "content", "loss", "weight", "tool_calls", "tool_call_id", "reasoning_content", "function_call",
    ]

    /// The text of a content list: the `text` of each part (OpenAI, Anthropic,
    /// Inspect) and each bare string, joined; images and reasoning parts have none.
    static func contentParts(_ parts: [JSONValue]) -> String {
        parts.compactMap { part in part.stringValue ?? part.objectValue?["text"]?.stringValue }.joined()
    }

    /// Tool calls as OpenAI (`{id, function: {name, arguments}}`), Inspect
    /// (`{id, function: name, arguments: {…}}`), ATIF (`{tool_call_id,
    /// function_name, arguments}`) or Anthropic (`{id, name, input}`) write
    /// them; a list given as a JSON string (SWE-agent 1.x) is read too.
    static func toolCalls(_ value: JSONValue?) throws(CodecFailure) -> [ToolCall] {
        switch value {
        case nil, .null?: return []
        case .string(let text)?:
            guard case .array(let calls)? = try? JSONParser.parse(Array(text.utf8)) else {
                throw CodecFailure("\"tool_calls\" is a string that does not hold a JSON list")
            }
            return try toolCalls(.array(calls))
        case .array(let calls)?:
            var result: [ToolCall] = []
            for (index, call) in calls.enumerated() {
                guard case .object(let object) = call else {
                    throw CodecFailure("tool_calls[\(index)] is \(call.typeName), expected an object")
                }
                var name = object["function_name"]?.stringValue ?? object["name"]?.stringValue
                var arguments = object["arguments"] ?? object["input"]
                switch object["function"] {
                case .object(let function)?:
                    name = function["name"]?.stringValue ?? name
                    arguments = function["arguments"] ?? arguments
                case .string(let function)?: name = function
                default: break
                }
                guard let name else { throw CodecFailure("tool_calls[\(index)] names no function") }
                let id = object["id"]?.stringValue ?? object["tool_call_id"]?.stringValue
                result.append(
                    ToolCall(id: id.map(withoutNUL), name: withoutNUL(name), arguments: argumentsText(arguments)))
            }
            return result
        case let other?:
            throw CodecFailure("\"tool_calls\" is \(other.typeName), expected a list")
        }
    }

    /// Arguments as JSON text: a string as written, anything else compact, none as `{}`.
    static func argumentsText(_ value: JSONValue?) -> String {
        switch value {
        case .string(let text)?: withoutNUL(text)
        case nil, .null?: "{}"
        case let other?: withoutNUL(JSONWriter.string(other))
        }
    }

    /// `text` with each U+0000 replaced by U+FFFD.
    ///
    /// Implementation note: SQLite's C string interface, through which GRDB binds and reads text, ends a
    /// string at NUL, so a decoded `\u0000` would silently cut a message (and merge ids such as `a\u0000b`
    /// and `a\u0000c`). The record's exact bytes, NUL escapes included, stay in `original`.
    static func withoutNUL(_ text: String) -> String {
        // Searched with memchr in the string's bytes: the UTF-8 view's iterator made this check a tenth of
        // an import's reading thread, and a byte-by-byte search of the buffer still a twentieth.
        var searched = text
        guard searched.withUTF8({ !$0.isEmpty && memchr($0.baseAddress!, 0, $0.count) != nil }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { scalars.append(scalar == "\u{0}" ? "\u{FFFD}" : scalar) }
        return String(scalars)
    }

    /// The record's own reward (`reward`, `score`, `success`), checked to lie in `0...1`.
    static func reward(in object: JSONObject) throws(CodecFailure) -> Double? {
        for key in rewardKeys {
            guard let value = object[key] else { continue }
            let reward: Double
            switch value {
            case .null: continue
            case .bool(let flag): reward = flag ? 1 : 0
            case .number:
                guard let number = value.doubleValue, number.isFinite else {
                    throw CodecFailure("\"\(key)\" is not a finite number")
                }
                reward = number
            default: throw CodecFailure("\"\(key)\" is \(value.typeName), expected a number or a boolean")
            }
            guard (0...1).contains(reward) else {
                throw CodecFailure("\"\(key)\" is \(reward), outside 0...1")
            }
            return reward
        }
        return nil
    }
}

/// Why a part of a record could not be decoded, before the codec adds where.
struct CodecFailure: Error {
    var text: String
    init(_ text: String) { self.text = text }
}
