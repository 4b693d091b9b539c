/// Where a trajectory's environment reward came from, as `trajectory.env_reward_source` stores it.
public enum RewardSource: String, Sendable, Hashable, CaseIterable, Codable {
    /// The record's own `reward`, `score` or `success` member.
    case recordField = "record field"
    /// The environment's last observation states it (`reward = True`, `Reward: 1`, `success: true`).
    case observationText = "observation text"
    /// The `--rewards` sidecar file.
    case sidecar
    /// The `--reward` option given to import.
    case option = "--reward"
}
