import GRDB
import TroveCore

extension TrajectoryImporter {
    /// Gives `rewards` (a SWE-bench report's, by id) to the stored trajectories of those ids whose
    /// environment reward is unknown, in one transaction, with source `sidecar`: what importing their
    /// records again with the report would do. A known reward is left alone.
    ///
    /// - returns: how many were set, how many known rewards differ from the report's, and how many of
    ///   the report's ids no trajectory has.
    /// - throws: ``StoreError`` for a read-only store, or a database error (nothing is changed).
    public func fillStoredRewards(_ rewards: [String: Double]) throws -> StoredRewardFill {
        try store.requireWritable()
        guard !rewards.isEmpty else { return StoredRewardFill() }
        let report = StoredRewardFill.json(rewards)
        return try store.writer.write { db in
            var fill = StoredRewardFill()
            fill.unmatched =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM json_each(?) r
                        WHERE NOT EXISTS (SELECT 1 FROM trajectory t WHERE t.external_id = r.key)
                        """, arguments: [report]) ?? 0
            fill.unmatchedIDs = try String.fetchAll(
                db,
                sql: """
                    SELECT r.key FROM json_each(?) r
                    WHERE NOT EXISTS (SELECT 1 FROM trajectory t WHERE t.external_id = r.key) ORDER BY r.key LIMIT ?
                    """, arguments: [report, StoredRewardFill.sampleSize])
            fill.leftAlone =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM json_each(?) r JOIN trajectory t ON t.external_id = r.key
                        WHERE t.env_reward IS NOT NULL AND t.env_reward <> r.value
                        """, arguments: [report]) ?? 0
            try db.execute(
                sql: """
                    UPDATE trajectory
                    SET env_reward = (SELECT r.value FROM json_each(?1) r WHERE r.key = trajectory.external_id),
                        env_reward_source = ?2
                    WHERE env_reward IS NULL AND external_id IN (SELECT r.key FROM json_each(?1) r)
                    """, arguments: [report, RewardSource.sidecar.rawValue])
            fill.applied = db.changesCount
            return fill
        }
    }
}
