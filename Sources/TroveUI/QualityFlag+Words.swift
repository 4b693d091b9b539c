import TroveCore

extension QualityFlag {
    /// The flag in full words, for the trajectory's header: what it means and where to look.
    var words: String {
        switch self {
        case .noAnswer: "no answer: the last step gives no final answer and ends nothing (cut off?)"
        case .emptyTurn: "empty turn: an agent turn with no text"
        case .answerWithoutAction: "answer without action: a final answer before any action"
        case .labelLeak: "label leak: the agent names an answer it should not have seen (highlighted)"
        case .rawFallback: "raw fallback: an agent turn did not follow the dialect (steps marked unparsed)"
        }
    }
}
