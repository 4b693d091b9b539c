import GRDB
import TroveCore

extension LabelChange {
    /// The trajectories of `targets` whose label by `reviewer` this change alters, with the label it gives
    /// them: a query selecting `trajectory_id, status, reward, reward_reason, tags, note`, in no set order.
    ///
    /// `targets` selects trajectory row ids in one column. The new label is computed in SQL from the
    /// reviewer's own current label (`reviewer_current`, never another reviewer's), as ``applied(to:)``
    /// computes it (tags sorted and unique), so that a change to a million trajectories is one
    /// statement; a trajectory the change leaves as it was is not selected.
    func changedLabels(targets: String, arguments targetArguments: StatementArguments, reviewer: String)
        -> (sql: String, arguments: StatementArguments)
    {
        var arguments: [DatabaseValue] = []
        let status: String
        if let value = self.status {
            status = "?"
            arguments.append(value.rawValue.databaseValue)
        } else {
            status = "COALESCE(l.status, 'pending')"
        }
        var (reward, reason) = ("l.reward", "l.reward_reason")
        switch self.reward {
        case .set(let value, let why)?:
            (reward, reason) = ("?", "?")
            arguments += [value.databaseValue, why.databaseValue]
        case .clear?: (reward, reason) = ("NULL", "NULL")
        case nil: break
        }
        let tags = tagExpression(arguments: &arguments)
        var note = "l.note"
        switch self.note {
        case .set(let text)? where !text.isEmpty:
            note = "?"
            arguments.append(text.databaseValue)
        case .set?, .clear?: note = "NULL"
        case nil: break
        }
        let sql = """
            SELECT trajectory_id, status, reward, reward_reason, tags, note FROM (
                SELECT tg.id AS trajectory_id, COALESCE(l.status, 'pending') AS old_status, l.reward AS old_reward,
                       l.reward_reason AS old_reason, COALESCE(l.tags, '[]') AS old_tags, l.note AS old_note,
                       \(status) AS status, \(reward) AS reward, \(reason) AS reward_reason, \(tags) AS tags,
                       \(note) AS note
                FROM (\(targets)) tg LEFT JOIN reviewer_current l ON l.trajectory_id = tg.id AND l.reviewer = ?)
            WHERE status IS NOT old_status OR reward IS NOT old_reward OR reward_reason IS NOT old_reason
               OR tags IS NOT old_tags OR note IS NOT old_note
            """
        var all = StatementArguments(arguments)
        all += targetArguments
        all += [reviewer]
        return (sql, all)
    }

    /// The new tags as a sorted JSON array: (old ∪ added) − removed, then each toggled tag flipped.
    private func tagExpression(arguments: inout [DatabaseValue]) -> String {
        let old = "COALESCE(l.tags, '[]')"
        guard !(addTags.isEmpty && removeTags.isEmpty && toggleTags.isEmpty) else { return old }
        // Each call binds its list where its text goes: call in the order the SQL is written.
        func array(_ tags: [String]) -> String {
            arguments.append(JSONWriter.string(.array(tags.map { .string($0) })).databaseValue)
            return "json_each(?)"
        }
        func set(_ tags: [String]) -> String { "(SELECT value FROM \(array(tags)))" }
        var sql = "(SELECT json_group_array(value) FROM ("
        sql += "SELECT value FROM json_each(\(old)) WHERE value NOT IN \(set(removeTags))"
        sql += " AND value NOT IN \(set(toggleTags))"
        sql += " UNION SELECT value FROM \(array(addTags)) WHERE value NOT IN \(set(removeTags))"
        sql += " AND value NOT IN \(set(toggleTags))"
        sql += " UNION SELECT value FROM \(array(toggleTags)) WHERE value IN \(set(removeTags))"
        sql += " OR (value NOT IN (SELECT value FROM json_each(\(old))) AND value NOT IN \(set(addTags)))"
        return sql + " ORDER BY value))"
    }
}
