extension ToolCall {
    /// Arguments `arguments` as a reviewer reads them: JSON laid out one member per line, `key: value`, with
    /// the text a string holds shown as text. Arguments that are not JSON are shown as written.
    ///
    /// A call that writes a file or edits code carries the code in one JSON string (`"file_text":
    /// "import random\nimport keyboard\n…"`), unreadable with its escapes; here each such string that holds
    /// a line break is a block of its lines under `key: |`, as YAML writes it (`|-` when the string does not
    /// end with a line break), indented two spaces deeper. A one-line string is written bare (`command:
    /// create`) unless bare it would read as another value (empty, a number, `true`, `null`, surrounding
    /// spaces, a leading quote or `-`, or a `: ` inside), when it keeps its JSON quotes; a key is quoted by
    /// the same rule and when it holds a `:`. Objects nest by indentation, array elements follow `- `, and
    /// empty ones stay `{}` and `[]`. A CRLF file's lines keep their CR, which readers show.
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
            entry(indent + key(member.key) + ":", member.value, indent: indent, into: &lines)
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
        case .string(let text) where text.unicodeScalars.contains("\n"):
            // Split on the scalar: "\r\n" is one Character, which a split at "\n" would never find. A line
            // keeps its "\r", which the screen and `trove show` make visible.
            var body = text.unicodeScalars[...]
            let endsWithBreak = body.last == "\n"
            if endsWithBreak { body = body.dropLast() }
            lines.append(head + (endsWithBreak ? " |" : " |-"))
            for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
                lines.append(line.isEmpty ? "" : deeper + String(String.UnicodeScalarView(line)))
            }
        default:
            lines.append(head + " " + (scalar(value) ?? JSONWriter.string(value)))
        }
    }

    /// A one-line string bare when it reads as itself; nil for any other value (written as JSON).
    private static func scalar(_ value: JSONValue) -> String? {
        guard case .string(let text) = value else { return nil }
        return readsAsItself(text) ? text : JSONWriter.string(value)
    }

    /// A member's key, bare when it reads as itself and holds no `:`, else in JSON quotes.
    private static func key(_ key: String) -> String {
        readsAsItself(key) && !key.contains(":") ? key : JSONWriter.string(.string(key))
    }

    /// Whether `text` written bare reads back as that string: not empty, no surrounding spaces, no line
    /// break or CR, no leading quote or marker, no `: `, and not a number, `true`, `false` or `null`.
    private static func readsAsItself(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        let specialStart: Set<Unicode.Scalar> = ["\"", "-", "[", "{", "|", "'", "#"]
        return !first.properties.isWhitespace && !last.properties.isWhitespace && !specialStart.contains(first)
            && !text.unicodeScalars.contains { $0 == "\n" || $0 == "\r" } && !text.contains(": ")
            && !["true", "false", "null"].contains(text) && Double(text) == nil
    }
}
