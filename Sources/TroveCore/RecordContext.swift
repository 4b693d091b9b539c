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
    func fileStem(dropping extensions: [String]) -> String {
        var name = String(file.split(separator: "/").last ?? Substring(file))
        for suffix in extensions where name.hasSuffix(suffix) && name.count > suffix.count {
            name.removeLast(suffix.count)
            break
        }
        return name
    }

    /// The location of a part of the record that starts at byte `offset` of it.
    func location(atByte offset: Int) -> SourceLocation {
        let breaks = record.bytes[..<min(offset, record.bytes.count)].count { $0 == 0x0A }
        return SourceLocation(file: file, line: record.line + breaks)
    }

    /// A trajectory of this record: the task is `--task` when given, the reward
    /// the record's own, else the sidecar's for the id, else `--reward`.
    func trajectory(
        id: String, task: String, listKey: String, messages: [Message], metadata: JSONObject, reward: Double?,
        outcome: RunOutcome?, dialect: Dialect? = nil, bytes: Range<Int>? = nil
    ) -> Trajectory {
        let id = TrajectoryCodec.withoutNUL(id)
        return Trajectory(
            id: id, task: options.task ?? task,
            source: bytes.map { location(atByte: $0.lowerBound) } ?? location,
            format: RecordFormat(listKey: listKey, style: .roleContent), messages: messages, metadata: metadata,
            environmentReward: reward ?? options.rewards[id] ?? options.defaultReward, outcome: outcome,
            dialect: dialect ?? AgentRunFormat.impliedDialect(messages, object: metadata),
            originalRecord: bytes.map { Array(record.bytes[$0]) } ?? record.bytes)
    }
}
