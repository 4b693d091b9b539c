import TroveCore

extension LabelChange {
    /// The trajectories of `targets` whose label by `reviewer` this change alters, with the label it gives
    /// them, computed on the server: a query selecting `trajectory_id, status, reward, reward_reason, tags,
    /// note`, in no set order. PostgreSQL's form of the SQLite store's `changedLabels`.
    ///
    /// `targets` selects distinct trajectory row ids in one column and takes `parameters` as `$1…$n`; the
    /// change's own values follow them. The new label is computed from the reviewer's own current label
    /// (`reviewer_current`), as ``applied(to:)`` computes it: tags as a compact JSON array, unique and in
    /// code point order, the form the SQLite store writes. A trajectory the change leaves as it was is not
    /// selected; tags count as unchanged when they hold the same set, however the old array was written.
    ///
    /// Implementation note: a bulk label used to read every matching label into the client, apply the
    /// change there and send the new labels back as one JSON parameter (100,000 labels: tens of MB each
    /// way); the server now reads and writes them without them leaving it.
    func postgresChangedLabels(targets: String, parameters: [PostgresValue], reviewer: String)
        -> (sql: String, parameters: [PostgresValue])
    {
        var all = parameters
        func bind(_ value: PostgresValue, as type: String) -> String {
            all.append(value)
            return "$\(all.count)::\(type)"
        }
        let owner = bind(.text(reviewer), as: "text")
        let status = self.status.map { bind(.text($0.rawValue), as: "text") } ?? "COALESCE(l.status, 'pending')"
        var (reward, reason) = ("l.reward", "l.reward_reason")
        switch self.reward {
        case .set(let value, let why)?:
            (reward, reason) = (bind(.real(value), as: "double precision"), bind(.text(why), as: "text"))
        case .clear?: (reward, reason) = ("NULL::double precision", "NULL::text")
        case nil: break
        }
        var note = "l.note"
        switch self.note {
        case .set(let text)? where !text.isEmpty: note = bind(.text(text), as: "text")
        case .set?, .clear?: note = "NULL::text"
        case nil: break
        }
        let old = "COALESCE(l.tags, '[]')"
        var (tags, oldTags) = (old, old)
        if !(addTags.isEmpty && removeTags.isEmpty && toggleTags.isEmpty) {
            func list(_ tags: [String]) -> String {
                bind(.text(JSONWriter.string(.array(tags.map { .string($0) }))), as: "json")
            }
            // Each list is bound once and read where it is needed, as rows or as a set.
            let (added, removed, toggled) = (list(addTags), list(removeTags), list(toggleTags))
            func rows(_ json: String, _ alias: String) -> String {
                "json_array_elements_text(\(json)) AS \(alias)(value)"
            }
            func set(_ json: String) -> String { "(SELECT json_array_elements_text(\(json)))" }
            let oldJSON = "\(old)::json"
            tags = Self.postgresTagArray(
                """
                SELECT o.value FROM \(rows(oldJSON, "o")) WHERE o.value NOT IN \(set(removed)) AND o.value NOT IN \(set(toggled))
                UNION SELECT a.value FROM \(rows(added, "a"))
                WHERE a.value NOT IN \(set(removed)) AND a.value NOT IN \(set(toggled))
                UNION SELECT g.value FROM \(rows(toggled, "g"))
                WHERE g.value IN \(set(removed)) OR (g.value NOT IN \(set(oldJSON)) AND g.value NOT IN \(set(added)))
                """)
            oldTags = Self.postgresTagArray("SELECT o.value FROM \(rows(oldJSON, "o"))")
        }
        let sql = """
            SELECT trajectory_id, status, reward, reward_reason, tags, note FROM (
                SELECT tg.id AS trajectory_id, COALESCE(l.status, 'pending') AS old_status, l.reward AS old_reward,
                       l.reward_reason AS old_reason, \(oldTags) AS old_tags, l.note AS old_note,
                       \(status) AS status, \(reward) AS reward, \(reason) AS reward_reason, \(tags) AS tags,
                       \(note) AS note
                FROM (\(targets)) AS tg(id) LEFT JOIN reviewer_current l ON l.trajectory_id = tg.id AND l.reviewer = \(owner)
            ) AS c
            WHERE status IS DISTINCT FROM old_status OR reward IS DISTINCT FROM old_reward
               OR reward_reason IS DISTINCT FROM old_reason OR tags IS DISTINCT FROM old_tags
               OR note IS DISTINCT FROM old_note
            """
        return (sql, all)
    }

    /// The distinct texts `query` selects in its column `value` as a compact JSON array in code point
    /// order (`[]` for none): the tags column's form.
    private static func postgresTagArray(_ query: String) -> String {
        """
        (SELECT COALESCE('[' || string_agg(to_json(v.value)::text, ',' ORDER BY v.value COLLATE "C") || ']', '[]')
         FROM (\(query)) AS v)
        """
    }
}
