/// What went into a mix, counted as it is written: per source, per task, and
/// how often each example was used, for the manifest and the ids of repeats.
///
/// ```swift
/// var counts = MixCounts()
/// let copy = counts.agent(trajectory, position: 4, source: "trove.sqlite")   // id "db_4#2" the second time
/// ```
public struct MixCounts {
    public private(set) var agentBySource: [String: Int] = [:]
    public private(set) var agentByTask: [String: Int] = [:]
    public private(set) var generalBySource: [String: Int] = [:]
    /// Turns written masked (not trained on) and written as a reviewer corrected them, over every copy.
    public private(set) var maskedTurns = 0
    public private(set) var editedTurns = 0
    /// Of those, the turns of examples written as imported (`agentinstruct`, a record in AgentInstruct's
    /// layout): their masks and corrections are not in the mix.
    public private(set) var maskedTurnsNotWritten = 0
    public private(set) var editedTurnsNotWritten = 0
    /// Pool examples left out for having nothing to train on (``MixPool/leftOutEmpty``), and examples
    /// a pool gave that the writer then left out (a store changed since the pool was read): the mix
    /// draws only from the rest.
    public var agentLeftOutEmpty = 0
    public var generalLeftOutEmpty = 0
    private var agentUses: [Int: Int] = [:]
    private var generalUses: [Int: Int] = [:]

    public init() {}

    /// Counts the agent example at `position`, written with `turns` applied, and returns it as this use's
    /// copy (``TroveCore/Trajectory/repeated(_:)``: `id#2` from its second use on).
    public mutating func agent(
        _ trajectory: Trajectory, turns: [TurnLabel] = [], position: Int, source: String
    ) -> Trajectory {
        maskedTurns += turns.count(where: \.isMasked)
        editedTurns += turns.count(where: \.isEdited)
        agentBySource[source, default: 0] += 1
        agentByTask[trajectory.task, default: 0] += 1
        agentUses[position, default: 0] += 1
        return trajectory.repeated(agentUses[position]!)
    }

    /// Counts `turns` of an example written as imported, whose masks and corrections are not written.
    public mutating func writtenAsImported(turns: [TurnLabel]) {
        maskedTurnsNotWritten += turns.count(where: \.isMasked)
        editedTurnsNotWritten += turns.count(where: \.isEdited)
    }

    /// Counts the general example at `position`, written with `turns` applied, and returns it as this
    /// use's copy.
    public mutating func general(
        _ trajectory: Trajectory, turns: [TurnLabel] = [], position: Int, source: String
    ) -> Trajectory {
        maskedTurns += turns.count(where: \.isMasked)
        editedTurns += turns.count(where: \.isEdited)
        generalBySource[source, default: 0] += 1
        generalUses[position, default: 0] += 1
        return trajectory.repeated(generalUses[position]!)
    }

    /// The mix's manifest: the plan, these counts and the output's size and hash.
    public func manifest(plan: MixPlan, format: ExportFormat, output: JSONLinesWriter) -> JSONValue {
        func object(_ counts: [String: Int]) -> JSONValue {
            .object(JSONObject(counts.keys.sorted().map { JSONObject.Member(key: $0, value: .integer(counts[$0])) }))
        }
        return .object([
            "trove_version": .string(TroveVersion.current),
            "eta": .real(plan.eta),
            "seed": .number(String(plan.seed)),
            "format": .string(format.rawValue),
            "total": .integer(plan.total),
            "agent": .integer(plan.agentCount),
            "general": .integer(plan.generalCount),
            "achieved_ratio": .real(plan.achievedRatio),
            "agent_pool": .integer(plan.agentPool),
            "general_pool": .integer(plan.generalPool),
            "agent_epochs": .real(plan.agentEpochs),
            "general_epochs": .real(plan.generalEpochs),
            "agent_by_source": object(agentBySource),
            "agent_by_task": object(agentByTask),
            "general_by_source": object(generalBySource),
            "masked_turns": .integer(maskedTurns),
            "edited_turns": .integer(editedTurns),
            "left_out_empty": .object(["agent": .integer(agentLeftOutEmpty), "general": .integer(generalLeftOutEmpty)]),
            // `agentinstruct` writes a record in its layout as imported: a mix has no `--with-labels` to list
            // such a record's masks and corrections.
            "masks_written": .bool(maskedTurnsNotWritten == 0),
            "edits_written": .bool(editedTurnsNotWritten == 0),
            "output": .object([
                "path": .string(output.path), "lines": .integer(output.lines), "bytes": .integer(output.bytes),
                "sha256": .string(output.sha256),
            ]),
        ])
    }
}
