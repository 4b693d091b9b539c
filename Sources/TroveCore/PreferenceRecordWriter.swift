/// Writes preference examples as TRL's conversational JSONL lines.
///
/// Messages are OpenAI chat messages as ``ExportRecordWriter`` maps them for `openai` (roles, tool
/// calls and their answers), without `weight`: a preference trainer scores whole continuations, so
/// ``PreferenceExporter`` puts no untrained agent turn in one. A run's tools (its OpenAI-style function
/// schemas) follow as `tools`, as `openai` writes them, for the chat template to render.
public struct PreferenceRecordWriter: Sendable {
    /// A system prompt to put first in prompts that have none.
    public var systemPrompt: String?

    public init(systemPrompt: String? = nil) {
        self.systemPrompt = systemPrompt
    }

    /// `{"prompt": [...], "chosen": [...], "rejected": [...]}`, then `"tools": [...]` when `tools` is not
    /// nil (without the line break).
    public func line(for pair: PreferencePair, tools: JSONValue? = nil) -> [UInt8] {
        let chosen = ExportRecordWriter.openAIMessages(pair.prompt + pair.chosen, weights: false)
        let rejected = ExportRecordWriter.openAIMessages(pair.prompt + pair.rejected, weights: false)
        return Self.bytes(
            [
                .init(key: "prompt", value: .array(prompt(Array(chosen.prefix(pair.prompt.count)), pair.prompt))),
                .init(key: "chosen", value: .array(Array(chosen.dropFirst(pair.prompt.count)))),
                .init(key: "rejected", value: .array(Array(rejected.dropFirst(pair.prompt.count)))),
            ], tools: tools)
    }

    /// `{"prompt": [...], "completion": [...], "label": true|false}`, then `"tools": [...]` when `tools`
    /// is not nil (without the line break).
    public func line(for example: PreferenceCompletion, tools: JSONValue? = nil) -> [UInt8] {
        let messages = ExportRecordWriter.openAIMessages(example.prompt + example.completion, weights: false)
        return Self.bytes(
            [
                .init(
                    key: "prompt", value: .array(prompt(Array(messages.prefix(example.prompt.count)), example.prompt))),
                .init(key: "completion", value: .array(Array(messages.dropFirst(example.prompt.count)))),
                .init(key: "label", value: .bool(example.label)),
            ], tools: tools)
    }

    private func prompt(_ mapped: [JSONValue], _ messages: [Message]) -> [JSONValue] {
        guard let systemPrompt, messages.first?.role != .system else { return mapped }
        return [.object(["role": "system", "content": .string(systemPrompt)])] + mapped
    }

    private static func bytes(_ members: [JSONObject.Member], tools: JSONValue?) -> [UInt8] {
        var out: [UInt8] = []
        let all = members + (tools.map { [.init(key: "tools", value: $0)] } ?? [])
        JSONWriter.write(.object(JSONObject(all)), into: &out)
        return out
    }
}
