/// The consistency queries `trove check` runs on both store backends, written once: each selects one
/// text column, a problem per row, naming the trajectory (empty when the store is consistent).
///
/// The dialects differ only where their SQL does: how a text is quoted into a message, and how a JSON
/// array is read (``TeamPolicySQL``). `IS DISTINCT FROM` compares NULLs on both (SQLite since 3.39).
public struct StoreCheckSQL: Sendable {
    public let dialect: SQLDialect

    public init(_ dialect: SQLDialect) {
        self.dialect = dialect
    }

    private var policy: TeamPolicySQL { TeamPolicySQL(dialect) }

    private func quoted(_ text: String) -> String {
        switch dialect {
        case .sqlite: "quote(\(text))"
        case .postgres: "quote_literal(\(text))"
        }
    }

    /// Import runs that never finished and that no later run of the same files finished, oldest first:
    /// their id, start and files (``UnfinishedImport``).
    public var unfinishedImports: String {
        """
        SELECT r.id, r.started_at, r.files FROM import_run r
        WHERE r.finished_at IS NULL
          AND NOT EXISTS (
              SELECT 1 FROM import_run l WHERE l.id > r.id AND l.finished_at IS NOT NULL AND l.files = r.files)
        ORDER BY r.id
        """
    }

    /// The ids among `runs` of import runs that have finished.
    public func finishedImports(among runs: [Int64]) -> String {
        "SELECT id FROM import_run WHERE finished_at IS NOT NULL AND id IN (\(runs.map(String.init).joined(separator: ", ")))"
    }

    /// Trajectories whose message rows do not number `0..<message_count`, and messages whose text is
    /// neither their trajectory's own nor listed as shared with it (search could not find them).
    public var messageRows: String {
        """
        SELECT t.external_id || ': message_count ' || t.message_count || ', but ' || count(m.idx)
               || ' message rows' || CASE WHEN count(m.idx) > 0 AND max(m.idx) <> count(m.idx) - 1
               THEN ' with gaps in idx' ELSE '' END
        FROM trajectory t LEFT JOIN message_row m ON m.trajectory_id = t.id
        GROUP BY t.id
        HAVING count(m.idx) <> t.message_count OR (count(m.idx) > 0 AND max(m.idx) <> count(m.idx) - 1)
        UNION ALL
        SELECT t.external_id || ': message ' || m.idx || ' cannot be found by search (text '
               || m.text_id || ' is neither its own nor shared with it)'
        FROM message_row m JOIN message_text x ON x.id = m.text_id JOIN trajectory t ON t.id = m.trajectory_id
        WHERE x.trajectory_id IS DISTINCT FROM m.trajectory_id
          AND NOT EXISTS (SELECT 1 FROM text_use u WHERE u.text_id = m.text_id AND u.trajectory_id = m.trajectory_id)
        """
    }

    /// Trajectories whose `trajectory_flag` rows (what `flag:` filters and stats read) are not the flags
    /// their `flags` column lists: a row missing or one too many (`trove reparse` writes both again).
    public var flagRows: String {
        let contains = { (list: String, item: String) in
            switch dialect {
            case .sqlite: "instr(',' || \(list) || ',', ',' || \(item) || ',') > 0"
            case .postgres: "position(',' || \(item) || ',' in ',' || \(list) || ',') > 0"
            }
        }
        return """
            SELECT t.external_id || ': its trajectory_flag rows are not its flags column ('
                   || \(quoted("t.flags")) || '; trove reparse writes them again)'
            FROM trajectory t
            WHERE (SELECT count(*) FROM trajectory_flag f WHERE f.trajectory_id = t.id)
                  <> CASE WHEN t.flags = '' THEN 0 ELSE length(t.flags) - length(replace(t.flags, ',', '')) + 1 END
               OR EXISTS (
                  SELECT 1 FROM trajectory_flag f WHERE f.trajectory_id = t.id AND NOT (\(contains("t.flags", "f.flag"))))
            """
    }

