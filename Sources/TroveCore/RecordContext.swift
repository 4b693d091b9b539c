/// One record being decoded: its bytes, where it comes from, and the command
/// line's choices, with the helpers every format's decoder shares.
struct RecordContext {
    let record: RawRecord
    let file: String
    let options: TrajectoryCodec.Options

    var location: SourceLocation { SourceLocation(file: file, line: record.line) }

    func fail(_ reason: String) -> RecordRejection { RecordRejection(location: location, reason: reason) }

    func parse() throws(RecordRejection) -> JSONValue {
        do {
            return try JSONParser.parse(record.bytes)
        } catch {
            throw fail(error.description)
        }
    }

    /// The file's name without its directories and without `extensions`
    /// (tried in order): SWE-agent and mini-swe-agent name a run's file after
    /// its instance (`django__django-14752.traj.json`), and OpenHands event
    /// files carry no id at all.
    func fileStem(dropping extensions: [String]) -> String { Self.fileStem(of: file, dropping: extensions) }

    /// The name of `file` without its directories and without `extensions` (tried in order).
    static func fileStem(of file: String, dropping extensions: [String]) -> String {
        var name = String(file.split(separator: "/").last ?? Substring(file))
        for suffix in extensions where name.hasSuffix(suffix) && name.count > suffix.count {
            name.removeLast(suffix.count)
            break
        }
        return name
    }

    /// Finds the lines of parts of the record in increasing byte order, counting each line break once
    /// however many parts there are (a FireAct file holds hundreds on one record).
    struct LineCounter {
        private var offset = 0
        private var breaks = 0

        /// The number of line breaks before byte `target`; targets must not decrease.
        mutating func breaks(before target: Int, in bytes: [UInt8]) -> Int {
            let end = min(max(target, offset), bytes.count)
            breaks += bytes[offset..<end].count { $0 == 0x0A }
            offset = end
            return breaks
        }
    }

    /// The environment reward of trajectory `id` and where it came from: the
    /// record's own (`recorded`), else the reward its final non-agent message
    /// states (``ObservationReward``), else the sidecar's for the id, else
    /// `--reward`; nil when none of them has one.
    func reward(recorded: Double?, id: String, messages: [Message]) -> (value: Double, source: RewardSource)? {
        if let recorded { return (recorded, .recordField) }
        if let last = messages.last, last.role != .agent, let stated = ObservationReward.stated(in: last.text) {
            return (stated, .observationText)
        }
        if let value = options.rewards[id] { return (value, .sidecar) }
        return options.defaultReward.map { ($0, .option) }
    }

    /// A trajectory of this record: the task is `--task` when given, the reward
    /// as ``reward(recorded:id:messages:)`` finds it.
    ///
    /// - parameter bytes: the part of the record the trajectory is, when it is not the whole record;
    ///   `lines` then finds the line it starts on.
    func trajectory(
        id: String, task: String, listKey: String, messages: [Message], metadata: JSONObject, reward: Double?,
        outcome: RunOutcome?, dialect: Dialect? = nil, bytes: Range<Int>? = nil, lines: inout LineCounter
    ) -> Trajectory {
        let id = TrajectoryCodec.withoutNUL(id)
        let line = record.line + (bytes.map { lines.breaks(before: $0.lowerBound, in: record.bytes) } ?? 0)
        let reward = self.reward(recorded: reward, id: id, messages: messages)
        return Trajectory(
            id: id, task: options.task ?? task, source: SourceLocation(file: file, line: line),
            format: RecordFormat(listKey: listKey, style: .roleContent), messages: messages, metadata: metadata,
            environmentReward: reward?.value, environmentRewardSource: reward?.source, outcome: outcome,
            dialect: dialect ?? AgentRunFormat.impliedDialect(messages, object: metadata),
            originalRecord: bytes.map { Array(record.bytes[$0]) } ?? record.bytes)
    }

    /// A trajectory that is the whole record.
    func trajectory(
        id: String, task: String, listKey: String, messages: [Message], metadata: JSONObject, reward: Double?,
        outcome: RunOutcome?, dialect: Dialect? = nil
    ) -> Trajectory {
        var lines = LineCounter()
        return trajectory(
            id: id, task: task, listKey: listKey, messages: messages, metadata: metadata, reward: reward,
            outcome: outcome, dialect: dialect, bytes: nil, lines: &lines)
    }
}
