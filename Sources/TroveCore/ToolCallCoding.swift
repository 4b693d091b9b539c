/// How a message's tool calls are stored in `message_row.tool_calls`
/// (docs/store.md): a JSON array of `{"id", "name", "arguments"}` objects,
/// `arguments` as JSON text, or NULL for a message without calls.
public enum ToolCallCoding {
    /// The column value for `calls`.
    public static func json(_ calls: [ToolCall]) -> String? {
        guard !calls.isEmpty else { return nil }
        return JSONWriter.string(
            .array(
                calls.map { call in
                    .object([
                        "id": .optional(call.id), "name": .string(call.name), "arguments": .string(call.arguments),
                    ])
                }))
    }

    /// The calls a column value holds; none for NULL or a value that is not such an array.
    public static func calls(_ json: String?) -> [ToolCall] {
        guard let json, case .array(let elements)? = try? JSONParser.parse(Array(json.utf8)) else { return [] }
        return elements.compactMap { element in
            guard let object = element.objectValue, let name = object["name"]?.stringValue else { return nil }
            return ToolCall(
                id: object["id"]?.stringValue, name: name, arguments: object["arguments"]?.stringValue ?? "{}")
        }
    }
}