    /// Each reviewer's current label is their latest event (none when that event left the label empty;
    /// the resets a version 4 import wrote as `trove` are no one's, unless `trove` also labeled the
    /// trajectory, as a reviewer of that name could before the name was refused),
    /// every current label has an event, each decision is the team policy's decision of its reviewers'
    /// labels (its reward within 1e-9 of the policy's, so that a median stored before medians were
    /// rounded, 0.6000000000000001 for 0.6, is not a fault), and `label_tag` lists the decision's tags.
    public var currentLabels: String {
        let sorted =
            switch dialect {
            case .sqlite:
                (
                    "(SELECT group_concat(tag, char(10)) FROM (SELECT DISTINCT value AS tag FROM json_each(c.tags) ORDER BY 1))",
                    "(SELECT group_concat(tag, char(10)) FROM (SELECT tag FROM label_tag WHERE trajectory_id = c.trajectory_id ORDER BY 1))"
                )
            case .postgres:
                (
                    "(SELECT string_agg(DISTINCT t.value, chr(10) ORDER BY t.value) FROM json_array_elements_text(c.tags::json) AS t(value))",
                    "(SELECT string_agg(tag, chr(10) ORDER BY tag) FROM label_tag WHERE trajectory_id = c.trajectory_id)"
                )
            }
        return """
            WITH latest AS (
                SELECT e.* FROM (
                    SELECT max(id) AS id FROM label_event v
                    WHERE NOT (v.reviewer = '\(LabelBatch.importReviewer)' AND v.origin = 'import'
                        AND NOT EXISTS (
                            SELECT 1 FROM label_event o WHERE o.trajectory_id = v.trajectory_id
                                AND o.reviewer = v.reviewer AND o.origin <> 'import'))
                    GROUP BY trajectory_id, reviewer) m
                JOIN label_event e ON e.id = m.id
            ), decision AS (\(policy.decisions(of: "SELECT trajectory_id FROM reviewer_current")))
            SELECT 'trajectory ' || l.trajectory_id || ': reviewer_current of ' || \(quoted("l.reviewer"))
                   || ' is not their latest label_event'
            FROM latest l LEFT JOIN reviewer_current c ON c.trajectory_id = l.trajectory_id AND c.reviewer = l.reviewer
            WHERE CASE WHEN l.status = 'pending' AND l.reward IS NULL AND l.reward_reason IS NULL AND l.tags = '[]'
                            AND l.note IS NULL
                       THEN c.event_id IS NOT NULL
                       ELSE c.event_id IS DISTINCT FROM l.id OR c.status IS DISTINCT FROM l.status
                            OR c.reward IS DISTINCT FROM l.reward OR c.tags IS DISTINCT FROM l.tags
                            OR c.note IS DISTINCT FROM l.note END
            UNION ALL
            SELECT 'trajectory ' || c.trajectory_id || ': reviewer_current of ' || \(quoted("c.reviewer"))
                   || ' without a label_event'
            FROM reviewer_current c
            WHERE NOT EXISTS (
                SELECT 1 FROM label_event e WHERE e.trajectory_id = c.trajectory_id AND e.reviewer = c.reviewer)
            UNION ALL
            SELECT 'trajectory ' || d.trajectory_id || ': label_current is not the decision of its reviewers'' labels'
            FROM decision d LEFT JOIN label_current c ON c.trajectory_id = d.trajectory_id
            WHERE c.event_id IS DISTINCT FROM d.event_id OR c.status IS DISTINCT FROM d.status
               OR NOT COALESCE(abs(c.reward - d.reward) < 1e-9, c.reward IS NULL AND d.reward IS NULL)
               OR c.tags IS DISTINCT FROM d.tags
               OR c.note IS DISTINCT FROM d.note OR c.reviewer IS DISTINCT FROM d.reviewer
            UNION ALL
            SELECT 'trajectory ' || c.trajectory_id || ': label_current without a reviewer''s label'
            FROM label_current c
            WHERE NOT EXISTS (SELECT 1 FROM reviewer_current r WHERE r.trajectory_id = c.trajectory_id)
            UNION ALL
            SELECT 'trajectory ' || c.trajectory_id || ': label_tag differs from the current tags'
            FROM label_current c
            WHERE \(sorted.0) IS DISTINCT FROM \(sorted.1)
            """
    }

