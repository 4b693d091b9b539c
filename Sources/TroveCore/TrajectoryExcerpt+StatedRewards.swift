extension TrajectoryExcerpt {
    /// The excerpt as a blind reviewer reads it: every reward a turn other than the agent's (an
    /// observation, whatever role its record gives it: ShareGPT's are `human` turns), or a step's
    /// observation, states in words reads `hidden` (``ObservationReward/redacted(_:after:continues:)``),
    /// so that no screen shows which runs the environment rewarded. A text the excerpt cut hides a value
    /// its cut may have split as well.
    public func redactingStatedRewards() -> TrajectoryExcerpt {
        var excerpt = self
        let messages = stored.trajectory.messages
        for index in messages.indices where messages[index].role != .agent {
            excerpt.stored.trajectory.messages[index].text = ObservationReward.redacted(
                messages[index].text, continues: cuts[.message(index)] != nil)
        }
        for (index, step) in stored.parsed.steps.enumerated() {
            excerpt.stored.parsed.steps[index].observation = step.observation.map {
                ObservationReward.redacted($0, continues: cuts[.observation(index)] != nil)
            }
        }
        return excerpt
    }
}
