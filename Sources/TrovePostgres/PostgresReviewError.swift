/// Errors of the review UI's reads from a PostgreSQL store, each naming the store (server and schema).
public enum PostgresReviewError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No trajectory has the external id asked for.
    case unknownTrajectory(store: String, id: String)
    /// The latest `team_policy` row is no policy (a minimum of reviews below 1).
    case damagedPolicy(store: String, reason: String)
    /// Message `turn` of trajectory `id` is missing or not the agent's.
    case notAnAgentTurn(store: String, id: String, turn: Int)

    public var description: String {
        switch self {
        case .unknownTrajectory(let store, let id):
            "\(store): no trajectory with id \(id.debugDescription)"
        case .damagedPolicy(let store, let reason):
            "\(store): the stored team policy is damaged (\(reason)); set one with `trove team`"
        case .notAnAgentTurn(let store, let id, let turn):
            "\(store): message \(turn) of \(id.debugDescription) is not an agent turn"
        }
    }
}
