/// The structural part a message plays, beyond its role: AgentInstruct
/// trajectories start with a prompt, often a handshake and an in-context
/// example before the real task begins.
public enum TurnKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// The instruction prompt that sets the rules (message 0).
    case prompt
    /// The agent's acknowledgement right after the prompt (`Ok.`, `OK. I'll follow…`).
    case handshake
    /// A turn of the in-context example (os: before "Now, I will start a new
    /// problem"; kg: before "A new question:").
    case example
    /// The message that states the real task.
    case task
    /// An agent turn of the real task: it makes a ``Step``.
    case agent
    /// An environment answer to an agent turn, or, in a tool-calling run, what the environment shows
    /// before the first one (WebArena's start page): the run's own text either way, not shared context.
    case observation
    /// A system prompt or any other turn outside the step structure.
    case other
}
