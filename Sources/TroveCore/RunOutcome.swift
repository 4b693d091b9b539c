/// How an agent run ended, as its harness recorded it (SWE-agent and
/// mini-swe-agent `exit_status`, an OpenHands `error`, a tau-bench
/// `info.error`, an Inspect sample's `error` or `limit`), normalized.
///
/// An outcome is not a reward: a submitted patch may still fail its tests.
/// Filters test it as `outcome:<rawValue>`.
public enum RunOutcome: String, Sendable, Hashable, CaseIterable, Codable {
    /// The agent submitted its answer or patch.
    case submitted
    /// The run hit a wall-clock limit.
    case timeout
    /// The harness or the agent failed (an exception, a format error the agent did not recover from).
    case error
    /// The run hit its cost budget.
    case costLimit = "cost-limit"
    /// The run hit its step or iteration limit.
    case stepLimit = "step-limit"
    /// The model's context window was exhausted.
    case contextLimit = "context-limit"

    /// Whether the run was cut by a limit rather than ending on its own.
    public var isLimit: Bool {
        switch self {
        case .timeout, .costLimit, .stepLimit, .contextLimit: true
        case .submitted, .error: false
        }
    }

    /// Normalizes a harness's status text (any case): `submitted`, `Submitted`
    /// → ``submitted``; `exit_cost`, `submitted (exit_cost)` → ``costLimit`` (a
    /// run auto-submitted when its budget ran out was still cut by the limit);
    /// `exit_context`, `ContextWindowExceeded` → ``contextLimit``; `Timeout`,
    /// `TimeoutError` → ``timeout``; `LimitsExceeded`, `Agent reached maximum
    /// iteration`, `exit_step_limit` → ``stepLimit``; `exit_error`,
    /// `exit_format`, `RuntimeError: …` and any other text naming an error or
    /// exception → ``error``. `nil` for an empty or unrecognized status.
    public init?(status: String) {
        let text = status.lowercased()
        if text.contains("cost") {
            self = .costLimit
        } else if text.contains("context") || text.contains("token limit") {
            self = .contextLimit
        } else if text.contains("timeout") || text.contains("timed out") || text.contains("time limit") {
            self = .timeout
        } else if text.contains("limit") || text.contains("maximum iteration") || text.contains("max_iter")
            || text.contains("max iteration")
        {
            self = .stepLimit
        } else if text.contains("submit") {
            self = .submitted
        } else if text.contains("error") || text.contains("exception") || text.contains("exit_format") {
            self = .error
        } else {
            return nil
        }
    }
}
