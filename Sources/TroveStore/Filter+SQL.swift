import GRDB
import TroveCore

extension Filter {
    /// The filter as an SQL boolean expression, with its values as arguments.
    ///
    /// The condition refers to the aliases `t` for `trajectory` and `l` for
    /// `label_current`, and must be used in a query of this shape:
    ///
    /// ```swift
    /// let filter = try Filter.parse("status:pending reward<1")
    /// let (condition, arguments) = filter.sqlCondition()
    /// let ids = try String.fetchAll(db, sql: """
    ///     SELECT t.external_id FROM trajectory t
    ///     LEFT JOIN label_current l ON l.trajectory_id = t.id
    ///     WHERE \(condition) ORDER BY t.id
    ///     """, arguments: arguments)
    /// ```
    ///
    /// Every value is bound as an argument, never spliced into the SQL, and
    /// `has:` text is bound as one quoted FTS5 phrase, so no input can change
    /// the query. Each predicate is true or false, never NULL: an unknown
    /// reward fails every comparison but `:none` and `!=`, so `not reward<1`
    /// keeps unknown rewards. An empty filter gives `1`.
    ///
    /// - parameter page: the condition is for a page read in row id order
    ///   with a limit (the review list's import order), past `page.rowID`
    ///   when set. `task` and `dialect` tests under `or` are then written so
    ///   SQLite cannot answer the `or` through the task index (that plan
    ///   gathers and sorts every match before the first row, while a walk in
    ///   row id order stops at the limit: a task holds a large share of all
    ///   rows), and `flag`, `tag` and `status` lists hold only the ids past
    ///   `page.rowID`, so the walk starts there instead of stepping over every
    ///   listed id before it. Counts and other orders leave it nil.
    public func sqlCondition(page: RowIDPage? = nil) -> (sql: String, arguments: StatementArguments) {
        guard let expression else { return ("1", []) }
        var compiler = FilterSQLCompiler(page: page)
        let sql = compiler.condition(expression)
        return (sql, StatementArguments(compiler.arguments))
    }
}

/// A keyset page in import order: the rows after (`ascending`) or before `rowID` (from the start or
/// the end when nil), which the query selects with `t.id > rowID` or `t.id < rowID`.
public struct RowIDPage: Sendable, Hashable {
    public var rowID: Int64?
    public var ascending: Bool

    public init(after rowID: Int64?, ascending: Bool) {
        self.rowID = rowID
        self.ascending = ascending
    }
}

/// Builds the SQL for one filter, collecting the arguments in order.
private struct FilterSQLCompiler {
    let page: RowIDPage?
    var arguments: [DatabaseValue] = []
    /// How many `or`s enclose the expression being compiled.
    private var orDepth = 0

    init(page: RowIDPage?) {
        self.page = page
    }

    mutating func condition(_ expression: FilterExpression) -> String {
        switch expression {
        case .and:
            return Self.chained(expression.chainedOperands(of: .and).map { condition($0) }, by: "AND")
        case .or:
            orDepth += 1
            defer { orDepth -= 1 }
            return Self.chained(expression.chainedOperands(of: .or).map { condition($0) }, by: "OR")
        case .not(let operand):
            return "NOT \(condition(operand))"
        case .predicate(let predicate):
            return "(\(condition(predicate)))"
        }
    }

    /// `column`, or `+column` (which SQLite does not look up through an index) under an `or` in a
    /// condition for row id order.
    private func unindexedUnderOr(_ column: String) -> String {
        page != nil && orDepth > 0 ? "+\(column)" : column
    }

