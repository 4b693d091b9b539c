/// One agent trajectory as imported: its identity, its messages, the
/// environment's reward when known, and the exact bytes of the record it came
/// from.
///
/// The original bytes are the source of truth: exporting a trajectory in its
/// own format writes them back unchanged, so a round trip through trove never
/// changes a byte of data that was not reviewed.
public struct Trajectory: Sendable, Hashable {
    /// The record's own id (`id`, `item_id` or `instance_id`), else `file:line`.
    public var id: String
    /// The task split (`os`, `db`, `alfworld`, `webshop`, `kg`, `mind2web`, …)
    /// from `--task`, else the id's prefix, else `unknown`.
    public var task: String
    /// The file and line the record starts on.
    public var source: SourceLocation
    /// How the record spelled its messages.
    public var format: RecordFormat
    /// The conversation, in order.
    public var messages: [Message]
    /// The record's other top-level members (everything but the message list
    /// and the id), in written order.
    public var metadata: JSONObject
    /// The environment's reward in `0...1` when the record (or a sidecar file,
    /// or `--reward`) gives one; `nil` means unknown, which is not zero.
    public var environmentReward: Double?
    /// How the run ended, when the format records it (`exit_status`, an error, a limit).
    public var outcome: RunOutcome?
    /// The dialect the format itself implies (tool calls, SWE-agent command
    /// blocks), which ``StepParser`` uses instead of detecting one; `nil` for
    /// chat records, whose dialect comes from the task or the text.
    public var dialect: Dialect?
    /// Where ``environmentReward`` came from; nil when it is unknown (or a store from before schema 3
    /// did not record it).
    public var environmentRewardSource: RewardSource?
    /// The record's bytes exactly as they were in the input: a JSONL line
    /// without its line break, or an array element from `{` to `}`.
    public var originalRecord: [UInt8]

    public init(
        id: String, task: String, source: SourceLocation, format: RecordFormat, messages: [Message],
        metadata: JSONObject = JSONObject(), environmentReward: Double? = nil,
        environmentRewardSource: RewardSource? = nil, outcome: RunOutcome? = nil, dialect: Dialect? = nil,
        originalRecord: [UInt8]
    ) {
        self.id = id
        self.task = task
        self.source = source
        self.format = format
        self.messages = messages
        self.metadata = metadata
        self.environmentReward = environmentReward
        self.outcome = outcome
        self.dialect = dialect
        self.environmentRewardSource = environmentReward == nil ? nil : environmentRewardSource
        self.originalRecord = originalRecord
    }
}

/// How a record spells its conversation: the list's key and the message keys.
public struct RecordFormat: Sendable, Hashable, CustomStringConvertible {
    /// The member holding the message list: `conversations`, `messages` or `conversation`.
    public var listKey: String
    /// The message style.
    public var style: MessageStyle

    public init(listKey: String, style: MessageStyle) {
        self.listKey = listKey
        self.style = style
    }

    /// `conversations/from-value`, the form stored in the `format` column.
    public var description: String { "\(listKey)/\(style.rawValue)" }

    /// Parses ``description``.
    public init?(_ description: String) {
        let parts = description.split(separator: "/", maxSplits: 1)
        guard parts.count == 2, let style = MessageStyle(rawValue: String(parts[1])) else { return nil }
        self.init(listKey: String(parts[0]), style: style)
    }
}

/// The keys a message uses.
public enum MessageStyle: String, Sendable, Hashable, CaseIterable, Codable {
    /// ShareGPT / AgentInstruct: `{"from", "value", "loss"?}`.
    case fromValue = "from-value"
    /// OpenAI / TRL / ADP: `{"role", "content", "weight"?}`.
    case roleContent = "role-content"
}
