/// Builds one filter's SQL condition in a dialect, collecting its values in the order its placeholders
/// take them.
///
/// Both backends run the same predicate shapes; the dialect decides only the SQL that differs:
/// placeholders (`?`, or `$n` typed so PostgreSQL never has to guess), the search index (FTS5 `MATCH`
/// on SQLite, the `tsvector` column's `@@` on PostgreSQL), globs (`GLOB`, or an anchored regular
/// expression with its meaning), `IS` against `IS NOT DISTINCT FROM`, JSON functions and boolean
/// literals.
struct FilterSQLCompiler {
    let dialect: SQLDialect
    let page: RowIDPage?
    /// The number of PostgreSQL's first placeholder.
    let firstParameter: Int
    /// The blind reviewer the filter reads trajectories for (``Filter/read(by:)``), and the matches its
    /// text terms then leave out.
    let blindReviewer: String?
    let hidden: HiddenMatches
    private(set) var values: [StoreValue] = []
    /// How many `or`s enclose the expression being compiled.
    private var orDepth = 0

    init(
        dialect: SQLDialect, page: RowIDPage?, firstParameter: Int, blindReviewer: String? = nil,
        hidden: HiddenMatches = .init()
    ) {
        self.dialect = dialect
        self.page = page
        self.firstParameter = firstParameter
        self.blindReviewer = blindReviewer
        self.hidden = hidden
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

    /// `column`, or on SQLite `+column` (which it does not look up through an index) under an `or` in
    /// a condition for row id order.
    private func unindexedUnderOr(_ column: String) -> String {
        dialect == .sqlite && page != nil && orDepth > 0 ? "+\(column)" : column
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
            return member(
                "SELECT v.trajectory_id FROM reviewer_current v WHERE v.reviewer = \(bind(value))", "v", comparison)
        case .reward:
            return nullable("COALESCE(l.reward, t.env_reward)", comparison, value)
        case .envReward:
            return nullable("t.env_reward", comparison, value)
        case .steps:
            return number("t.step_count", comparison, value)
        case .turns:
            return number("t.message_count", comparison, value)
        case .flag:
            return member(
                "SELECT f.trajectory_id FROM trajectory_flag f WHERE f.flag = \(bind(value))", "f", comparison)
        case .tag:
            return member("SELECT g.trajectory_id FROM label_tag g WHERE g.tag = \(bind(value))", "g", comparison)
        case .assigned:
            return member(
                "SELECT a.trajectory_id FROM assignment a WHERE a.reviewer = \(bind(value))", "a", comparison)
        case .queue:
            return member(
                """
                SELECT a.trajectory_id FROM assignment a WHERE a.reviewer = \(bind(value)) AND NOT EXISTS (
                    SELECT 1 FROM reviewer_current v
                    WHERE v.trajectory_id = a.trajectory_id AND v.reviewer = a.reviewer AND v.status <> 'pending')
                """, "a", comparison)
        case .decided:
            return member(
                """
                SELECT v.trajectory_id FROM reviewer_current v
                WHERE v.reviewer = \(bind(value)) AND v.status <> 'pending'
                """, "v", comparison)
        case .masked:
            // `masked:no` and `masked!=yes` are the trajectories outside the masked ones.
            let outside = (comparison == .notEqual) == (value == .string("yes"))
            guard let reviewer = blindReviewer else {
                return member(
                    "SELECT m.trajectory_id FROM turn_label m WHERE m.masked = 1", "m", outside ? .notEqual : .colon)
            }
            return member(masks(readBy: reviewer), "m", outside ? .notEqual : .colon)
        case .has, .context:
            guard case .string(let text) = value else { preconditionFailure("the parser gives has: only text") }
            var search = search(text, context: predicate.field == .context)
            if predicate.field == .has { search = "(\(search) OR \(decodedTerminusReplies(holding: text)))" }
            return comparison == .notEqual ? "NOT \(search)" : search
        case .thought, .action, .observation, .answer:
            guard case .string(let text) = value else {
                preconditionFailure("the parser gives \(predicate.field) text")
            }
            // The index finds the trajectories whose own turns hold the phrase; the step's part must then
            // hold the text too (ignoring ASCII case, ``PlainTextMatch``), which tells a thought from an
            // action in one turn. A value in an unspaced script finds them by reading the texts instead
            // (``search(_:context:hidingStatedValues:)``): a step's part is cut from its turn's text. A
            // value of punctuation only (`observation:"[]"`) has no word the index holds: the steps' texts
            // alone decide, read without the index. A part some dialect writes out rather than cuts from
            // its turn's text (a tool call's name and arguments, a finishing call's answer, Terminus's
            // decoded reply) is not in the index: those dialects' trajectories are read without it. The
            // index as imported serves a blind filter too: a step's observation with its stated reward
            // redacted holds no word its text as imported lacks.
            let writtenOut: [Dialect] =
                switch predicate.field {
                case .thought: [.terminus]
                case .action: [.toolCalls, .terminus]
                case .answer: [.toolCalls]
                default: []
                }
            var candidates =
                SearchableText.hasWord(text) ? [search(text, context: false, hidingStatedValues: false)] : []
            if !candidates.isEmpty, !writtenOut.isEmpty {
                candidates.append("t.dialect IN (\(writtenOut.map { "'\($0.rawValue)'" }.joined(separator: ", ")))")
            }
            let search = candidates.isEmpty ? "" : "(\(candidates.joined(separator: " OR "))) AND "
            let part =
                switch predicate.field {
                case .thought: "s.thought"
                case .action: "COALESCE(s.action_kind, '') || ' ' || COALESCE(s.action_argument, '')"
                case .answer: "s.final_answer"
                default: "s.observation"
                }
            // The `step` view, which reads a text stored as a span out of its message.
            let holds = plainTextCondition(text, on: "COALESCE(\(part), '')")
            let inPart = """
                (\(search)EXISTS (SELECT 1 FROM step s WHERE s.trajectory_id = t.id \
                AND \(holds)\(hiddenSteps(text, predicate.field))))
                """
            return comparison == .notEqual ? "NOT \(inPart)" : inPart
        }
    }

