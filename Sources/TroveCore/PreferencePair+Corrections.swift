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
    /// trainer should learn.
    public static func corrections(of messages: [Message], turns: [TurnLabel]) -> [PreferencePair] {
        let corrected = Trajectory.correcting(messages, turns)
        return turns.filter(\.isEdited).sorted { $0.turn < $1.turn }.compactMap { turn in
            guard messages.indices.contains(turn.turn), messages[turn.turn].role == .agent else { return nil }
            let chosen = corrected[turn.turn]
            guard !(chosen.toolCalls.isEmpty && TurnLabel.blanks(chosen.text)) else { return nil }
            return PreferencePair(
                prompt: Array(corrected[..<turn.turn]), chosen: [chosen], rejected: [messages[turn.turn]])
        }
    }
}

extension Trajectory {
    /// `messages` with the corrected texts of `turns` on their agent turns.
    static func correcting(_ messages: [Message], _ turns: [TurnLabel]) -> [Message] {
        var messages = messages
        for turn in turns where messages.indices.contains(turn.turn) && messages[turn.turn].role == .agent {
            if let text = turn.text { messages[turn.turn].text = text }
        }
        return messages
    }
}
