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
/// record's `reward`, `score` or `success` (`true` is 1, `false` 0), else the
/// sidecar table, else ``Options/defaultReward``; it must lie in `0...1`.
public struct TrajectoryCodec: Sendable {
    /// Choices that come from the command line rather than the record.
    public struct Options: Sendable {
        /// The task of every record (`--task`), overriding the id prefix.
        public var task: String?
        /// Rewards by id from a sidecar file (`--rewards`), for records that carry none.
        public var rewards: [String: Double]
        /// The reward of records that carry none and are not in ``rewards`` (`--reward`).
        public var defaultReward: Double?

        public init(task: String? = nil, rewards: [String: Double] = [:], defaultReward: Double? = nil) {
            self.task = task
            self.rewards = rewards
            self.defaultReward = defaultReward
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
    /// The six AgentInstruct tasks, recognized as id prefixes even when an id has more underscores.
    public static let agentInstructTasks = ["os", "db", "alfworld", "webshop", "kg", "mind2web"]

    /// Decodes one record read from `file`.
    ///
    /// - throws: ``RecordRejection`` naming `file:line` and what is wrong.
    public func decode(_ record: RawRecord, file: String) throws(RecordRejection) -> Trajectory {
        let location = SourceLocation(file: file, line: record.line)
        func fail(_ reason: String) -> RecordRejection { RecordRejection(location: location, reason: reason) }

        let value: JSONValue
        do {
            value = try JSONParser.parse(record.bytes)
        } catch {
            throw fail(error.description)
        }
        guard case .object(let object) = value else {
            throw fail("expected a trajectory object, found \(value.typeName)")
        }
        if let key = object.conflictingDuplicate(among: Self.listKeys + Self.idKeys + Self.rewardKeys) {
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

        var messages: [Message] = []
        messages.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            switch Self.message(element, style: style) {
            case .success(let message): messages.append(message)
            case .failure(let reason): throw fail("\(listKey)[\(index)]: \(reason.text)")
            }
        }

        let idMember = Self.idKeys.first(where: object.contains)
        var id = location.description
        if let idMember {
            switch object[idMember]! {
            case .string(let string) where !string.isEmpty: id = Self.withoutNUL(string)
            case .number(let lexeme): id = lexeme
            case let other: throw fail("\"\(idMember)\" is \(other.typeName), expected a string or a number")
            }
        }

        let reward: Double?
        switch Self.reward(in: object) {
        case .success(let found): reward = found ?? options.rewards[id] ?? options.defaultReward
        case .failure(let reason): throw fail(reason.text)
        }

        let metadata = JSONObject(object.members.filter { $0.key != listKey && $0.key != idMember })
        return Trajectory(
            id: id, task: options.task ?? Self.task(fromID: idMember == nil ? nil : id), source: location,
            format: RecordFormat(listKey: listKey, style: style), messages: messages, metadata: metadata,
            environmentReward: reward, originalRecord: record.bytes)
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

    private static func message(_ element: JSONValue, style: MessageStyle) -> Result<Message, Reason> {
        guard case .object(let object) = element else {
            return .failure(Reason("expected a message object, found \(element.typeName)"))
        }
        let roleKey = style == .fromValue ? "from" : "role"
        let textKey = style == .fromValue ? "value" : "content"
        if let key = object.conflictingDuplicate(among: [roleKey, textKey, "loss", "weight"]) {
            return .failure(Reason("duplicate key \"\(key)\""))
        }
        guard case .string(let role)? = object[roleKey] else {
            return .failure(Reason("\"\(roleKey)\" is \(object[roleKey]?.typeName ?? "missing"), expected a string"))
        }
        let text: String
        switch object[textKey] {
        case .string(let string)?: text = string
        case .null?: text = ""
        case .array(let parts)? where style == .roleContent:
            let objects = parts.compactMap(\.objectValue)
            if objects.contains(where: { $0.conflictingDuplicate(among: ["text"]) != nil }) {
                return .failure(Reason("duplicate key \"text\" in a content part"))
            }
            text = objects.compactMap { $0["text"]?.stringValue }.joined()
        case let other:
            return .failure(Reason("\"\(textKey)\" is \(other?.typeName ?? "missing"), expected a string"))
        }
        var loss: Bool?
        switch object["loss"] {
        case .bool(let flag)?: loss = flag
        case .null?, nil: loss = nil
        case let other?: return .failure(Reason("\"loss\" is \(other.typeName), expected true, false or null"))
        }
        if loss == nil, let weight = object["weight"] {
            switch weight {
            case .number: loss = weight.doubleValue != 0
            case .null: break
            default: return .failure(Reason("\"weight\" is \(weight.typeName), expected a number"))
            }
        }
        return .success(Message(originalRole: withoutNUL(role), text: withoutNUL(text), loss: loss))
    }

    /// `text` with each U+0000 replaced by U+FFFD.
    ///
    /// Implementation note: SQLite's C string interface, through which GRDB binds and reads text, ends a
    /// string at NUL, so a decoded `\u0000` would silently cut a message (and merge ids such as `a\u0000b`
    /// and `a\u0000c`). The record's exact bytes, NUL escapes included, stay in `original`.
    static func withoutNUL(_ text: String) -> String {
        guard text.utf8.contains(0) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { scalars.append(scalar == "\u{0}" ? "\u{FFFD}" : scalar) }
        return String(scalars)
    }

    private static func reward(in object: JSONObject) -> Result<Double?, Reason> {
        for key in rewardKeys {
            guard let value = object[key] else { continue }
            let reward: Double
            switch value {
            case .null: continue
            case .bool(let flag): reward = flag ? 1 : 0
            case .number:
                guard let number = value.doubleValue, number.isFinite else {
                    return .failure(Reason("\"\(key)\" is not a finite number"))
                }
                reward = number
            default: return .failure(Reason("\"\(key)\" is \(value.typeName), expected a number or a boolean"))
            }
            guard (0...1).contains(reward) else {
                return .failure(Reason("\"\(key)\" is \(reward), outside 0...1"))
            }
            return .success(reward)
        }
        return .success(nil)
    }

    /// A failure reason as an `Error`, so it can travel in a `Result`.
    private struct Reason: Error {
        var text: String
        init(_ text: String) { self.text = text }
    }
}
