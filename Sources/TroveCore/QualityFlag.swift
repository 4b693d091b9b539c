/// A defect the importer detects in a trajectory, stored with it and usable in
/// filters as `flag:<rawValue>`.
public enum QualityFlag: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// The last step has no final answer and no terminal action (`finish`,
    /// `click[Buy Now]`, a mind2web choice, …): the run may have been cut off.
    case noAnswer = "no-answer"
    /// An agent turn whose text is empty or only white space.
    case emptyTurn = "empty-turn"
    /// A final answer given before any action was taken.
    case answerWithoutAction = "answer-without-action"
    /// Phrasing that suggests the expected answer was visible to the agent
    /// ("matches the provided answer", "the expected answer is", …).
    case labelLeak = "label-leak"
    /// At least one agent turn did not follow the dialect and fell back to raw.
    case rawFallback = "raw-fallback"

    public static func < (lhs: QualityFlag, rhs: QualityFlag) -> Bool { lhs.rawValue < rhs.rawValue }
}