    /// The trajectories whose own turns (or, with `context`, whose context turns) hold `text` as a
    /// phrase: `t.id IN (…)`. A `text` with a letter of a script written without spaces
    /// (``SearchableText/hasUnspacedLetter(_:)``), which the index holds only inside a run of such
    /// letters taken as one word, is found by reading every text instead, as plain text ignoring ASCII
    /// case (``PlainTextMatch``), the same on both backends.
    ///
    /// A private text is always one of its trajectory's own turns; a shared one has a `text_use` row per
    /// trajectory and says in `message_text.context` which kind of turn it is. In a page past a row id,
    /// both lists keep only the trajectories past it (`text_use` is keyed by text then trajectory, so
    /// that is a range of its key per text).
    ///
    /// For a blind filter, unless `hidingStatedValues` is false, the texts that hold the phrase only in a
    /// stated reward's value are left out (``HiddenMatches``).
    private mutating func search(_ text: String, context: Bool, hidingStatedValues: Bool = true) -> String {
        // SQLite's FTS5 reads a quoted string as a phrase; PostgreSQL's phraseto_tsquery makes one of
        // the store's configuration's words (``PostgresSearchConfiguration``).
        let hits =
            switch dialect {
            case _ where SearchableText.hasUnspacedLetter(text):
                "SELECT \(hitColumns) FROM message_text x WHERE \(plainTextCondition(text, on: "x.text"))"
            case .sqlite:
                "SELECT rowid FROM message_fts WHERE message_fts MATCH \(bind(.text(Self.phrase(text))))"
            case .postgres:
                "SELECT \(hitColumns) FROM message_text x WHERE x.words @@ \(PostgresSearchConfiguration.phrase(bind(.text(text))))"
            }
        let shown = hidingStatedValues ? hits + hiddenTexts(text) : hits
        var lists: [String] = []
        if !context { lists.append(ownTrajectories(of: "hit", paged: true)) }
        let shared =
            switch dialect {
            case .sqlite:
                "SELECT u.trajectory_id FROM hit JOIN message_text x ON x.id = hit.id JOIN text_use u ON u.text_id = hit.id "
                    + "WHERE x.context = \(context ? 1 : 0)"
            case .postgres:
                "SELECT u.trajectory_id FROM hit JOIN text_use u ON u.text_id = hit.id WHERE hit.context = \(context ? 1 : 0)"
            }
        lists.append(shared + pastPage("u"))
        return "t.id IN (WITH \(textList("hit")) AS MATERIALIZED (\(shown)) \(lists.joined(separator: " UNION ALL ")))"
    }

