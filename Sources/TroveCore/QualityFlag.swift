/// A defect the importer detects in a trajectory, stored with it and usable in
/// filters as `flag:<rawValue>`.
public enum QualityFlag: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// The last step has no final answer and no terminal action (`finish`,
    /// `click[Buy Now]`, a mind2web choice, …): the run may have been cut off.
    case noAnswer = "no-answer"
    /// An agent turn whose text is empty or only white space.
    case emptyTurn = "empty-turn"
    /// A final answer given before any action was taken, with nothing from the environment to go on (a run
    /// whose environment showed its state first, as WebArena's start page, may answer from it).
    case answerWithoutAction = "answer-without-action"
    /// Phrasing that suggests the expected answer was visible to the agent
    /// ("matches the provided answer", "the expected answer is", …).
    case labelLeak = "label-leak"
    /// At least one agent turn did not follow the dialect and fell back to raw.
    case rawFallback = "raw-fallback"
    /// The same action (kind and argument) three or more steps in a row: the agent is looping.
    case repeatedAction = "repeated-action"
    /// A step before the last acted on the environment and got no observation.
    case unansweredAction = "unanswered-action"
    /// Three or more steps in a row whose observations are errors (a traceback,
    /// `Error…`, `command not found`, a non-zero `<returncode>`, a SQL error code).
    case errorStreak = "error-streak"
    /// The run ended on a limit (time, cost, steps, context), not on its own (``RunOutcome/isLimit``).
    case cutByLimit = "cut-by-limit"
    /// Some message's text holds U+FFFD, the replacement character: the record had invalid UTF-8, an
    /// escaped NUL or lone surrogate (trove reads each as U+FFFD and keeps the record's bytes as they
    /// were), or its text was garbled before it reached trove.
    case badEncoding = "bad-encoding"

    public static func < (lhs: QualityFlag, rhs: QualityFlag) -> Bool { lhs.rawValue < rhs.rawValue }
}
