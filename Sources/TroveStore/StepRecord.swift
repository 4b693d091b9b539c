import GRDB
import TroveCore

/// One row of the `step` view, read by column name.
struct StepRecord: FetchableRecord {
    enum Columns: String, ColumnExpression {
        case messageIndex = "message_idx"
        case observationIndex = "observation_idx"
        case thought
        case actionKind = "action_kind"
        case actionArgument = "action_argument"
        case observation
        case finalAnswer = "final_answer"
        case parsedBy = "parsed_by"
        case segments
    }

    var messageIndex: Int
    var observationIndex: Int?
    var thought: String?
    var action: StepAction?
    var observation: String?
    var finalAnswer: String?
    var parsedBy: Dialect
    /// The segments as stored: JSON `[kind, length]` pairs over the agent message's text.
    var segments: String

    init(row: Row) throws {
        messageIndex = try row.stored(Columns.messageIndex)
        observationIndex = try row.stored(Columns.observationIndex)
        thought = try row.stored(Columns.thought)
        let kind: String? = try row.stored(Columns.actionKind)
        let argument: String? = try row.stored(Columns.actionArgument)
        action = kind.map { StepAction(kind: $0, argument: argument ?? "") }
        observation = try row.stored(Columns.observation)
        finalAnswer = try row.stored(Columns.finalAnswer)
        let parsedBy: String = try row.stored(Columns.parsedBy)
        self.parsedBy = Dialect(rawValue: parsedBy) ?? .raw
        segments = try row.stored(Columns.segments)
    }

    /// The step over `messages`, its segments cut from the agent message's text (the whole text as
    /// one `other` segment when the stored lengths do not fit it).
    func step(in messages: [Message]) -> Step {
        let text = messages.indices.contains(messageIndex) ? messages[messageIndex].text : ""
        return Step(
            messageIndex: messageIndex, observationIndex: observationIndex, thought: thought, action: action,
            observation: observation, finalAnswer: finalAnswer, parsedBy: parsedBy,
            segments: StepCoding.segments(segments, text: text) ?? [Segment(.other, text)])
    }
}
