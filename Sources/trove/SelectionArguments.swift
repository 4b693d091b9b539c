import ArgumentParser
import TroveCore

/// Turns the `--where` and `--policy`/`--min-reward` values that several
/// commands share into their Core types, with usage errors that name the option.
enum SelectionArguments {
    /// The `--where` filter (empty or absent: everything).
    static func filter(_ text: String?) throws -> Filter {
        do {
            return try Filter.parse(text ?? "")
        } catch {
            throw ValidationError("bad --where filter:\n\(error)")
        }
    }

    /// The export policy named by `--policy`, with `--min-reward` applied to AgentTuning's thresholds;
    /// `consensus` names `team`, the store's team policy.
    static func policy(_ name: PolicyName, minReward: String?, team: TeamPolicy = .solo) throws -> ExportPolicy {
        if minReward != nil, name != .agenttuning {
            throw ValidationError("--min-reward applies to --policy agenttuning")
        }
        if name == .consensus { return .consensus(team) }
        guard name == .agenttuning else { return .accepted }
        do {
            return .agentTuning(try RewardThresholds.agentTuning.overriding(minReward ?? ""))
        } catch {
            throw ValidationError("--min-reward: \(error)")
        }
    }

    /// The `--policy` values.
    enum PolicyName: String, ExpressibleByArgument, CaseIterable {
        case accepted, agenttuning, consensus
    }
}
