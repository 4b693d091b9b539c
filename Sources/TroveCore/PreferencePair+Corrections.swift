extension PreferencePair {
    /// A pair whose prompt both continuations share.
    public init(prompt: [Message], chosen: [Message], rejected: [Message]) {
        self.prompt = prompt
        self.chosen = chosen
        self.rejected = rejected
        self.sharesPrompt = true
    }

    /// One pair per agent turn of `messages` (a trajectory as imported) that `turns` corrects, in turn
    /// order: the prompt is the messages before the turn (earlier corrections applied), the chosen
    /// continuation the corrected turn and the rejected one the turn as imported. A correction that blanks
    /// a turn with no call (`trove edit --allow-empty`) makes no pair: "say nothing" is no preference a
    /// trainer should learn; nor does a corrected turn not to be trained (masked by the reviewers or by the
    /// record, ``TrainingMessages/isUntrained(_:)``): its turn numbers are in `masked`.
    public static func corrections(of messages: [Message], turns: [TurnLabel]) -> (
        pairs: [PreferencePair], masked: [Int]
    ) {
        let labeled = Trajectory.applying(turns, to: messages)
        var masked: [Int] = []
        let pairs = turns.filter(\.isEdited).sorted { $0.turn < $1.turn }.compactMap { turn -> PreferencePair? in
            guard messages.indices.contains(turn.turn), messages[turn.turn].role == .agent else { return nil }
            let chosen = labeled[turn.turn]
            guard !(chosen.toolCalls.isEmpty && TurnLabel.blanks(chosen.text)) else { return nil }
            guard !TrainingMessages.isUntrained(chosen) else {
                masked.append(turn.turn)
                return nil
            }
            return PreferencePair(
                prompt: Array(labeled[..<turn.turn]), chosen: [chosen], rejected: [messages[turn.turn]])
        }
        return (pairs, masked)
    }
}
