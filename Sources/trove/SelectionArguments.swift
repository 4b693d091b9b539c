import ArgumentParser
import TroveCore
import TroveUI

/// Turns the `--where` and `--policy`/`--min-reward` values that several
/// commands share into their Core types, with usage errors that name the option,
/// and words `--where`'s help alike everywhere.
enum SelectionArguments {
    /// `--where`'s help: `text`, then how to write a filter that starts with `-`, which ArgumentParser
    /// would read as an option after a space.
    static func whereHelp(_ text: String) -> ArgumentHelp {
        ArgumentHelp(
            text + " A filter starting with - goes after an = sign (--where=-task:db), or use not "
                + "(--where 'not task:db').", valueName: "expr")
    }

    /// The `--where` filter (empty or absent: everything).
    static func filter(_ text: String?) throws -> Filter {
        do {
            return try Filter.parse(text ?? "")
        } catch {
            // The caret goes under the mistake on a terminal: wide characters take two columns.
            throw ValidationError(
                "bad --where filter:\n\(error.rendered { $0.isASCII ? 1 : TextWidth.width(of: String($0)) })")
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
