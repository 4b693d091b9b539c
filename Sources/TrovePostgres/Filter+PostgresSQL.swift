import TroveCore

extension Filter {
    /// The filter as a PostgreSQL boolean expression, with its values as parameters: the same
    /// trajectories as the SQLite store's condition selects, for every predicate of docs/filter.md.
    ///
    /// The condition refers to the aliases `t` for `trajectory` and `l` for `label_current`, and must be
    /// used in a query of this shape (in the store's schema, on its search path):
    ///
    /// ```swift
    /// let filter = try Filter.parse("status:pending reward<1")
    /// let (condition, parameters) = filter.postgresCondition()
    /// let result = try store.connection.execute("""
    ///     SELECT t.external_id FROM trajectory t
    ///     LEFT JOIN label_current l ON l.trajectory_id = t.id
    ///     WHERE \(condition) ORDER BY t.id
    ///     """, parameters)
    /// ```
    ///
    /// Every value is a parameter (`$firstParameter`, then up), never spliced into the SQL, so no input
    /// can change the query. Each predicate is true or false, never NULL, so `not reward<1` keeps
    /// unknown rewards as on SQLite. `task` and `id` globs become anchored regular expressions with
    /// GLOB's meaning (`*`, `?`, `[…]`, case-sensitive); `has:` and `context:` go through the GIN index
    /// `message_text_words` over the stored words as a phrase of the `simple` configuration's words; the step fields then look
    /// for the text in that part of a parsed step, as on SQLite. An empty filter gives `true`.
    ///
    /// - parameter firstParameter: the number of the first placeholder, for a query that binds
    ///   parameters of its own before the condition's.
    public func postgresCondition(firstParameter: Int = 1) -> (sql: String, parameters: [PostgresValue]) {
        guard let expression else { return ("true", []) }
        var compiler = FilterPostgresCompiler(firstParameter: firstParameter)
        let sql = compiler.condition(expression)
        return (sql, compiler.parameters)
    }
}

/// Builds the PostgreSQL condition for one filter, collecting the parameters in order.
private struct FilterPostgresCompiler {
    let firstParameter: Int
    var parameters: [PostgresValue] = []

    init(firstParameter: Int) {
        self.firstParameter = firstParameter
    }

