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
    public func sqlCondition() -> (sql: String, arguments: StatementArguments) {
        guard let expression else { return ("1", []) }
        var compiler = FilterSQLCompiler()
        let sql = compiler.condition(expression)
        return (sql, StatementArguments(compiler.arguments))
    }
}

/// Builds the SQL for one filter, collecting the arguments in order.
private struct FilterSQLCompiler {
    var arguments: [DatabaseValue] = []

    mutating func condition(_ expression: FilterExpression) -> String {
        switch expression {
        case .and(let left, let right):
            "(\(condition(left)) AND \(condition(right)))"
        case .or(let left, let right):
            "(\(condition(left)) OR \(condition(right)))"
        case .not(let operand):
            "NOT \(condition(operand))"
        case .predicate(let predicate):
            "(\(condition(predicate)))"
        }
    }

    private mutating func condition(_ predicate: FilterPredicate) -> String {
        let comparison = predicate.comparison
        let value = predicate.value
        switch predicate.field {
        case .task:
            return text("t.task", comparison, value, globs: true)
        case .id:
            return text("t.external_id", comparison, value, globs: true)
        case .dialect:
            return text("t.dialect", comparison, value, globs: false)
        case .status:
            return text("COALESCE(l.status, 'pending')", comparison, value, globs: false)
        case .reviewer:
            return nullable("l.reviewer", comparison, value)
        case .reward:
            return nullable("COALESCE(l.reward, t.env_reward)", comparison, value)
        case .envReward:
            return nullable("t.env_reward", comparison, value)
        case .steps:
            return number("t.step_count", comparison, value)
        case .turns:
            return number("t.message_count", comparison, value)
        case .flag:
            return exists(
                "SELECT 1 FROM trajectory_flag f WHERE f.trajectory_id = t.id AND f.flag = ?", comparison, value)
        case .tag:
            return exists("SELECT 1 FROM label_tag g WHERE g.trajectory_id = t.id AND g.tag = ?", comparison, value)
        case .has:
            guard case .string(let text) = value else { preconditionFailure("the parser gives has: only text") }
            // A private text names its trajectory; a shared one has a `text_use` row per trajectory.
            arguments.append(Self.phrase(text).databaseValue)
            let search = """
                t.id IN (WITH hit(id) AS MATERIALIZED (SELECT rowid FROM message_fts WHERE message_fts MATCH ?) \
                SELECT x.trajectory_id FROM hit JOIN message_text x ON x.id = hit.id WHERE x.trajectory_id IS NOT NULL \
                UNION ALL SELECT u.trajectory_id FROM hit JOIN text_use u ON u.text_id = hit.id)
                """
            return comparison == .notEqual ? "NOT \(search)" : search
        }
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

    /// Membership in a side table, through a subquery with one `?`.
    private mutating func exists(_ subquery: String, _ comparison: FilterComparison, _ value: FilterValue) -> String {
        bind(value)
        return comparison == .notEqual ? "NOT EXISTS (\(subquery))" : "EXISTS (\(subquery))"
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
