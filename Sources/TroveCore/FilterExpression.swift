/// A parsed filter: predicates combined with `and`, `or` and `not`.
///
/// Expressions come from ``Filter/parse(_:)``; combining parsed expressions
/// with the cases below gives another valid expression. The description is the
/// canonical text, which parses back to the same expression: keywords in lower
/// case, `and` written as juxtaposition, `-` written as `not`, and parentheses
/// only where precedence needs them.
///
/// ```swift
/// let pending = try Filter.parse("status:pending").expression!
/// let short = try Filter.parse("steps<3").expression!
/// let either = FilterExpression.or(pending, .not(short))
/// print(either)  // status:pending or not steps<3
/// ```
public indirect enum FilterExpression: Sendable, Hashable, CustomStringConvertible {
    /// Matches when both operands match.
    case and(FilterExpression, FilterExpression)
    /// Matches when either operand matches.
    case or(FilterExpression, FilterExpression)
    /// Matches when the operand does not.
    case not(FilterExpression)
    /// Matches when one field compares as written.
    case predicate(FilterPredicate)

    public var description: String { formatted(enclosingPrecedence: 0) }

    /// The fields the expression's predicates test.
    public var fields: Set<FilterField> {
        switch self {
        case .and(let left, let right), .or(let left, let right): left.fields.union(right.fields)
        case .not(let operand): operand.fields
        case .predicate(let predicate): [predicate.field]
        }
    }

    // Implementation note: a binary operand binds at least as tightly as its
    // operator on the left and strictly tighter on the right, so parentheses
    // are printed exactly where the left-associative parser needs them.
    private func formatted(enclosingPrecedence: Int) -> String {
        let text: String
        switch self {
        case .or(let left, let right):
            text = "\(left.formatted(enclosingPrecedence: 1)) or \(right.formatted(enclosingPrecedence: 2))"
        case .and(let left, let right):
            text = "\(left.formatted(enclosingPrecedence: 2)) \(right.formatted(enclosingPrecedence: 3))"
        case .not(let operand):
            text = "not \(operand.formatted(enclosingPrecedence: 3))"
        case .predicate(let predicate):
            text = predicate.description
        }
        return precedence < enclosingPrecedence ? "(\(text))" : text
    }

    private var precedence: Int {
        switch self {
        case .or: 1
        case .and: 2
        case .not, .predicate: 3
        }
    }
}

/// One comparison of a trajectory field with a value, such as `reward<0.5`.
///
/// Only the parser creates predicates, so a predicate is always valid for its
/// field: `status`, `flag` and `dialect` hold a known lower-case name, `reward`
/// and `env_reward` a number in `0...1` or ``FilterValue/unknown``, `steps` and
/// `turns` a whole number, the text fields a string, and order comparisons
/// (`<`, `<=`, `>`, `>=`) appear only on numeric fields with a number.
public struct FilterPredicate: Sendable, Hashable, CustomStringConvertible {
    /// The trajectory field compared.
    public let field: FilterField
    /// How the field is compared.
    public let comparison: FilterComparison
    /// What the field is compared with.
    public let value: FilterValue

    init(field: FilterField, comparison: FilterComparison, value: FilterValue) {
        self.field = field
        self.comparison = comparison
        self.value = value
    }

    /// The canonical text, as in `reward<0.5` or `has:"not found"`.
    public var description: String { "\(field.rawValue)\(comparison.rawValue)\(value)" }
}

