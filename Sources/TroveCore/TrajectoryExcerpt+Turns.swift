extension TrajectoryExcerpt {
    /// The excerpt of a trajectory read with `turns` as its masks and corrections: the team's decisions
    /// (`turn_label`), or a blind reviewer's own while they have not decided the trajectory.
    ///
    /// `imported` holds the texts as imported, each cut to `budget` bytes (full sizes in `cuts`), and the
    /// steps and flags the store keeps, which were parsed from the texts the team's decisions `decided`
    /// correct. A corrected turn's text replaces the imported one, whole. When `turns` correct other texts
    /// than `decided` do, the stored steps are not the ones those texts make: the steps and flags are
    /// parsed again from the trajectory's whole texts as imported (`whole`, read only then), as the store
    /// parses a corrected trajectory (``CorrectedParse``), and each step's texts cut to `budget` as the
    /// store cuts them.
    public init(
        imported: StoredTrajectory, turns: [TurnLabel], decided: [TurnLabel], budget: Int, cuts: [TextPart: Int],
        metadataHead: String? = nil, group: String? = nil, whole: () throws -> Trajectory
    ) rethrows {
        var stored = imported
        var cuts = cuts
        stored.trajectory = stored.trajectory.applying(turns)
        stored.turns = turns
        for turn in turns where turn.isEdited { cuts[.message(turn.turn)] = nil }
        if Self.corrections(turns) != Self.corrections(decided) {
            let parsed = CorrectedParse.parse(try whole(), dialect: stored.parsed.dialect, labels: turns)
            cuts = cuts.filter { part, _ in
                switch part {
                case .thought, .argument, .observation, .answer: false
                case .message, .record, .metadata: true
                }
            }
            stored.parsed.steps = parsed.steps.enumerated().map { index, step in
                Self.cut(step, index, budget: budget, messages: stored.trajectory.messages, cuts: &cuts)
            }
            stored.parsed.flags = parsed.flags
        }
        self.init(stored: stored, budget: budget, cuts: cuts, metadataHead: metadataHead, group: group)
    }

    /// The corrected texts of `turns`, by message index.
    private static func corrections(_ turns: [TurnLabel]) -> [Int: String] {
        Dictionary(turns.compactMap { turn in turn.text.map { (turn.turn, $0) } }, uniquingKeysWith: { $1 })
    }

    /// `step` (step `index`) with each of its texts cut to `budget` bytes, their full sizes into `cuts`;
    /// the segments of an agent message the excerpt holds cut are its kept text as one `other` segment,
    /// as the stores' excerpts give them.
    private static func cut(
        _ step: Step, _ index: Int, budget: Int, messages: [Message], cuts: inout [TextPart: Int]
    ) -> Step {
        func cut(_ text: String?, _ part: TextPart) -> String? {
            guard let text, text.utf8.count > budget else { return text }
            cuts[part] = text.utf8.count
            var end = text.utf8.index(text.utf8.startIndex, offsetBy: budget)
            while end > text.utf8.startIndex, UTF8.isContinuation(text.utf8[end]) {
                end = text.utf8.index(before: end)
            }
            return String(text.utf8[..<end]) ?? ""
        }
        var step = step
        step.thought = cut(step.thought, .thought(index))
        if let argument = step.action?.argument { step.action?.argument = cut(argument, .argument(index)) ?? "" }
        step.observation = cut(step.observation, .observation(index))
        step.finalAnswer = cut(step.finalAnswer, .answer(index))
        if cuts[.message(step.messageIndex)] != nil, messages.indices.contains(step.messageIndex) {
            step.segments = [Segment(.other, messages[step.messageIndex].text)]
        }
        return step
    }
}