    /// Each reviewer's current mask and correction of a turn is their latest turn event on it, and only
    /// agent messages have them.
    public var turnLabels: String {
        """
        WITH latest AS (
            SELECT e.* FROM (SELECT max(id) AS id FROM turn_event GROUP BY trajectory_id, turn, reviewer) m
            JOIN turn_event e ON e.id = m.id
        )
        SELECT 'trajectory ' || l.trajectory_id || ': turn_current of ' || \(quoted("l.reviewer")) || ' on turn '
               || l.turn || ' is not their latest turn_event'
        FROM latest l LEFT JOIN turn_current c
            ON c.trajectory_id = l.trajectory_id AND c.turn = l.turn AND c.reviewer = l.reviewer
        WHERE CASE WHEN l.train IS NULL AND l.text IS NULL THEN c.event_id IS NOT NULL
                   ELSE c.event_id IS DISTINCT FROM l.id OR c.train IS DISTINCT FROM l.train
                        OR c.text IS DISTINCT FROM l.text END
        UNION ALL
        SELECT 'trajectory ' || c.trajectory_id || ': turn_current of ' || \(quoted("c.reviewer")) || ' on turn '
               || c.turn || ' without a turn_event'
        FROM turn_current c
        WHERE NOT EXISTS (
            SELECT 1 FROM turn_event e
            WHERE e.trajectory_id = c.trajectory_id AND e.turn = c.turn AND e.reviewer = c.reviewer)
        UNION ALL
        SELECT 'trajectory ' || c.trajectory_id || ': turn ' || c.turn
               || ' is masked or corrected but is not an agent message'
        FROM turn_current c
        WHERE NOT EXISTS (
            SELECT 1 FROM message_row r WHERE r.trajectory_id = c.trajectory_id AND r.idx = c.turn AND r.role = 'agent')
        """
    }

    /// Step texts stored as spans (`[start, length]`, docs/store.md) that their message does not have: in a
    /// message the trajectory lacks, past the end of its text, or not two whole numbers. A steps column
    /// that is not a JSON array is left to the other step checks.
    public var stepSpans: String {
        /// `steps` as an array of steps, each with its index `j.key`, and the steps' text positions.
        let steps: String
        /// The JSON value at `path` (positions, the first the text's in `f.column1`) of the step `j.value`.
        let value: (String) -> String
        let isArray: (String) -> String
        let isPair: String
        let isWholeNumber: (String) -> String
        let number: (String) -> String
        let bytes: String
        switch dialect {
        case .sqlite:
            steps = """
                json_each(CASE WHEN json_valid(t.steps) AND json_type(t.steps) = 'array' THEN t.steps ELSE '[]' END) j
                """
            let path = { (rest: String) in "'$[' || f.column1 || ']\(rest)'" }
            value = { rest in "json_extract(j.value, \(path(rest)))" }
            isArray = { rest in "json_type(j.value, \(path(rest))) = 'array'" }
            isPair = "json_array_length(j.value, \(path(""))) = 2"
            isWholeNumber = { rest in "json_type(j.value, \(path(rest))) = 'integer' AND \(value(rest)) >= 0" }
            number = value
            bytes = "length(CAST(x.text AS BLOB))"
        case .postgres:
            steps = """
                json_array_elements(CASE WHEN json_typeof(t.steps::json) = 'array' THEN t.steps::json ELSE '[]' END)
                    WITH ORDINALITY j0(value, n), LATERAL (SELECT j0.value, j0.n - 1 AS key) j
                """
            let path = { (rest: String) in "j.value -> f.column1\(rest.isEmpty ? "" : " -> \(rest)")" }
            value = { rest in "(\(path(rest)))" }
            isArray = { rest in "json_typeof(\(path(rest))) = 'array'" }
            isPair = "json_array_length(\(path(""))) = 2"
            isWholeNumber = { rest in "json_typeof(\(path(rest))) = 'number' AND (\(path(rest)))::text ~ '^[0-9]+$'" }
            number = { rest in "(\(path(rest)))::text::numeric" }
            bytes = "octet_length(x.text)"
        }
        let (start, length) =
            switch dialect {
            case .sqlite: ("[0]", "[1]")
            case .postgres: ("0", "1")
            }
        // The observation (position 5) is a span of the answering message, the other texts of the agent's.
        let isItsMessage =
            switch dialect {
            case .sqlite: "r.idx = json_extract(j.value, CASE f.column1 WHEN 5 THEN '$[1]' ELSE '$[0]' END)"
            // Compared as text: a step whose index is not a number matches no message instead of failing.
            case .postgres: "r.idx::text = j.value ->> CASE f.column1 WHEN 5 THEN 1 ELSE 0 END"
            }
        let isStep =
            switch dialect {
            case .sqlite: "j.type = 'array'"
            case .postgres: "json_typeof(j.value) = 'array'"
            }
        return """
            SELECT DISTINCT t.external_id || ': step ' || j.key || ' spans bytes its message does not have'
            FROM trajectory t, \(steps), (VALUES (2), (4), (5), (6)) f
            WHERE \(isStep) AND \(isArray(""))
              AND NOT EXISTS (
                  SELECT 1 FROM message_row r JOIN message_text x ON x.id = r.text_id
                  WHERE r.trajectory_id = t.id AND \(isItsMessage) AND \(isPair)
                    AND \(isWholeNumber(start)) AND \(isWholeNumber(length))
                    AND \(number(start)) + \(number(length)) <= \(bytes))
            """
    }

