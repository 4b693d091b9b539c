import TroveCore

/// Errors of the review UI's reads from a PostgreSQL store, each naming the store (server and schema).
public enum PostgresReviewError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No trajectory has the external id asked for.
    case unknownTrajectory(store: String, id: String)
    /// The latest `team_policy` row is no policy (a minimum of reviews below 1).
    case damagedPolicy(store: String, reason: String)
    /// Message `turn` of trajectory `id` is missing or not the agent's.
    case notAnAgentTurn(store: String, id: String, turn: Int)
    /// A correction named agent turn `turn` of trajectory `id`, which makes no step (a context turn of
    /// `kind`: the handshake, the in-context example), as ``TroveStore/StoreError/notAStepTurn(trajectory:turn:kind:)``.
    case notAStepTurn(store: String, id: String, turn: Int, kind: String)

    public var description: String {
        switch self {
        case .unknownTrajectory(let store, let id):
            "\(store): no trajectory with id \(id.debugDescription)"
        case .damagedPolicy(let store, let reason):
            "\(store): the stored team policy is damaged (\(reason)); set one with `trove team`"
        case .notAnAgentTurn(let store, let id, let turn):
            "\(store): message \(turn) of \(id.debugDescription) is not an agent turn"
        case .notAStepTurn(let store, let id, let turn, let kind):
            "\(store): message \(turn) of \(id.debugDescription) is \(TurnLabel.contextTurnName(kind)), not a step's agent "
                + "turn: only the run's steps can be corrected (`trove show ID --json` prints each step's message index)"
        }
    }
}