    /// A `WITH` list of texts found, named `name`: each text's id alone on SQLite (the full-text index's
    /// rowid); on PostgreSQL also the text's own trajectory and whether it is context, read from the row
    /// the index found (``hitColumns``). Joining the list back to `message_text` for those two, as SQLite
    /// does, made the planner hash all of `message_text` (and all of `text_use` joined to it) for every
    /// search: the list of `has:directory` on 100,000 synthetic trajectories took 1.9 s a statement so,
    /// 0.3 s without (docs/performance.md).
    private func textList(_ name: String) -> String {
        switch dialect {
        case .sqlite: "\(name)(id)"
        case .postgres: "\(name)(id, trajectory_id, context)"
        }
    }

    /// The trajectories whose own (private) texts are in the list `name` (``textList(_:)``), past the page
    /// when `paged`.
    private mutating func ownTrajectories(of name: String, paged: Bool) -> String {
        switch dialect {
        case .sqlite:
            "SELECT x.trajectory_id FROM \(name) JOIN message_text x ON x.id = \(name).id WHERE x.trajectory_id IS NOT NULL"
                + (paged ? pastPage("x") : "")
        case .postgres:
            "SELECT \(name).trajectory_id FROM \(name) WHERE \(name).trajectory_id IS NOT NULL"
                + (paged ? pastPage(name) : "")
        }
    }

    /// The columns of ``textList(_:)`` from the text `x`.
    private var hitColumns: String {
        switch dialect {
        case .sqlite: "x.id"
        case .postgres: "x.id, x.trajectory_id, x.context"
        }
    }

    /// The Terminus runs whose JSON replies hold `text` as a phrase in their decoded words: a step's thought
    /// (the analysis and the plan) or its keystrokes, as the search index would find it there.
    ///
    /// A Terminus reply is JSON the agent wrote, and the index holds its text as written: a word right
    /// after an escape runs into the escape's letter (`\nPlan` is the word `nPlan`; `caf\u00e9` is `caf` and
    /// `u00e9`, never `café`), so the index misses it. The steps hold those parts decoded (written out in
    /// `trajectory.steps`); SQLite's `trove_phrase` reads them with the index's own tokenizer, PostgreSQL's
    /// the words its index holds (``PostgresSearchConfiguration/words(of:)``). Only the runs with a text holding every
    /// member name a JSON reply must have (``TerminusResponse/requiredMembers``: `analysis`, `plan`,
    /// `commands`) are read so, found through the index (a value in an unspaced script is plain text
    /// there too, as in ``search(_:context:hidingStatedValues:)``): a scan of every run's dialect would cost a
    /// search at a million trajectories more than the search itself. XML replies need none of this: harbor
    /// decodes nothing in them, and the index holds their words as the terminal gets them.
    private mutating func decodedTerminusReplies(holding text: String) -> String {
        let replies =
            switch dialect {
            case .sqlite:
                "SELECT rowid FROM message_fts WHERE message_fts MATCH "
                    + bind(.text(TerminusResponse.requiredMembers.map(Self.phrase).joined(separator: " AND ")))
            case .postgres:
                "SELECT \(hitColumns) FROM message_text x WHERE x.words @@ to_tsquery(\(PostgresSearchConfiguration.literal), "
                    + "\(bind(.text(TerminusResponse.requiredMembers.joined(separator: " & ")))))"
            }
        let parts = ["s.thought", "s.action_argument"].map { part in
            switch dialect {
            case _ where SearchableText.hasUnspacedLetter(text): plainTextCondition(text, on: "COALESCE(\(part), '')")
            case .sqlite: "trove_phrase(\(part), \(bind(.text(text)))) = 1"
            case .postgres:
                PostgresSearchConfiguration.words(of: "COALESCE(\(part), '')") + " @@ "
                    + PostgresSearchConfiguration.phrase(bind(.text(text)))
            }
        }
        let terminus = Dialect.terminus.rawValue
        return """
            (t.id IN (WITH \(textList("reply")) AS MATERIALIZED (\(replies)) \(ownTrajectories(of: "reply", paged: false)) \
            UNION ALL SELECT u.trajectory_id FROM reply JOIN text_use u ON u.text_id = reply.id) \
            AND t.dialect = '\(terminus)' AND EXISTS (SELECT 1 FROM step s WHERE s.trajectory_id = t.id \
            AND s.parsed_by = '\(terminus)' AND (\(parts.joined(separator: " OR ")))))
            """
    }

