extension ExportRecordWriter {
    /// The writer of a mix's example `trajectory`, agent or general: this one, except that `agentinstruct`
    /// writes a record not already in AgentInstruct's own layout (``isInAgentInstructLayout(_:)``: an OpenAI
    /// `messages` record, a ShareGPT one without an `id`, another agent framework's run) as `sharegpt` does.
    ///
    /// Why: `agentinstruct` writes records as imported because agent data is AgentInstruct's; a record in
    /// another layout would be a line of another dataset in the mix, with no id, its repeats identical
    /// lines and a store's turn masks and corrections unapplied, where the mix promises every line its id
    /// and `ID#2` on a repeat. ShareGPT's `{"id", "conversations": [{"from", "value"}]}` is AgentInstruct's
    /// layout, so converted it reads as every other line does.
    public func forMixExample(_ trajectory: Trajectory) -> ExportRecordWriter {
        guard format == .agentinstruct, !Self.isInAgentInstructLayout(trajectory) else { return self }
        return asShareGPT
    }

    /// This writer's options in `sharegpt`: the layout `agentinstruct` converts a record to.
    var asShareGPT: ExportRecordWriter {
        ExportRecordWriter(format: .sharegpt, systemPrompt: systemPrompt, withLabels: withLabels)
    }

    /// Whether `trajectory`'s record is in AgentInstruct's layout: a `conversations` list of `from`/`value`
    /// turns and an `id` member (the one ``Trajectory/repeated(_:)`` numbers), so that written as imported
    /// it carries its id.
    public static func isInAgentInstructLayout(_ trajectory: Trajectory) -> Bool {
        guard trajectory.format == RecordFormat(listKey: "conversations", style: .fromValue),
            case .object(let object)? = try? JSONParser.parse(trajectory.originalRecord)
        else { return false }
        switch object["id"] {
        case .string?, .number?: return true
        default: return false
        }
    }
}
