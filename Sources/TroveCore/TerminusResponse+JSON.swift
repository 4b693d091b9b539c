// MARK: - The JSON reply

extension TerminusResponse {
    /// The members harbor refuses a JSON reply without.
    static let requiredMembers = ["analysis", "plan", "commands"]

    /// Reads the first JSON object in `text` that is a Terminus reply: `analysis` and `plan` strings,
    /// `commands` a list of objects each with a `keystrokes` string, and an optional `task_complete`
    /// (see ``isComplete(_:)``). Objects before it that are no reply (braces in the model's own words) are
    /// passed over, as harbor's fallback does.
    ///
    /// - returns: `nil` when no object is a reply: malformed or cut-off JSON, a required member missing or
    ///   of another type, a member read here written twice with different values (readers disagree on
    ///   which counts), or commands that do not read in a reply that does not complete the task. Harbor
    ///   runs nothing for such commands and ends a completing reply anyway, so there they read as no
    ///   keystrokes and their text as `other`.
    static func json(_ text: TurnText) -> TerminusResponse? {
        // Detection tries every grammar on every turn of unlabeled chats, whose code is full of braces: a
        // turn that never names the required list is no reply, found without reading one object.
        guard text.contains("\"commands\"") else { return nil }
        var from = 0
        while let open = text.firstOffset(of: "{", from: from) {
            guard let close = objectEnd(text, from: open) else { return nil }
            if let response = json(text, object: open..<close) { return response }
            from = close
        }
        return nil
    }

    /// Whether a `task_complete` value completes the task as harbor reads it: `true`, a string `true`, `1`
    /// or `yes` in any case, or a number other than 0.
    static func isComplete(_ value: JSONValue?) -> Bool {
        switch value {
        case .bool(let flag)?: flag
        case .string(let word)?: ["true", "1", "yes"].contains(word.lowercased())
        case .number(let lexeme)?: Double(lexeme).map { $0 != 0 } ?? false
        default: false
        }
    }

    /// The reply in the object at `range` of `text`, if it is one.
    private static func json(_ text: TurnText, object range: Range<Int>) -> TerminusResponse? {
        // A copy of the object's bytes: JSONParser and JSONSlices read arrays, and a reply is a few kilobytes.
        let bytes = Array(UnsafeBufferPointer(rebasing: text.bytes[range]))
        guard case .object(let object)? = try? JSONParser.parse(bytes),
            object.conflictingDuplicate(among: requiredMembers + ["task_complete"]) == nil,
            let analysis = object["analysis"]?.stringValue, let plan = object["plan"]?.stringValue,
            let commands = object["commands"]
        else { return nil }
        let complete = isComplete(object["task_complete"])
        let read = self.commands(commands)
        let keystrokes = read?.map(\.keystrokes)
        guard keystrokes != nil || complete else { return nil }
        // The members where they are written, in the order the parser kept them.
        let places = JSONSlices.members(bytes, in: bytes.indices)
        guard places.count == object.members.count else { return nil }
        let shift = range.lowerBound
        var pieces: [Piece] = []
        var seen: Set<String> = []
        for (member, place) in zip(object.members, places) where seen.insert(member.key).inserted {
            let value = (place.value.lowerBound + shift)..<(place.value.upperBound + shift)
            switch member.key {
            case "analysis", "plan":
                pieces.append(Piece(range: stringContents(value), kind: .thought))
            case "commands" where keystrokes == nil:
                pieces.append(Piece(range: value, kind: .other))
            case "commands":
                for command in JSONSlices.elements(bytes, in: place.value) {
                    guard let typed = JSONSlices.member("keystrokes", of: bytes, in: command) else { continue }
                    let keys = (typed.lowerBound + shift)..<(typed.upperBound + shift)
                    pieces.append(Piece(range: stringContents(keys), kind: .actionArgument))
                }
            case "task_complete" where complete:
                pieces.append(Piece(range: value, kind: .actionKind))
            default:
                break
            }
        }
        return TerminusResponse(
            body: range, analysis: analysis, plan: plan, keystrokes: keystrokes ?? [],
            waits: read?.map(\.wait) ?? [], complete: complete, pieces: pieces)
    }

    /// Each command's keystrokes and wait, or `nil` when `commands` is not a list of objects each with a
    /// `keystrokes` string (harbor's parse error).
    private static func commands(_ commands: JSONValue) -> [(keystrokes: String, wait: TerminusWait)]? {
        guard case .array(let elements) = commands else { return nil }
        var read: [(keystrokes: String, wait: TerminusWait)] = []
        read.reserveCapacity(elements.count)
        for element in elements {
            guard case .object(let command) = element, command.conflictingDuplicate(among: ["keystrokes"]) == nil,
                let typed = command["keystrokes"]?.stringValue
            else { return nil }
            read.append((typed, TerminusWait(asked: duration(command["duration"]))))
        }
        return read
    }

    /// A command's `duration` as harbor reads it: a number (Python's `bool` is one: `true` is 1), else
    /// none, which waits the default.
    static func duration(_ value: JSONValue?) -> Double? {
        switch value {
        case .number(let lexeme)?: Double(lexeme)
        case .bool(let flag)?: flag ? 1 : 0
        default: nil
        }
    }

    /// The bytes of a JSON string's text, without its quotes, as written (escapes and all).
    private static func stringContents(_ value: Range<Int>) -> Range<Int> {
        (value.lowerBound + 1)..<max(value.lowerBound + 1, value.upperBound - 1)
    }

    /// The end (past its closing brace) of the object that opens at `open`, or `nil` when the text ends
    /// first: the reply was cut off.
    private static func objectEnd(_ text: TurnText, from open: Int) -> Int? {
        var scanner = StructureScanner()
        for index in open..<text.count {
            scanner.feed(text[index])
            if scanner.isComplete { return index + 1 }
        }
        return nil
    }
}
