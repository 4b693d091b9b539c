/// What a dialect grammar read from one agent turn, before it becomes a
/// ``Step``.
///
/// Beyond the step's own fields it says how the action counts for the
/// trajectory's quality flags: whether it acted on the environment (a `bash`
/// command, a query, a move) as opposed to only answering, and whether it ends
/// the task.
struct TurnReading {
    var segments: [Segment]
    var thought: String?
    var action: StepAction?
    var finalAnswer: String?
    /// The action did work in the environment; `answer(…)`, `finish` and
    /// `Final Answer` do not.
    var actsOnEnvironment: Bool
    /// The turn ends the task: a final answer or a dialect's terminal action.
    var endsTask: Bool

    init(
        segments: [Segment], thought: String?, action: StepAction? = nil, finalAnswer: String? = nil,
        actsOnEnvironment: Bool, endsTask: Bool
    ) {
        self.segments = segments
        self.thought = thought
        self.action = action
        self.finalAnswer = finalAnswer
        self.actsOnEnvironment = actsOnEnvironment
        self.endsTask = endsTask
    }
}
