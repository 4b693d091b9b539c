/// The way an agent writes its thoughts and actions, one per AgentInstruct task,
/// a generic ReAct dialect, tool calling, SWE-agent command blocks, Terminus's
/// keystroke responses and a raw fallback.
///
/// ``StepParser`` chooses a dialect from the task name when it names one, and
/// otherwise by looking at the text (the prompt's action grammar and the shape
/// of the agent turns), so unlabeled files still parse.
public enum Dialect: String, Sendable, Hashable, CaseIterable, Codable {
    /// AgentBench OS: `Think: …` then `Act: bash` with a ```` ```bash ```` block,
    /// `Act: finish` or `Act: answer(…)`.
    case os
    /// AgentBench DB: free thought, then `Action: Operation` with a ```` ```sql ````
    /// block, or `Action: Answer` and `Final Answer: […]`.
    case db
    /// ALFWorld: optional `THOUGHT: …`, then `ACTION: …` (also with a leading space).
    case alfworld
    /// WebShop: `Thought:\n…\n\nAction:\nsearch[…]` or `click[…]`.
    case webshop
    /// Knowledge graph: `Thought: …` then `Action: fn(args)` or `Final Answer: #n`.
    case kg
    /// Mind2Web: `Thought: …`, `Answer: X.`, `Action: CLICK|TYPE|SELECT|SET`, optional `Value: …`.
    case mind2web
    /// Generic ReAct: `Thought:` / `Action:` / `Observation:` (FireAct, ETO, …).
    case react
    /// Tool calling (OpenAI `tool_calls`, Inspect, ATIF, OpenHands actions): the
    /// message's text is the thought, its first tool call the action, and the
    /// `tool` messages after it the observation. Chosen by the record's format,
    /// never detected from text.
    case toolCalls = "tool-calls"
    /// SWE-agent style: free thought, then the command in a fenced block (the
    /// last one of the turn); `submit` ends the task. Chosen by the record's
    /// format (SWE-agent, mini-swe-agent, SWE-agent datasets).
    case commandBlock = "command-block"
    /// Terminus (Terminal-Bench, harbor's Terminus-2): each reply is a JSON object
    /// `{"analysis", "plan", "commands": [{"keystrokes", "duration"}], "task_complete"}`,
    /// or the same as XML in `<response>`. The thought is the analysis and the plan,
    /// the action every command's keystrokes in order (kind `keystrokes`), and
    /// `task_complete: true` ends the task (action `task_complete` when it sends no
    /// keys). Detected from the prompt's response format or from the agent turns.
    case terminus
    /// No grammar recognized: every agent turn is one step whose text is its thought.
    case raw
    /// Plain chat (ShareGPT, DialogStudio conversations): no prompt states an agent grammar and no
    /// agent turn reads in any of them. Its turns are a user's and an assistant's, not thoughts and
    /// observations; `--policy agenttuning` never exports it as agent data (it goes to
    /// `trove mix --general`).
    case chat
}