    /// The time columns of the label tables (``Timestamp``'s form) and the key that names a row of each:
    /// `trove progress` reads `label_event.at` as a time, which PostgreSQL refuses to do for a malformed
    /// one, failing the command.
    static let timeColumns: [(table: String, column: String, key: String)] = [
        ("label_batch", "at", "id"), ("label_event", "at", "id"),
        ("reviewer_current", "at", "trajectory_id || ' of ' || reviewer"),
        ("label_current", "at", "trajectory_id"), ("turn_event", "at", "id"),
        ("turn_current", "at", "trajectory_id || ' turn ' || turn || ' of ' || reviewer"),
        ("team_policy", "set_at", "id"), ("assignment", "assigned_at", "trajectory_id || ' of ' || reviewer"),
    ]

    /// Times in ``timeColumns`` that are not an ISO 8601 UTC time as trove writes them
    /// (`2026-11-26T08:19:34.512Z`, or without the milliseconds), a day its month has and a time of day:
    /// `trove progress` would fail on them. Both dialects test the same form, by position, so they find
    /// the same times; the numbers are read only once the form holds (PostgreSQL's cast would fail).
    public var malformedTimes: String {
        let form = { (column: String) in
            switch dialect {
            case .sqlite:
                let time = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]"
                return "(\(column) GLOB '\(time)Z' OR \(column) GLOB '\(time).[0-9][0-9][0-9]Z')"
            case .postgres:
                return "\(column) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]{3})?Z$'"
            }
        }
        let integer = { (column: String, start: Int, length: Int) in
            switch dialect {
            case .sqlite: "CAST(substr(\(column), \(start), \(length)) AS INTEGER)"
            case .postgres: "substr(\(column), \(start), \(length))::int"
            }
        }
        let times = Self.timeColumns.map { table, column, key in
            let year = integer(column, 1, 4)
            let month = integer(column, 6, 2)
            let days = """
                CASE WHEN \(month) = 2 THEN CASE WHEN (\(year) % 4 = 0 AND \(year) % 100 <> 0) OR \(year) % 400 = 0
                     THEN 29 ELSE 28 END WHEN \(month) IN (4, 6, 9, 11) THEN 30 ELSE 31 END
                """
            let valid = """
                CASE WHEN \(form(column)) THEN \(month) BETWEEN 1 AND 12 AND \(integer(column, 9, 2)) BETWEEN 1 AND \(days)
                     AND \(integer(column, 12, 2)) <= 23 AND \(integer(column, 15, 2)) <= 59
                     AND \(integer(column, 18, 2)) <= 59 ELSE false END
                """
            return """
                SELECT '\(table) ' || \(key) || ': \(column) ' || \(quoted(column))
                       || ' is not an ISO 8601 UTC time (YYYY-MM-DDTHH:MM:SS.sssZ)' AS problem
                FROM \(table) WHERE NOT (\(valid))
                """
        }
        let byCodePoint =
            switch dialect {
            case .sqlite: "problem"
            case .postgres: "problem COLLATE \"C\""
            }
        return "SELECT problem FROM (\(times.joined(separator: " UNION ALL "))) AS times ORDER BY \(byCodePoint)"
    }
}