    // MARK: - Blind review

    /// The trajectories with a turn masked as `reviewer` reads them in blind review: the team's decisions
    /// on those they accepted or rejected, their own masks on the others.
    private mutating func masks(readBy reviewer: String) -> String {
        """
        SELECT m.trajectory_id FROM (
            SELECT l.trajectory_id FROM turn_label l WHERE l.masked = 1 AND EXISTS (\(decided("l", by: reviewer)))
            UNION
            SELECT c.trajectory_id FROM turn_current c WHERE c.reviewer = \(bind(.text(reviewer))) AND c.train = 0
                AND NOT EXISTS (\(decided("c", by: reviewer)))
        ) m WHERE \(literal(true))
        """
    }

    /// Whether `reviewer` accepted or rejected the trajectory of `alias.trajectory_id`.
    private mutating func decided(_ alias: String, by reviewer: String) -> String {
        """
        SELECT 1 FROM reviewer_current v WHERE v.trajectory_id = \(alias).trajectory_id \
        AND v.reviewer = \(bind(.text(reviewer))) AND v.status <> 'pending'
        """
    }

    /// For a blind filter, the condition on a search hit (`rowid` on SQLite, `x.id` on PostgreSQL) that
    /// leaves out the texts holding `phrase` only in a stated reward's value; else nothing.
    private mutating func hiddenTexts(_ phrase: String) -> String {
        guard blindReviewer != nil else { return "" }
        guard let ids = hidden.texts[phrase] else {
            preconditionFailure("a blind filter's text terms are looked up before it is compiled")
        }
        guard !ids.isEmpty else { return "" }
        let list = ids.map(String.init).joined(separator: ",")
        return switch dialect {
        case .sqlite: " AND rowid NOT IN (SELECT value FROM json_each(\(bind(.text("[\(list)]")))))"
        case .postgres: " AND x.id <> ALL(\(bind(.text("{\(list)}")))::int8[])"
        }
    }

    /// For a blind filter's `observation:` term, the condition on step `s` that leaves out the steps
    /// whose observation holds `text` only in a stated reward's value; else nothing.
    private mutating func hiddenSteps(_ text: String, _ field: FilterField) -> String {
        guard blindReviewer != nil, field == .observation else { return "" }
        guard let steps = hidden.steps[text] else {
            preconditionFailure("a blind filter's text terms are looked up before it is compiled")
        }
        guard !steps.isEmpty else { return "" }
        let quoted = steps.map { "\"\($0)\"" }.joined(separator: ",")
        return switch dialect {
        case .sqlite:
            " AND (s.trajectory_id || ':' || s.idx) NOT IN (SELECT value FROM json_each(\(bind(.text("[\(quoted)]")))))"
        case .postgres: " AND (s.trajectory_id || ':' || s.idx) <> ALL(\(bind(.text("{\(quoted)}")))::text[])"
        }
    }