    private mutating func condition(_ predicate: FilterPredicate) -> String {
        let comparison = predicate.comparison
        let value = predicate.value
        switch predicate.field {
        case .task:
            return text(unindexedUnderOr("t.task"), comparison, value, globs: true)
        case .id:
            return text("t.external_id", comparison, value, globs: true)
        case .dialect:
            return text(unindexedUnderOr("t.dialect"), comparison, value, globs: false)
        case .outcome:
            return nullable("t.outcome", comparison, value)
        case .group:
            return nullable("t.task_group", comparison, value)
        case .status:
            return status(comparison, value)
        case .reviewer:
            // `reviewer:none`: no reviewer has a label on it, so it has no decision row either.
            guard case .string = value else {
                return member(
                    "SELECT c.trajectory_id FROM label_current c", "c", comparison == .notEqual ? .colon : .notEqual)
            }
            return member("SELECT v.trajectory_id FROM reviewer_current v WHERE v.reviewer = ?", "v", comparison, value)
        case .reward:
            return nullable("COALESCE(l.reward, t.env_reward)", comparison, value)
        case .envReward:
            return nullable("t.env_reward", comparison, value)
        case .steps:
            return number("t.step_count", comparison, value)
        case .turns:
            return number("t.message_count", comparison, value)
        case .flag:
            return member("SELECT f.trajectory_id FROM trajectory_flag f WHERE f.flag = ?", "f", comparison, value)
        case .tag:
            return member("SELECT g.trajectory_id FROM label_tag g WHERE g.tag = ?", "g", comparison, value)
        case .assigned:
            return member("SELECT a.trajectory_id FROM assignment a WHERE a.reviewer = ?", "a", comparison, value)
        case .queue:
            return member(
                """
                SELECT a.trajectory_id FROM assignment a WHERE a.reviewer = ? AND NOT EXISTS (
                    SELECT 1 FROM reviewer_current v
                    WHERE v.trajectory_id = a.trajectory_id AND v.reviewer = a.reviewer AND v.status <> 'pending')
                """, "a", comparison, value)
        case .masked:
            // `masked:no` and `masked!=yes` are the trajectories outside the masked ones.
            let outside = (comparison == .notEqual) == (value == .string("yes"))
            return member(
                "SELECT m.trajectory_id FROM turn_label m WHERE m.masked = 1", "m", outside ? .notEqual : .colon)
        case .has, .context:
            guard case .string(let text) = value else { preconditionFailure("the parser gives has: only text") }
            let search = search(text, context: predicate.field == .context)
            return comparison == .notEqual ? "NOT \(search)" : search
        case .thought, .action, .observation:
            guard case .string(let text) = value else {
                preconditionFailure("the parser gives \(predicate.field) text")
            }
            // The index finds the trajectories whose own turns hold the phrase; the step's part must then
            // hold the text too (ignoring ASCII case), which tells a thought from an action in one turn.
            let search = search(text, context: false)
            let part =
                switch predicate.field {
                case .thought: "json_extract(j.value, '$[2]')"
                case .action:
                    "COALESCE(json_extract(j.value, '$[3]'), '') || ' ' || COALESCE(json_extract(j.value, '$[4]'), '')"
                default: "json_extract(j.value, '$[5]')"
                }
            arguments.append(text.databaseValue)
            let inPart = """
                (\(search) AND EXISTS (SELECT 1 FROM json_each(t.steps) j \
                WHERE instr(lower(COALESCE(\(part), '')), lower(?)) > 0))
                """
            return comparison == .notEqual ? "NOT \(inPart)" : inPart
        }
    }

    /// The trajectories whose own turns (or, with `context`, whose context turns) hold `text` as a
    /// phrase: `t.id IN (…)`.
    ///
    /// A private text is always one of its trajectory's own turns; a shared one has a `text_use` row per
    /// trajectory and says in `message_text.context` which kind of turn it is. In a page past a row id,
    /// both lists keep only the trajectories past it (`text_use` is keyed by text then trajectory, so
    /// that is a range of its key per text).
    private mutating func search(_ text: String, context: Bool) -> String {
        arguments.append(Self.phrase(text).databaseValue)
        var (privateBound, sharedBound) = ("", "")
        if let page, let rowID = page.rowID {
            let comparison = page.ascending ? ">" : "<"
            (privateBound, sharedBound) = (
                " AND x.trajectory_id \(comparison) ?", " AND u.trajectory_id \(comparison) ?"
            )
            arguments += context ? [rowID.databaseValue] : [rowID.databaseValue, rowID.databaseValue]
        }
        let hits = "WITH hit(id) AS MATERIALIZED (SELECT rowid FROM message_fts WHERE message_fts MATCH ?)"
        let shared = """
            SELECT u.trajectory_id FROM hit JOIN message_text x ON x.id = hit.id JOIN text_use u ON u.text_id = hit.id \
            WHERE x.context = \(context ? 1 : 0)\(sharedBound)
            """
        if context { return "t.id IN (\(hits) \(shared))" }
        return """
            t.id IN (\(hits) \
            SELECT x.trajectory_id FROM hit JOIN message_text x ON x.id = hit.id WHERE x.trajectory_id IS NOT NULL\
            \(privateBound) UNION ALL \(shared))
            """
    }

    /// The most terms chained flat in one parenthesized group.
    static let chainLength = 64

    /// `terms` joined by `connective` with nesting that grows with the logarithm of their number.
    ///
    /// Implementation note: SQLite parses `a OR b OR c` as a binary tree as deep as the chain is long
    /// and refuses trees deeper than 1,000, and its parser overflows at about 90 nested parentheses (a
    /// pair per term, as a left-deep filter tree gave). Runs of ``chainLength`` terms chained flat,
    /// grouped in parentheses and the groups chained the same way, keep both small: 10,000 terms are
    /// three levels of 64.
    static func chained(_ terms: [String], by connective: String) -> String {
        var level = terms
        repeat {
            level = stride(from: 0, to: level.count, by: chainLength).map { start in
                "(" + level[start..<min(start + chainLength, level.count)].joined(separator: " \(connective) ") + ")"
            }
        } while level.count > 1
        return level[0]
    }

