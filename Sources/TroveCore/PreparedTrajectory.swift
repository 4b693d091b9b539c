/// A decoded trajectory with the work done outside the write transaction:
/// parsing and hashing, so the database lock is held only for inserts. It keeps
/// only what the rows need (not the parsed steps' pieces of text), since up to
/// three batches of it are in memory at once.
public struct PreparedTrajectory: Sendable {
    public var trajectory: Trajectory
    public var dialect: Dialect
    /// Each message's kind of turn.
    public var turns: [TurnKind]
    /// The quality flags, sorted.
    public var flags: [QualityFlag]
    public var stepCount: Int
    public var sha256: String
    /// The start of the task text, for the review list.
    public var preview: String
    /// The first ``previewLength`` characters of the task's goal (``TaskGoal``): the review list's task
    /// text, which its text sort orders by (`trajectory.goal`).
    public var goal: String
    /// The flags' names, comma-separated and sorted, for the review list.
    public var flagList: String
    /// The model named by the record (`model`, `model_name`), hidden in blind review.
    public var sourceModel: String?
    /// How each message's text is stored.
    public var textSharing: [TextSharing]
    /// A 64-bit hash (FNV-1a) of each shared text, to find it again in the store; 0 for a private text,
    /// which nothing looks up.
    ///
    /// Implementation note: FNV-1a takes a multiplication per byte, one after the other, and private
    /// texts (a run's thoughts and observations) hold most of a real run's bytes.
    public var textHashes: [Int64]
    /// Each message's tool calls as `message_row.tool_calls` holds them.
    public var toolCalls: [String?]
    /// The record's other members as JSON text.
    public var metadata: String
    /// The steps, encoded for `trajectory.steps`.
    public var steps: String
    /// The ``TaskGroup`` id, for `trajectory.task_group`.
    public var taskGroup: String?

    public static let previewLength = 200

    public init(_ trajectory: Trajectory) {
        self.init(trajectory, sharedTextHashes: SharedTextHashes())
    }

    /// Prepares `trajectory`, looking its shared texts' hashes up in `sharedTextHashes`, which an import's
    /// reading thread keeps from record to record.
    init(_ trajectory: Trajectory, sharedTextHashes: SharedTextHashes) {
        self.trajectory = trajectory
        let parsed = StepParser.parse(trajectory)
        dialect = parsed.dialect
        turns = parsed.turns
        flags = parsed.flags.sorted()
        stepCount = parsed.steps.count
        sha256 = SHA256.hash(trajectory.originalRecord).hexString
        let taskMessage =
            parsed.taskIndex.map { trajectory.messages[$0] }
            ?? trajectory.messages.first { $0.role == .instruction } ?? trajectory.messages.first
        preview = Self.preview(of: taskMessage?.text ?? "")
        goal = TaskGoal.goal(of: taskMessage?.text ?? "", task: trajectory.task, limit: Self.previewLength)
        taskGroup = TaskGroup.id(of: trajectory, parsed: parsed)
        flagList = flags.map(\.rawValue).joined(separator: ",")
        sourceModel = TrajectoryCodec.modelKeys.lazy.compactMap { trajectory.metadata[$0]?.stringValue }
            .first { !$0.isEmpty }
        (textSharing, textHashes) = Self.sharing(of: trajectory.messages, turns: turns, hashes: sharedTextHashes)
        toolCalls = trajectory.messages.map { ToolCallCoding.json($0.toolCalls) }
        metadata = JSONWriter.string(.object(trajectory.metadata))
        steps = StepCoding.json(parsed.steps, spansIn: trajectory.messages)
    }

    /// How each message's text is stored, and the hash of each shared one.
    ///
    /// Implementation note: by index, so that only each text is retained, not each message copied
    /// (zipping the messages with their turns copied them: 12 M more retains and releases on 10 MB).
    static func sharing(
        of messages: [Message], turns: [TurnKind], hashes: SharedTextHashes
    ) -> ([TextSharing], [Int64]) {
        var sharing: [TextSharing] = []
        var textHashes: [Int64] = []
        sharing.reserveCapacity(messages.count)
        textHashes.reserveCapacity(messages.count)
        for index in messages.indices {
            let text = messages[index].text
            let kind = TextSharing(of: text, turn: turns[index])
            sharing.append(kind)
            textHashes.append(kind == .privateText ? 0 : hashes.hash(of: text))
        }
        return (sharing, textHashes)
    }

    /// The first ``previewLength`` characters of `text`.
    ///
    /// Implementation note: where the text starts with ASCII and no carriage return, each byte is one
    /// character, so the prefix is cut on bytes; counting characters (grapheme clusters) took 8,000
    /// instructions a record. A character ends before an ASCII byte other than a line feed
    /// after a carriage return, so one more byte than the preview is checked.
    static func preview(of text: String) -> String {
        var text = text
        let ascii: String? = text.withUTF8 { bytes in
            guard bytes.prefix(previewLength + 1).allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return nil }
            return String(decoding: bytes.prefix(previewLength), as: UTF8.self)
        }
        return ascii ?? String(text.prefix(previewLength))
    }
}
