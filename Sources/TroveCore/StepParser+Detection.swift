// MARK: - Dialect detection

extension StepParser {
    /// Detects the dialect from the text alone. Never fails: ``Dialect/raw``
    /// at worst.
    ///
    /// Each AgentBench prompt states its grammar, and so does Terminus's, so the
    /// prompt (the first message that is not a system or agent message) decides
    /// first:
    ///
    /// | prompt contains                                 | dialect                 |
    /// |-------------------------------------------------|-------------------------|
    /// | `"keystrokes"` and `"task_complete"` (or the XML `<keystrokes`, `<task_complete>`) | ``Dialect/terminus`` |
    /// | `get_relations(`                                | ``Dialect/kg``          |
    /// | `Act: bash`                                     | ``Dialect/os``          |
    /// | `Action: Operation`                             | ``Dialect/db``          |
    /// | `Previous actions:` and `None of the above`     | ``Dialect/mind2web``    |
    /// | `ACTION:` (upper case)                          | ``Dialect/alfworld``    |
    /// | `search[` and `click[`                          | ``Dialect/webshop``     |
    ///
    /// Without such a prompt, the agent turns vote: the dialect whose grammar
    /// reads the most non-empty agent turns (the handshake aside) wins, if it
    /// reads at least half of them; ties go to the more specific grammar, in
    /// the order terminus, os, db, alfworld, webshop, kg, mind2web, react. When no
    /// agent turn reads in any grammar, the trajectory is plain
    /// ``Dialect/chat``; otherwise the result is ``Dialect/raw``.
    public static func detectDialect(_ messages: [Message]) -> Dialect {
        let opening = promptAndHandshake(messages)
        if let opening, let named = messages[opening.prompt].text.withTurnText(dialectNamedByPrompt) {
            return named
        }
        var candidates: [Int] = []
        for (index, message) in messages.enumerated() where message.role == .agent && index != opening?.handshake {
            if !message.text.withTurnText({ $0.isBlank(0..<$0.count) }) { candidates.append(index) }
        }
        var best = Dialect.raw
        var bestCount = 0
        for dialect in votingOrder {
            let count = candidates.count { messages[$0].text.withTurnText { readTurn($0, dialect: dialect) != nil } }
            if count > bestCount {
                best = dialect
                bestCount = count
            }
        }
        if bestCount == 0 { return candidates.isEmpty ? .raw : .chat }
        return bestCount * 2 >= candidates.count ? best : .raw
    }

    /// The grammars in the order that breaks ties: a KG turn is also a valid
    /// ReAct turn, and a WebShop turn too.
    static let votingOrder: [Dialect] = [.terminus, .os, .db, .alfworld, .webshop, .kg, .mind2web, .react]

    /// The dialect whose grammar the prompt states (see the table above), if
    /// any. Mind2Web's page can hold arbitrary text, so its cue is checked
    /// before ALFWorld's and WebShop's looser ones; Terminus's prompt ends with
    /// a task and a terminal screen that can hold anything, so its cue comes first.
    static func dialectNamedByPrompt(_ prompt: TurnText) -> Dialect? {
        if statesTerminusFormat(prompt) { return .terminus }
        if prompt.contains("get_relations(") { return .kg }
        if prompt.contains("Act: bash") { return .os }
        if prompt.contains("Action: Operation") { return .db }
        if prompt.contains("Previous actions:") && prompt.contains("None of the above") { return .mind2web }
        if prompt.contains("ACTION:") { return .alfworld }
        if prompt.contains("search[") && prompt.contains("click[") { return .webshop }
        return nil
    }
}
