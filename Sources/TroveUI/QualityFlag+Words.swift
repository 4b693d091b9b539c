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
        case .repeatedAction: "repeated action: the same action three or more steps in a row (a loop?)"
        case .unansweredAction: "unanswered action: an action before the last step got no observation"
        case .errorStreak: "error streak: three or more observations in a row are errors"
        case .cutByLimit: "cut by a limit: the run stopped at a step, cost or context limit"
        case .badEncoding: "bad encoding: a text holds \u{FFFD} (invalid UTF-8 or a NUL in the record)"
        }
    }
}
