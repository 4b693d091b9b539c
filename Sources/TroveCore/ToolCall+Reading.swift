extension ToolCall {
    /// Arguments `arguments` as a reviewer reads them: JSON laid out one member per line, `key: value`, with
    /// the text a string holds shown as text. Arguments that are not JSON are shown as written.
    ///
    /// A call that writes a file or edits code carries the code in one JSON string (`"file_text":
    /// "import random\nimport keyboard\n…"`), unreadable with its escapes; here each such string that holds
    /// a line break is a block of its lines under `key: |`, as YAML writes it (`|-` when the string does not
    /// end with a line break), indented two spaces deeper. A one-line string is written bare (`command:
    /// create`) unless bare it would read as another value (empty, a number, `true`, `null`, surrounding
    /// spaces, a leading quote or `-`, or a `: ` inside), when it keeps its JSON quotes. Objects nest by
    /// indentation, array elements follow `- `, and empty ones stay `{}` and `[]`.
    ///
    /// ```swift
    /// ToolCall.readable(arguments: #"{"command": "create", "file_text": "a\nb\n"}"#)
    /// // command: create
    /// // file_text: |
    /// //   a
    /// //   b
    /// ```
    ///
    /// The text is for reading only (the review screen, `trove show`): exports write the arguments as
    /// stored.
    public static func readable(arguments: String) -> String {
        guard let value = try? JSONParser.parse(Array(arguments.utf8)) else { return arguments }
        var lines: [String] = []
        switch value {
        case .object(let object) where !object.members.isEmpty: members(object, indent: "", into: &lines)
        case .array(let elements) where !elements.isEmpty: items(elements, indent: "", into: &lines)
        default: lines.append(scalar(value) ?? JSONWriter.string(value))
        }
        return lines.joined(separator: "\n")
    }

    private static func members(_ object: JSONObject, indent: String, into lines: inout [String]) {
        for member in object.members {
            entry(indent + member.key + ":", member.value, indent: indent, into: &lines)
        }
    }

    private static func items(_ elements: [JSONValue], indent: String, into lines: inout [String]) {
        for element in elements {
            entry(indent + "-", element, indent: indent, into: &lines)
        }
    }

    /// `head` (`key:` or `-`) with `value`: on the same line when it is one line, else below it, deeper.
    private static func entry(_ head: String, _ value: JSONValue, indent: String, into lines: inout [String]) {
        let deeper = indent + "  "
        switch value {
        case .object(let object) where !object.members.isEmpty:
            lines.append(head)
            members(object, indent: deeper, into: &lines)
        case .array(let elements) where !elements.isEmpty:
            lines.append(head)
            items(elements, indent: deeper, into: &lines)
        case .string(let text) where text.contains("\n"):
            let endsWithBreak = text.hasSuffix("\n")
            lines.append(head + (endsWithBreak ? " |" : " |-"))
            let body = endsWithBreak ? text.dropLast() : Substring(text)
            for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
                lines.append(line.isEmpty ? "" : deeper + line)
            }
        default:
            lines.append(head + " " + (scalar(value) ?? JSONWriter.string(value)))
        }
    }

    /// A one-line string bare when it reads as itself; nil for any other value (written as JSON).
    private static func scalar(_ value: JSONValue) -> String? {
        guard case .string(let text) = value else { return nil }
        let ambiguous =
            text.isEmpty || text.first!.isWhitespace || text.last!.isWhitespace
            || ["\"", "-", "[", "{", "|", "'", "#"].contains(text.first!) || text.contains(": ")
            || ["true", "false", "null"].contains(text) || Double(text) != nil || text.contains("\r")
        return ambiguous ? JSONWriter.string(value) : text
    }
}
