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

    /// Characters of a text that are searched for markers: a goal sits within a prompt's first pages, and
    /// a list row must not scan a 30 MB record.
    public static let searchBudget = 1 << 16

    /// The goal in `text`, the task message of a trajectory of `task` (`webshop`, `alfworld`, …): see
    /// ``TaskGoal``. At most ``searchBudget`` characters of `text` are read.
    public static func goal(of text: String, task: String) -> String {
        let head = text.prefix(searchBudget)
        for rule in rules where rule.tasks.map({ $0.contains(task) }) ?? true {
            guard let goal = apply(rule, to: head) else { continue }
            let collapsed = collapse(goal)
            if !collapsed.isEmpty { return collapsed }
        }
        return collapse(head)
    }

    static func apply(_ rule: Rule, to text: Substring) -> Substring? {
        var rest = text
        if let start = rule.start {
            guard let found = rest.firstRange(of: start) else { return nil }
            rest = rest[found.upperBound...]
        }
        let end = rule.ends.compactMap { rest.firstRange(of: $0)?.lowerBound }.min() ?? rest.endIndex
        if rule.start == nil, end == rest.endIndex { return nil }
        return rest[..<end]
    }

    /// `text` with each run of white space made one space, trimmed.
    static func collapse(_ text: Substring) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
