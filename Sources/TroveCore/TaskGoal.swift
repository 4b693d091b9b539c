import CLibc

/// What a task asks for, without its dialect's boilerplate: the line a reviewer scans the list by.
///
/// Each dialect wraps its goal in fixed text: webshop's `WebShop [SEP] Instruction: [SEP] … [SEP] Search`,
/// alfworld's room description before `Your task is to:`, os's `My problem is:`, kg's
/// `A new question: … Entities: […]`, mind2web's page before `Task:`, db's table description after the
/// question, and the agent-run formats' `ISSUE:`, `<issue_description>`, `<pr_description>` and
/// `Task Description:` wrappers. The goal is the text between a rule's markers, with runs of white space
/// (line breaks included) made one space; a text no rule matches is returned whole, the same way.
///
/// ```swift
/// TaskGoal.goal(of: "WebShop [SEP] Instruction: [SEP] i need a red mug [SEP] Search", task: "webshop")
/// // "i need a red mug"
/// ```
public enum TaskGoal {
    /// How one wrapper is taken off: the goal starts after `start` (or at the text's start when nil) and
    /// ends before the first of `ends` after it (or at the text's end).
    struct Rule: Sendable {
        var tasks: Set<String>?
        var start: String?
        var ends: [String]
    }

    /// The rules, most specific first; `tasks` limits a rule to tasks whose markers are too plain to
    /// trust elsewhere.
    static let rules: [Rule] = [
        Rule(start: "Instruction: [SEP]", ends: [" [SEP]", "[SEP]"]),
        Rule(start: "Your task is to:", ends: ["\n"]),
        Rule(start: "My problem is:", ends: []),
        Rule(start: "my problem is:", ends: []),
        Rule(start: "A new question:", ends: ["\nEntities:"]),
        Rule(start: "try to complete the following task:\nTask:", ends: ["\nPrevious actions:"]),
        Rule(start: "Here's the issue text:\nISSUE:", ends: ["\n\nINSTRUCTIONS:"]),
        Rule(start: "<issue_description>", ends: ["</issue_description>"]),
        Rule(start: "Consider the following PR description:", ends: ["</pr_description>"]),
        Rule(start: "Please solve this issue:", ends: []),
        Rule(start: "Task Description:", ends: ["\nCurrent terminal state:"]),
        Rule(tasks: ["kg"], start: "Question:", ends: ["\nEntities:"]),
        Rule(tasks: ["db"], start: nil, ends: ["\nThere are ", "\nThe name of "]),
    ]

    /// Bytes of a text that are searched for markers: a goal sits within a prompt's first pages, and a
    /// list row must not scan a 30 MB record.
    public static let searchBudget = 1 << 16

    /// The goal in `text`, the task message of a trajectory of `task` (`webshop`, `alfworld`, …): see
    /// ``TaskGoal``; its first `limit` characters. At most ``searchBudget`` bytes of `text` are read.
    ///
    /// Implementation note: the markers are ASCII and searched for in the UTF-8 bytes (`memmem`), and the
    /// goal is decoded only up to `limit`: import computes each record's goal for the list's text sort, and
    /// searching characters (grapheme clusters) took 2.6 ms for a 32 KB mind2web page, a third of what the
    /// import's reading thread spends on the record.
    public static func goal(of text: String, task: String, limit: Int = .max) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var end = min(bytes.count, searchBudget)
            // Cut on a scalar's first byte: a continuation byte (10xxxxxx) would decode as U+FFFD.
            while end < bytes.count, end > 0, bytes[end] & 0xC0 == 0x80 { end -= 1 }
            let head = UnsafeBufferPointer(rebasing: bytes[..<end])
            for rule in rules where rule.tasks.map({ $0.contains(task) }) ?? true {
                guard let goal = apply(rule, to: head) else { continue }
                let collapsed = collapse(UnsafeBufferPointer(rebasing: head[goal]), limit: limit)
                if !collapsed.isEmpty { return collapsed }
            }
            return collapse(head, limit: limit)
        }
    }

    /// The byte range of the goal `rule` finds in `text`, or nil when its markers are not there.
    static func apply(_ rule: Rule, to text: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var start = 0
        if let marker = rule.start {
            guard let found = find(marker, in: text, from: 0) else { return nil }
            start = found + marker.utf8.count
        }
        let end = rule.ends.compactMap { find($0, in: text, from: start) }.min()
        if rule.start == nil, end == nil { return nil }
        return start..<(end ?? text.count)
    }

    /// The offset of the first `marker` in `text` at or after `from`.
    static func find(_ marker: String, in text: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let base = text.baseAddress, from < text.count else { return nil }
        var marker = marker
        return marker.withUTF8 { needle in
            guard let found = memmem(base + from, text.count - from, needle.baseAddress!, needle.count) else {
                return nil
            }
            return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
        }
    }

    /// `bytes` decoded, each run of white space made one space, trimmed; its first `limit` characters.
    static func collapse(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> String {
        var scalars = String.UnicodeScalarView()
        var count = 0
        var space = false
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        // A few scalars past the limit: the last characters may be several scalars each.
        let enough = limit > Int.max - 8 ? Int.max : limit + 8
        decoding: while count < enough {
            let scalar: Unicode.Scalar
            switch decoder.decode(&iterator) {
            case .scalarValue(let value): scalar = value
            case .emptyInput: break decoding
            case .error: scalar = "\u{FFFD}"
            }
            if scalar.properties.isWhitespace {
                space = !scalars.isEmpty
            } else {
                if space { scalars.append(" ") }
                space = false
                scalars.append(scalar)
                count += 1
            }
        }
        let text = String(scalars)
        return limit == .max ? text : String(text.prefix(limit))
    }
}