    // MARK: - Predicate shapes

    /// A NOT NULL text column. With `globs`, a value holding `*` or `?` is a
    /// case-sensitive GLOB pattern, where `[…]` classes work too.
    private mutating func text(
        _ column: String, _ comparison: FilterComparison, _ value: FilterValue, globs: Bool
    ) -> String {
        bind(value)
        let match = globs && Self.isPattern(value) ? "\(column) GLOB ?" : "\(column) = ?"
        return comparison == .notEqual ? "NOT \(match)" : match
    }

    /// A NOT NULL numeric column.
    private mutating func number(_ column: String, _ comparison: FilterComparison, _ value: FilterValue) -> String {
        bind(value)
        return "\(column) \(Self.sqlOperator(comparison)) ?"
    }

    /// A column that may be NULL; `none` is NULL.
    private mutating func nullable(_ column: String, _ comparison: FilterComparison, _ value: FilterValue) -> String {
        // Implementation note: `IS` and `IS NOT` are `=` and `<>` that never
        // give NULL, and COALESCE turns an order comparison with NULL into
        // false, so `NOT` around any predicate keeps its two-valued meaning.
        bind(value)
        switch comparison {
        case .colon, .equal:
            return "\(column) IS ?"
        case .notEqual:
            return "\(column) IS NOT ?"
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            return "COALESCE(\(column) \(Self.sqlOperator(comparison)) ?, 0)"
        }
    }

    /// Membership in a side table: `subquery` selects `alias.trajectory_id` and has one `?` (for `value`).
    ///
    /// Implementation note: `t.id IN (…)` rather than a correlated `EXISTS`, so that SQLite reads the
    /// side table's index once and visits only the trajectories in it, in row id order: a page of a rare
    /// flag then costs its rows, not a walk over every trajectory until the page is full. In a page past
    /// a row id the list keeps only the ids past it: the query's keyset drops the others anyway, and
    /// SQLite would otherwise seek each of them before reaching the page.
    private mutating func member(
        _ subquery: String, _ alias: String, _ comparison: FilterComparison, _ value: FilterValue? = nil
    ) -> String {
        if let value { bind(value) }
        var list = subquery
        if let page, let rowID = page.rowID {
            list += " AND \(alias).trajectory_id \(page.ascending ? ">" : "<") ?"
            arguments.append(rowID.databaseValue)
        }
        return comparison == .notEqual ? "t.id NOT IN (\(list))" : "t.id IN (\(list))"
    }

    /// The decision, `pending` when a trajectory has no label. Through `label_current_by_status`:
    /// `status:accepted` visits only accepted trajectories, and `status:pending` is every trajectory
    /// but those labeled otherwise.
    private mutating func status(_ comparison: FilterComparison, _ value: FilterValue) -> String {
        guard case .string(let status) = value else {
            return text("COALESCE(l.status, 'pending')", comparison, value, globs: false)
        }
        let labeled = "SELECT c.trajectory_id FROM label_current c WHERE c.status"
        if status == LabelStatus.pending.rawValue {
            // Pending: not labeled otherwise, so `status:pending` is `NOT IN` the others.
            return member("\(labeled) <> 'pending'", "c", comparison == .notEqual ? .colon : .notEqual)
        }
        return member("\(labeled) = ?", "c", comparison, value)
    }

    // MARK: - Values

    private mutating func bind(_ value: FilterValue) {
        switch value {
        case .string(let text):
            arguments.append(text.databaseValue)
        case .number(let number):
            arguments.append(number.databaseValue)
        case .unknown:
            arguments.append(.null)
        }
    }

    /// The value as one FTS5 string, which the query syntax reads as a phrase:
    /// inside double quotes only a doubled quote is special.
    private static func phrase(_ text: String) -> String {
        var phrase = "\""
        for character in text {
            if character == "\"" { phrase.append("\"") }
            phrase.append(character)
        }
        return phrase + "\""
    }

    private static func isPattern(_ value: FilterValue) -> Bool {
        guard case .string(let text) = value else { return false }
        return text.contains { $0 == "*" || $0 == "?" }
    }

    private static func sqlOperator(_ comparison: FilterComparison) -> String {
        switch comparison {
        case .colon, .equal: "="
        case .notEqual: "<>"
        case .less: "<"
        case .lessOrEqual: "<="
        case .greater: ">"
        case .greaterOrEqual: ">="
        }
    }
}
