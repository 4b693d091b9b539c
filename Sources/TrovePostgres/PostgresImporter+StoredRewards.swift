import TroveCore

extension PostgresImporter {
    /// Gives `rewards` (a SWE-bench report's, by id) to the stored trajectories of those ids whose
    /// environment reward is unknown, in one transaction, with source `sidecar`, as the SQLite store
    /// does (TroveStore's `TrajectoryImporter.fillStoredRewards`). A known reward is left alone.
    ///
    /// - returns: how many were set, how many known rewards differ from the report's, and how many of
    ///   the report's ids no trajectory has.
    /// - throws: ``PostgresError`` when the server refuses a statement (nothing is changed).
    public func fillStoredRewards(_ rewards: [String: Double]) throws -> StoredRewardFill {
        guard !rewards.isEmpty else { return StoredRewardFill() }
        let report: PostgresValue = .text(StoredRewardFill.json(rewards))
        let connection = store.connection
        return try connection.transaction {
            var fill = StoredRewardFill()
            fill.unmatched = Int(
                try connection.execute(
                    """
                    SELECT count(*) FROM json_each_text($1::json) r
                    WHERE NOT EXISTS (SELECT 1 FROM trajectory t WHERE t.external_id = r.key)
                    """, [report]
                ).integer(0, 0) ?? 0)
            let sample = try connection.execute(
                """
                SELECT r.key FROM json_each_text($1::json) r
                WHERE NOT EXISTS (SELECT 1 FROM trajectory t WHERE t.external_id = r.key)
                ORDER BY r.key COLLATE "C" LIMIT $2
                """, [report, .integer(StoredRewardFill.sampleSize)])
            fill.unmatchedIDs = try (0..<sample.rowCount).compactMap { try sample.string($0, 0) }
            fill.leftAlone = Int(
                try connection.execute(
                    """
                    SELECT count(*) FROM json_each_text($1::json) r JOIN trajectory t ON t.external_id = r.key
                    WHERE t.env_reward IS NOT NULL AND t.env_reward <> r.value::float8
                    """, [report]
                ).integer(0, 0) ?? 0)
            fill.applied = Int(
                try connection.execute(
                    """
                    WITH filled AS (
                        UPDATE trajectory t SET env_reward = r.value::float8, env_reward_source = $2
                        FROM json_each_text($1::json) r
                        WHERE t.external_id = r.key AND t.env_reward IS NULL
                        RETURNING 1)
                    SELECT count(*) FROM filled
                    """, [report, .text(RewardSource.sidecar.rawValue)]
                ).integer(0, 0) ?? 0)
            return fill
        }
    }
}
