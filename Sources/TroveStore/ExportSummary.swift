import Foundation
import TroveCore

/// The counts table and the manifest of an export.
public enum ExportSummary {
    /// Per task, how many trajectories had each outcome, as an aligned text table with a total row.
    public static func table(_ result: ExportResult) -> String {
        let outcomes = ExportOutcome.allCases
        let tasks = result.outcomes.keys.sorted()
        let width = max(5, tasks.map(\.count).max() ?? 5)
        var out = "task".padding(toLength: width, withPad: " ", startingAt: 0)
        for outcome in outcomes { out += " " + outcome.rawValue.leftPadded(to: max(6, outcome.rawValue.count)) }
        out += "\n"
        for task in tasks + ["total"] {
            out += task.padding(toLength: width, withPad: " ", startingAt: 0)
            for outcome in outcomes {
                let count = task == "total" ? result.total(outcome) : result.outcomes[task]?[outcome] ?? 0
                out += " " + String(count).leftPadded(to: max(6, outcome.rawValue.count))
            }
            out += "\n"
        }
        return out
    }

    /// What to do about trajectories `--policy agenttuning` left out for having no reward, said once
    /// per export; nil when there are none or another policy ran.
    public static func noRewardHint(_ result: ExportResult, policy: ExportPolicy) -> String? {
        guard case .agentTuning = policy else { return nil }
        let count = result.total(.noReward)
        guard count > 0 else { return nil }
        return """
            trove: \(count) trajector\(count == 1 ? "y has" : "ies have") no reward, and --policy agenttuning keeps \
            only rewarded ones. The released AgentInstruct data was already filtered by reward: import it \
            again with --reward 1 (this fills unknown rewards), or set rewards with trove label --reward.
            """
    }

    /// The export's manifest: what was selected, how, from which store state, and each output's size and hash.
    public static func manifest(
        _ result: ExportResult, request: ExportRequest, storePath: String, outputs: [JSONLinesWriter]
    ) -> JSONValue {
        let counts = JSONObject(
            result.outcomes.keys.sorted().map { task in
                JSONObject.Member(
                    key: task,
                    value: .object(
                        JSONObject(
                            ExportOutcome.allCases.map {
                                JSONObject.Member(key: $0.rawValue, value: .integer(result.outcomes[task]?[$0] ?? 0))
                            })))
            })
        return .object([
            "trove_version": .string(TroveVersion.current),
            "created_at": .string(ISO8601DateFormatter().string(from: Date())),
            "store": .string(storePath),
            "store_fingerprint": .string(result.fingerprint),
            "filter": .string(request.filter.description),
            "policy": .string(request.policy.description),
            "format": .string(request.writer.format.rawValue),
            "system_prompt": .optional(request.writer.systemPrompt),
            "with_labels": .bool(request.writer.withLabels),
            "split": request.split.map {
                .object(["name": .string($0.name), "fraction": .real($0.fraction), "seed": .number(String($0.seed))])
            } ?? .null,
            "counts": .object(counts),
            "agreement": result.agreement?.json ?? .null,
            "outputs": .array(
                outputs.map {
                    .object([
                        "path": .string($0.path), "lines": .integer($0.lines), "bytes": .integer($0.bytes),
                        "sha256": .string($0.sha256),
                    ])
                }),
        ])
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}
