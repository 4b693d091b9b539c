extension Trajectory {
    /// The tools the run could call, as OpenAI-style function schemas, for the exports' `tools`: the
    /// record's `tools` (OpenAI, ShareGPT with tools; an Inspect sample's, read from its model events; an
    /// OpenHands run's, from its system event), else an ATIF record's `agent.tool_definitions`; nil when
    /// the record names none.
    public var toolSchemas: JSONValue? {
        if let tools = metadata["tools"], tools != .null { return tools }
        if let definitions = metadata["agent"]?.objectValue?["tool_definitions"], definitions != .null {
            return definitions
        }
        return nil
    }
}