/// A field a filter can test, named by its raw value.
public enum FilterField: String, Sendable, Hashable, CaseIterable {
    /// The task name (`os`, `db`, `webshop`, …); `*` and `?` glob.
    case task
    /// The trajectory's external id; `*` and `?` glob.
    case id
    /// The decision the team policy derives: `pending`, `accepted`, `rejected` or `disputed`.
    /// Unlabeled trajectories are `pending`.
    case status
    /// The effective reward in `0...1`: the reviewer's when set, else the
    /// environment's; `none` when neither is known.
    case reward
    /// The environment's reward in `0...1`, or `none` when unknown.
    case envReward = "env_reward"
    /// The number of parsed steps.
    case steps
    /// The number of messages.
    case turns
    /// A ``QualityFlag`` the importer set, by raw value (`flag:no-answer`).
    case flag
    /// A reviewer's tag.
    case tag
    /// A reviewer who has a current label on the trajectory (`reviewer!=r1`: r1 has none), or `none`
    /// for a trajectory no reviewer has labeled.
    case reviewer
    /// Text in the trajectory's own turns (the task, agent turns and observations), matched as a phrase
    /// of whole words, ignoring case; the context turns every record of a task shares (prompt,
    /// handshake, in-context example, system prompt) are not searched. A value with a letter of a script
    /// written without spaces (``SearchableText/hasUnspacedLetter(_:)``) matches anywhere in a text, as
    /// plain text ignoring ASCII case (``PlainTextMatch``).
    case has
    /// The step ``Dialect``, by raw value.
    case dialect
    /// How the run ended, a ``RunOutcome`` by raw value (`outcome:timeout`), or
    /// `none` when the format records no outcome.
    case outcome
    /// Text in the context turns (prompt, handshake, in-context example, system prompt), as `has`.
    case context
    /// Text in a step's thought: a phrase of some agent turn that the thought also contains, ignoring
    /// ASCII case only (``PlainTextMatch``).
    case thought
    /// Text in a step's action (its kind or argument), as `thought`.
    case action
    /// Text in a step's observation, as `thought`.
    case observation
    /// Text in a step's final answer (a dialect's `Final Answer:`, a finishing call's `answer`), as
    /// `thought`.
    case answer
    /// The ``TaskGroup`` id of the run's task instance, or `none` when it states no task.
    case group
    /// A reviewer `trove assign` assigned the trajectory to.
    case assigned
    /// A reviewer whose queue holds the trajectory: assigned to them, and not accepted or rejected by
    /// them yet.
    case queue
    /// Whether a reviewer's mask decides that some agent turn is not trained on (`masked:yes`, written
    /// `masked` alone too), or none (`masked:no`).
    case masked
    /// A reviewer who accepted or rejected the trajectory (`decided!=r1`: r1 has not, whatever others did).
    case decided

    /// Whether a text value matches only as written, case included: names of tasks, ids, tags,
    /// reviewers and groups (the text fields ignore case; the others take known names or numbers).
    public var isCaseSensitive: Bool {
        switch self {
        case .task, .id, .tag, .reviewer, .group, .assigned, .queue, .decided: true
        default: false
        }
    }

    /// The comparisons a field accepts: all of them for the numeric fields,
    /// else `:`, `=` and `!=`.
    public var comparisons: [FilterComparison] {
        switch self {
        case .reward, .envReward, .steps, .turns: FilterComparison.allCases
        case .task, .id, .status, .flag, .tag, .reviewer, .has, .dialect, .outcome, .context, .thought, .action,
            .observation, .answer, .group, .assigned, .queue, .masked, .decided:
            [.colon, .equal, .notEqual]
        }
    }
}

/// A comparison operator, named by its raw value.
///
/// `:` and `=` both mean equality; a text value for `task` or `id` that holds
/// `*` or `?` is a glob pattern with either. `!=` matches exactly the
/// trajectories that `:` does not, including those whose value is unknown.
public enum FilterComparison: String, Sendable, Hashable, CaseIterable {
    /// `:`, equal (or matching a glob), the usual way to write a filter.
    case colon = ":"
    /// `=`, the same as `:`.
    case equal = "="
    /// `!=`, the negation of `:`.
    case notEqual = "!="
    /// `<`, numeric fields only.
    case less = "<"
    /// `<=`, numeric fields only.
    case lessOrEqual = "<="
    /// `>`, numeric fields only.
    case greater = ">"
    /// `>=`, numeric fields only.
    case greaterOrEqual = ">="
}

/// The value side of a predicate.
public enum FilterValue: Sendable, Hashable, CustomStringConvertible {
    /// Text; written bare (`db*`) or double-quoted with `\"` and `\\` escapes.
    case string(String)
    /// A number, written as a decimal (`0.5`, `1e-3`) or a fraction (`2/3`).
    case number(Double)
    /// No value: a reward nobody knows, or no reviewer. Written `none`.
    case unknown

    /// The canonical text: bare when that reads back the same, else quoted.
    public var description: String {
        switch self {
        case .string(let text):
            Self.isBare(text) ? text : Self.quoted(text)
        case .number(let number):
            Int(exactly: number).map(String.init) ?? "\(number)"
        case .unknown:
            "none"
        }
    }

    private static func isBare(_ text: String) -> Bool {
        !text.isEmpty && text.lowercased() != "none"
            && !text.contains { $0.isWhitespace || "()\"\\".contains($0) }
    }

    private static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            if character == "\"" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result + "\""
    }
}