    mutating func condition(_ expression: FilterExpression) -> String {
        switch expression {
        case .and:
            return "(" + expression.chainedOperands(of: .and).map { condition($0) }.joined(separator: " AND ") + ")"
        case .or:
            return "(" + expression.chainedOperands(of: .or).map { condition($0) }.joined(separator: " OR ") + ")"
        case .not(let operand):
            return "NOT \(condition(operand))"
        case .predicate(let predicate):
            return "(\(condition(predicate)))"
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
                    "SELECT c.trajectory_id FROM label_current c", comparison == .notEqual ? .colon : .notEqual)
            }
            return member(
                "SELECT v.trajectory_id FROM reviewer_current v WHERE v.reviewer = \(bind(value))", comparison)
        case .reward:
            return nullable("COALESCE(l.reward, t.env_reward)", comparison, value)
        case .envReward:
            return nullable("t.env_reward", comparison, value)
        case .steps:
            return number("t.step_count", comparison, value)
        case .turns:
            return number("t.message_count", comparison, value)
        case .flag:
            return member("SELECT f.trajectory_id FROM trajectory_flag f WHERE f.flag = \(bind(value))", comparison)
        case .tag:
            return member("SELECT g.trajectory_id FROM label_tag g WHERE g.tag = \(bind(value))", comparison)
        case .assigned:
            return member("SELECT a.trajectory_id FROM assignment a WHERE a.reviewer = \(bind(value))", comparison)
        case .queue:
            return member(
                """
                SELECT a.trajectory_id FROM assignment a WHERE a.reviewer = \(bind(value)) AND NOT EXISTS (
                    SELECT 1 FROM reviewer_current v
                    WHERE v.trajectory_id = a.trajectory_id AND v.reviewer = a.reviewer AND v.status <> 'pending')
                """, comparison)
        case .masked:
            // `masked:no` and `masked!=yes` are the trajectories outside the masked ones.
            let outside = (comparison == .notEqual) == (value == .string("yes"))
            return member("SELECT m.trajectory_id FROM turn_label m WHERE m.masked = 1", outside ? .notEqual : .colon)
        case .has, .context:
            guard case .string(let text) = value else { preconditionFailure("the parser gives has: only text") }
            let search = search(text, context: predicate.field == .context)
            return comparison == .notEqual ? "NOT \(search)" : search
        case .thought, .action, .observation:
            guard case .string(let text) = value else {
                preconditionFailure("the parser gives \(predicate.field) text")
            }
            // The index finds the trajectories whose own turns hold the phrase; the step's part must then
            // hold the text too, which tells a thought from an action in one turn.
            let search = search(text, context: false)
            let part =
                switch predicate.field {
                case .thought: "j.value ->> 2"
                case .action: "COALESCE(j.value ->> 3, '') || ' ' || COALESCE(j.value ->> 4, '')"
                default: "j.value ->> 5"
                }
            let inPart = """
                (\(search) AND EXISTS (SELECT 1 FROM json_array_elements(t.steps::json) j(value) \
                WHERE strpos(lower(COALESCE(\(part), '')), lower(\(bind(value)))) > 0))
                """
            return comparison == .notEqual ? "NOT \(inPart)" : inPart
        }
    }

    /// The trajectories whose own turns (or, with `context`, whose context turns) hold `text` as a
    /// phrase: `t.id IN (…)`. A private text is always one of its trajectory's own turns; a shared one
    /// has a `text_use` row per trajectory and says in `message_text.context` which kind of turn it is.
    private mutating func search(_ text: String, context: Bool) -> String {
        let hits = """
            WITH hit(id) AS MATERIALIZED (SELECT x.id FROM message_text x \
            WHERE x.words @@ phraseto_tsquery('simple', \(bind(.string(text)))))
            """
        let shared = """
            SELECT u.trajectory_id FROM hit JOIN message_text x ON x.id = hit.id JOIN text_use u ON u.text_id = hit.id \
            WHERE x.context = \(context ? 1 : 0)
            """
        if context { return "t.id IN (\(hits) \(shared))" }
        return """
            t.id IN (\(hits) \
            SELECT x.trajectory_id FROM hit JOIN message_text x ON x.id = hit.id WHERE x.trajectory_id IS NOT NULL \
            UNION ALL \(shared))
            """
    }

    // MARK: - Predicate shapes

    /// A NOT NULL text column. With `globs`, a value holding `*` or `?` is a case-sensitive GLOB
    /// pattern, where `[…]` classes work too.
    private mutating func text(
        _ column: String, _ comparison: FilterComparison, _ value: FilterValue, globs: Bool
    ) -> String {
        let match: String
        if globs, case .string(let pattern) = value, pattern.contains(where: { $0 == "*" || $0 == "?" }) {
            // A pattern SQLite's GLOB cannot read (an unclosed `[`) matches nothing there.
            guard let expression = GlobPattern.regularExpression(pattern) else {
                return comparison == .notEqual ? "true" : "false"
            }
            match = "\(column) ~ \(bind(.string(expression)))"
        } else {
            match = "\(column) = \(bind(value))"
        }
        return comparison == .notEqual ? "NOT \(match)" : match
    }

    /// A NOT NULL numeric column.
    private mutating func number(_ column: String, _ comparison: FilterComparison, _ value: FilterValue) -> String {
        "\(column) \(Self.sqlOperator(comparison)) \(bind(value))"
    }

    /// A column that may be NULL; `none` is NULL.
    private mutating func nullable(_ column: String, _ comparison: FilterComparison, _ value: FilterValue) -> String {
        // Implementation note: `IS [NOT] DISTINCT FROM` are `=` and `<>` that never give NULL, and
        // COALESCE turns an order comparison with NULL into false, so `NOT` around any predicate keeps
        // its two-valued meaning.
        let placeholder = bind(value)
        switch comparison {
        case .colon, .equal:
            return "\(column) IS NOT DISTINCT FROM \(placeholder)"
        case .notEqual:
            return "\(column) IS DISTINCT FROM \(placeholder)"
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            return "COALESCE(\(column) \(Self.sqlOperator(comparison)) \(placeholder), false)"
        }
    }

    /// Membership in a side table: `subquery` selects the trajectory ids.
    private func member(_ subquery: String, _ comparison: FilterComparison) -> String {
        comparison == .notEqual ? "t.id NOT IN (\(subquery))" : "t.id IN (\(subquery))"
    }

    /// The decision, `pending` when a trajectory has no label: `status:pending` is every trajectory but
    /// those labeled otherwise.
    private mutating func status(_ comparison: FilterComparison, _ value: FilterValue) -> String {
        guard case .string(let status) = value else {
            return text("COALESCE(l.status, 'pending')", comparison, value, globs: false)
        }
        let labeled = "SELECT c.trajectory_id FROM label_current c WHERE c.status"
        if status == LabelStatus.pending.rawValue {
            return member("\(labeled) <> 'pending'", comparison == .notEqual ? .colon : .notEqual)
        }
        return member("\(labeled) = \(bind(value))", comparison)
    }

    // MARK: - Values

    /// Appends `value` to the parameters and returns its placeholder, typed so the server never has to
    /// guess (a number compared with an integer column is a `float8`, as SQLite compares it).
    private mutating func bind(_ value: FilterValue) -> String {
        let number = firstParameter + parameters.count
        switch value {
        case .string(let text):
            parameters.append(.text(text))
            return "$\(number)::text"
        case .number(let real):
            parameters.append(.real(real))
            return "$\(number)::float8"
        case .unknown:
            parameters.append(.null)
            return "$\(number)"
        }
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