    /// The texts holding `phrase` as `has:` finds it (whether context or not) that a turn other than the
    /// agent's uses and that name a reward's key (``ObservationReward``, any case): the candidates of
    /// ``HiddenMatches``, as rows of their id as text (`key`) and `text`.
    mutating func textsStatingRewards(holding phrase: String) -> String {
        let hit =
            switch dialect {
            case _ where SearchableText.hasUnspacedLetter(phrase): plainTextCondition(phrase, on: "x.text")
            case .sqlite:
                "x.id IN (SELECT rowid FROM message_fts WHERE message_fts MATCH \(bind(.text(Self.phrase(phrase)))))"
            case .postgres: "x.words @@ \(PostgresSearchConfiguration.phrase(bind(.text(phrase))))"
            }
        let id =
            switch dialect {
            case .sqlite: "CAST(x.id AS TEXT)"
            case .postgres: "x.id::text"
            }
        return """
            SELECT \(id) AS key, x.text AS text FROM message_text x WHERE \(hit) AND \(namesARewardKey("x.text"))
            AND (EXISTS (SELECT 1 FROM message_row r
                         WHERE r.trajectory_id = x.trajectory_id AND r.text_id = x.id AND r.role <> 'agent')
                 OR EXISTS (SELECT 1 FROM text_use u
                            JOIN message_row r ON r.trajectory_id = u.trajectory_id AND r.text_id = u.text_id
                            WHERE u.text_id = x.id AND r.role <> 'agent'))
            ORDER BY x.id
            """
    }

    /// The steps whose observation holds `text` as `observation:` finds it and names a reward's key: the
    /// candidates of ``HiddenMatches``, as rows of their `trajectory_id:idx` (`key`) and observation (`text`).
    mutating func observationsStatingRewards(holding text: String) -> String {
        let search = SearchableText.hasWord(text) ? search(text, context: false) + " AND " : ""
        return """
            SELECT s.trajectory_id || ':' || s.idx AS key, s.observation AS text
            FROM trajectory t JOIN step s ON s.trajectory_id = t.id
            WHERE \(search)\(plainTextCondition(text, on: "COALESCE(s.observation, '')"))
            AND \(namesARewardKey("s.observation"))
            ORDER BY s.trajectory_id, s.idx
            """
    }

    /// Whether `column` holds one of ``ObservationReward``'s keys, in any ASCII case: every text that
    /// states a reward does.
    private func namesARewardKey(_ column: String) -> String {
        let lowered = PlainTextMatch.asciiLowercased(column, in: dialect)
        let position =
            switch dialect {
            case .sqlite: "instr"
            case .postgres: "strpos"
            }
        let tests = ObservationReward.keys.map { "\(position)(\(lowered), '\($0)') > 0" }
        return "(" + tests.joined(separator: " OR ") + ")"
    }

    /// The condition that the text expression `column` holds `text` ignoring ASCII case, as the step
    /// fields compare (``PlainTextMatch``), with the value bound.
    private mutating func plainTextCondition(_ text: String, on column: String) -> String {
        let match = PlainTextMatch(text)
        return match.condition(on: column, value: bind(.text(match.value(in: dialect))), in: dialect)
    }

    /// The most terms chained flat in one parenthesized group.
    static let chainLength = 64

    /// `terms` joined by `connective` with nesting that grows with the logarithm of their number.
    ///
    /// Implementation note: SQLite parses `a OR b OR c` as a binary tree as deep as the chain is long
    /// and refuses trees deeper than 1,000, and its parser overflows at about 90 nested parentheses (a
    /// pair per term, as a left-deep filter tree gave). Runs of ``chainLength`` terms chained flat,
    /// grouped in parentheses and the groups chained the same way, keep both small: 10,000 terms are
    /// three levels of 64. PostgreSQL reads the same groups.
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

