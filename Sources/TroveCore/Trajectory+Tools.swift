extension Trajectory {
    /// The tools the run could call, for the exports' `tools`: the record's `tools` (OpenAI, ShareGPT
    /// with tools, where the list is JSON text, read here; an Inspect sample's, read from its model
    /// events; an OpenHands run's, from its system event), else a legacy OpenAI record's `functions`,
    /// else an ATIF record's `agent.tool_definitions`; nil when the record names none. Each element is
    /// as the record gave it: a bare function schema (`{"name", "parameters"}`) or one in OpenAI's
    /// wrapper (``openAITools`` writes every one wrapped).
    public var toolSchemas: JSONValue? {
        for tools in [metadata["tools"], metadata["functions"], metadata["agent"]?.objectValue?["tool_definitions"]] {
            switch tools {
            case nil, .null?: continue
            case .string(let text)?:
                guard let list = try? JSONParser.parse(Array(text.utf8)), list.arrayValue != nil else { return tools }
                return list
            case let tools?: return tools
            }
        }
        return nil
    }

    /// ``toolSchemas`` as OpenAI's `tools` list: each bare function schema wrapped as
    /// `{"type": "function", "function": schema}`, an element that has a `type` already kept.
    public var openAITools: JSONValue? {
        guard let tools = toolSchemas else { return nil }
        guard case .array(let elements) = tools else { return tools }
        return .array(
            elements.map { element in
                guard let schema = element.objectValue, schema["type"] == nil, schema["name"] != nil else {
                    return element
                }
                return .object(["type": "function", "function": element])
            })
    }
}