    /// A NOT NULL text column. With `globs`, a value holding `*` or `?` is a case-sensitive GLOB
    /// pattern, where `[…]` classes work too.
    private mutating func text(
        _ column: String, _ comparison: FilterComparison, _ value: FilterValue, globs: Bool
    ) -> String {
        let match: String
        if globs, case .string(let pattern) = value, pattern.contains(where: { $0 == "*" || $0 == "?" }) {
            switch dialect {
            case .sqlite:
                match = "\(column) GLOB \(bind(value))"
            case .postgres:
                // A pattern SQLite's GLOB cannot read (an unclosed `[`) matches nothing there.
                guard let expression = GlobPattern.regularExpression(pattern) else {
                    return literal(comparison == .notEqual)
                }
                match = "\(column) ~ \(bind(.text(expression)))"
            }
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
        // Implementation note: SQLite's `IS` and `IS NOT` and PostgreSQL's `IS [NOT] DISTINCT FROM` are
        // `=` and `<>` that never give NULL, and COALESCE turns an order comparison with NULL into
        // false, so `NOT` around any predicate keeps its two-valued meaning.
        let (equal, notEqual) =
            switch dialect {
            case .sqlite: ("IS", "IS NOT")
            case .postgres: ("IS NOT DISTINCT FROM", "IS DISTINCT FROM")
            }
        let placeholder = bind(value)
        switch comparison {
        case .colon, .equal:
            return "\(column) \(equal) \(placeholder)"
        case .notEqual:
            return "\(column) \(notEqual) \(placeholder)"
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            return "COALESCE(\(column) \(Self.sqlOperator(comparison)) \(placeholder), \(literal(false)))"
        }
    }

    /// Membership in a side table: `subquery` selects `alias.trajectory_id`.
    ///
    /// Implementation note: `t.id IN (…)` rather than a correlated `EXISTS`, so that SQLite reads the
    /// side table's index once and visits only the trajectories in it, in row id order: a page of a rare
    /// flag then costs its rows, not a walk over every trajectory until the page is full. In a page past
    /// a row id the list keeps only the ids past it: the query's keyset drops the others anyway, and
    /// SQLite would otherwise seek each of them before reaching the page.
    private mutating func member(_ subquery: String, _ alias: String, _ comparison: FilterComparison) -> String {
        let list = subquery + pastPage(alias)
        return comparison == .notEqual ? "t.id NOT IN (\(list))" : "t.id IN (\(list))"
    }

    /// In a page past a row id, the condition that keeps `alias.trajectory_id` past it; else nothing.
    private mutating func pastPage(_ alias: String) -> String {
        guard let page, let rowID = page.rowID else { return "" }
        return " AND \(alias).trajectory_id \(page.ascending ? ">" : "<") \(bind(.integer(rowID)))"
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
        return member("\(labeled) = \(bind(value))", "c", comparison)
    }

    // MARK: - Values

    /// `value` as the condition's next value, and its placeholder.
    private mutating func bind(_ value: FilterValue) -> String {
        switch value {
        case .string(let text): bind(.text(text))
        case .number(let number): bind(.real(number))
        case .unknown: bind(.null)
        }
    }

    /// `value` as the condition's next value, and its placeholder: on PostgreSQL typed so the server
    /// never has to guess (a number compared with an integer column is a `float8`, as SQLite compares
    /// it).
    private mutating func bind(_ value: StoreValue) -> String {
        values.append(value)
        guard dialect == .postgres else { return "?" }
        let placeholder = "$\(firstParameter + values.count - 1)"
        return switch value {
        case .text: "\(placeholder)::text"
        case .real: "\(placeholder)::float8"
        case .integer: "\(placeholder)::int8"
        case .null, .bytes: placeholder
        }
    }

    /// A condition that is always `value`.
    func literal(_ value: Bool) -> String {
        switch dialect {
        case .sqlite: value ? "1" : "0"
        case .postgres: value ? "true" : "false"
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
