import Foundation
import TroveCore

/// The review UI's smaller reads (``TrajectorySource``), with the SQLite store's queries in
/// PostgreSQL's syntax; each is answered through an index, whatever the store's size.
extension PostgresStore {
    /// Every label event of a trajectory, with the events of its turns, oldest first (batches are
    /// numbered in time order, so they interleave the two kinds as they happened).
    public func labelHistory(of id: String) throws -> [LabelEvent] {
        try serial.withLock {
            let rowID = try rowID(of: id)
            let labels = try connection.execute(
                """
                SELECT id, reviewer, at, kind, reverts, status, reward, reward_reason, tags, note, origin, batch
                FROM label_event WHERE trajectory_id = $1 ORDER BY id
                """, [.integer(rowID)], binary: true)
            var events = try (0..<labels.rowCount).map { row in
                LabelEvent(
                    id: try labels.integer(row, 0) ?? 0, trajectoryID: id, reviewer: try labels.string(row, 1) ?? "",
                    at: try labels.string(row, 2) ?? "",
                    kind: (try labels.string(row, 3)).flatMap(LabelEvent.Kind.init) ?? .label,
                    reverts: try labels.integer(row, 4), label: try PostgresLabelColumns.label(labels, row, from: 5),
                    origin: try labels.string(row, 10) ?? "", batch: try labels.integer(row, 11))
            }
            let turns = try connection.execute(
                """
                SELECT id, reviewer, at, kind, reverts, turn, train, text IS NOT NULL, origin, batch
                FROM turn_event WHERE trajectory_id = $1 ORDER BY id
                """, [.integer(rowID)], binary: true)
            guard turns.rowCount > 0 else { return events }
            for row in 0..<turns.rowCount {
                let train = try turns.integer(row, 6)
                events.append(
                    LabelEvent(
                        id: try turns.integer(row, 0) ?? 0, trajectoryID: id, reviewer: try turns.string(row, 1) ?? "",
                        at: try turns.string(row, 2) ?? "",
                        kind: (try turns.string(row, 3)).flatMap(LabelEvent.Kind.init) ?? .label,
                        reverts: try turns.integer(row, 4), label: .unreviewed, origin: try turns.string(row, 8) ?? "",
                        batch: try turns.integer(row, 9),
                        turn: LabelEvent.TurnState(
                            turn: Int(try turns.integer(row, 5) ?? 0),
                            training: TurnTraining(trains: train.map { $0 == 1 }),
                            isCorrected: try turns.integer(row, 7) == 1)))
            }
            return events.sorted { ($0.batch ?? 0, $0.at) < ($1.batch ?? 0, $1.at) }
        }
    }

    /// Every reviewer's current label on trajectory `id`, by reviewer name.
    public func reviewerLabels(of id: String) throws -> [ReviewerLabel] {
        try serial.withLock {
            let result = try connection.execute(
                """
                SELECT reviewer, status, review_reward, reward_reason, tags, note, reviewed_at, is_adjudicator
                FROM reviewer_label WHERE trajectory_id = $1 ORDER BY reviewer COLLATE "C"
                """, [.integer(try rowID(of: id))], binary: true)
            return try (0..<result.rowCount).map { row in
                ReviewerLabel(
                    reviewer: try result.string(row, 0) ?? "",
                    label: try PostgresLabelColumns.label(result, row, from: 1),
                    at: try result.string(row, 6) ?? "", isAdjudicator: try result.integer(row, 7) == 1)
            }
        }
    }

    /// How far reviewers agree over the whole store: every trajectory two or more reviewers decided or
    /// rewarded.
    public func agreement() throws -> AgreementReport {
        try agreement(matching: Filter(nil))
    }

    /// How far reviewers agree on the trajectories matching `filter` (see ``AgreementReport``): each
    /// reviewer's current label on those two or more reviewers decided or rewarded.
    public func agreement(matching filter: Filter) throws -> AgreementReport {
        try serial.withLock {
            let (condition, parameters) = try filter.postgresCondition(on: connection)
            let result = try connection.execute(
                """
                WITH unit(trajectory_id) AS (
                    SELECT trajectory_id FROM reviewer_current
                    WHERE status IN ('accepted', 'rejected') OR reward IS NOT NULL
                    GROUP BY trajectory_id HAVING count(*) >= 2)
                SELECT t.external_id, t.task, r.reviewer, r.status, r.reward
                FROM unit JOIN reviewer_current r ON r.trajectory_id = unit.trajectory_id
                JOIN trajectory t ON t.id = unit.trajectory_id
                LEFT JOIN label_current l ON l.trajectory_id = t.id
                WHERE \(condition)
                ORDER BY t.id, r.reviewer COLLATE "C"
                """, parameters, binary: true)
            let judgements = try (0..<result.rowCount).map { row in
                let decision: AgreementJudgement.Decision? =
                    switch try result.string(row, 3) {
                    case LabelStatus.accepted.rawValue: .accept
                    case LabelStatus.rejected.rawValue: .reject
                    default: nil
                    }
                return AgreementJudgement(
                    unit: try result.string(row, 0) ?? "", task: try result.string(row, 1) ?? "",
                    reviewer: try result.string(row, 2) ?? "", decision: decision, reward: try result.real(row, 4))
            }
            return AgreementReport(judgements: judgements)
        }
    }

    /// Changes with every label batch, import run, replaced record, new trajectory, team policy set and
    /// assignment: the largest id of five tables that only grow, each read from the end of its primary
    /// key, and the number of assignments (only ever added), as the SQLite store's token.
    public func changeToken() throws -> Int64 {
        try serial.withLock {
            let result = try connection.execute(
                """
                SELECT (SELECT COALESCE(max(id), 0) FROM label_batch), (SELECT COALESCE(max(id), 0) FROM import_run),
                       (SELECT COALESCE(max(id), 0) FROM replaced_record), (SELECT COALESCE(max(id), 0) FROM trajectory),
                       (SELECT COALESCE(max(id), 0) FROM team_policy), (SELECT count(*) FROM assignment)
                """, binary: true)
            return ReviewChangeToken.combining(try (0..<6).map { try result.integer(0, $0) ?? 0 })
        }
    }

    public func reviewState(for reviewer: String) throws -> ReviewSessionState? {
        try serial.withLock {
            let result = try connection.execute(
                "SELECT trajectory_external_id, filter, sort FROM review_state WHERE reviewer = $1", [.text(reviewer)])
            guard result.rowCount > 0 else { return nil }
            return ReviewSessionState(
                trajectoryID: try result.string(0, 0), filter: try result.string(0, 1) ?? "",
                sort: (try result.string(0, 2)).flatMap(ListSort.init) ?? ListSort())
        }
    }

    /// Every tag in use, by code point, read from `label_tag`'s tag index.
    public func tagsInUse() throws -> [String] {
        try serial.withLock {
            let result = try connection.execute("SELECT DISTINCT tag COLLATE \"C\" AS tag FROM label_tag ORDER BY tag")
            return try (0..<result.rowCount).compactMap { try result.string($0, 0) }
        }
    }

    /// Every tag `reviewer`'s own current labels hold, by code point, read from their rows of
    /// `reviewer_current` (its reviewer index), each label's tags from its JSON array.
    public func tagsInUse(by reviewer: String) throws -> [String] {
        try serial.withLock {
            let result = try connection.execute(
                """
                SELECT DISTINCT tag COLLATE "C" AS tag
                FROM reviewer_current, jsonb_array_elements_text(reviewer_current.tags::jsonb) AS tag
                WHERE reviewer_current.reviewer = $1 ORDER BY tag
                """, [.text(reviewer)])
            return try (0..<result.rowCount).compactMap { try result.string($0, 0) }
        }
    }

    /// A range of the external id's unique index, compared by code point.
    public func ids(startingWith prefix: String, limit: Int) throws -> [String] {
        try serial.withLock {
            let result = try connection.execute(
                """
                SELECT external_id FROM trajectory
                WHERE external_id COLLATE "C" >= $1 AND external_id COLLATE "C" < $2
                ORDER BY external_id COLLATE "C" LIMIT $3
                """, [.text(prefix), .text(prefix + "\u{10FFFF}"), .integer(limit)])
            return try (0..<result.rowCount).compactMap { try result.string($0, 0) }
        }
    }

    public func originalRecord(of id: String) throws -> [UInt8]? {
        try serial.withLock {
            let result = try connection.execute(
                "SELECT original FROM trajectory WHERE external_id = $1", [.text(id)], binary: true)
            return result.rowCount == 0 ? nil : try result.bytes(0, 0)
        }
    }

    /// Reads the reviewer's rows of `assignment` through its index, each looked up in `reviewer_current`.
    public func queueProgress(of reviewer: String) throws -> QueueProgress {
        try serial.withLock {
            let result = try connection.execute(
                """
                SELECT count(*), count(*) FILTER (WHERE EXISTS (
                    SELECT 1 FROM reviewer_current r WHERE r.trajectory_id = a.trajectory_id AND r.reviewer = a.reviewer
                      AND r.status IN ('accepted', 'rejected')))
                FROM assignment a WHERE a.reviewer = $1
                """, [.text(reviewer)], binary: true)
            return QueueProgress(
                assigned: Int(try result.integer(0, 0) ?? 0), done: Int(try result.integer(0, 1) ?? 0))
        }
    }

    /// The latest policy set, or ``TeamPolicy/solo`` when none was.
    ///
    /// - throws: ``PostgresReviewError/damagedPolicy(store:reason:)`` when the stored policy is not one.
    public func teamPolicy() throws -> TeamPolicy {
        try serial.withLock {
            let result = try connection.execute(
                "SELECT min_reviews, consensus, adjudicators FROM team_policy ORDER BY id DESC LIMIT 1", binary: true)
            guard result.rowCount > 0 else { return .solo }
            do {
                return try TeamPolicy(
                    minReviews: Int(try result.integer(0, 0) ?? 0),
                    consensus: (try result.string(0, 1)).flatMap(TeamPolicy.Consensus.init) ?? .majority,
                    adjudicators: PostgresLabelColumns.tags(try result.string(0, 2)))
            } catch let error as TeamPolicyError {
                throw PostgresReviewError.damagedPolicy(store: name, reason: "\(error)")
            }
        }
    }

    /// Agent turn `turn` of trajectory `id`: its text as imported and as the reviewers corrected it (with
    /// `blindReviewer`, the correction that reviewer reads, as on SQLite).
    ///
    /// - throws: ``PostgresReviewError/unknownTrajectory(store:id:)`` when there is no trajectory `id`.
    public func turnText(of id: String, turn: Int, blindReviewer: String? = nil) throws
        -> (original: String, corrected: String?)?
    {
        try serial.withLock {
            _ = try rowID(of: id)
            let result = try connection.execute(
                """
                SELECT t.id, m.text FROM trajectory t JOIN message m ON m.trajectory_id = t.id
                WHERE t.external_id = $1 AND m.idx = $2 AND m.role = 'agent'
                """, [.text(id), .integer(turn)], binary: true)
            guard result.rowCount > 0, let rowID = try result.integer(0, 0), let original = try result.string(0, 1)
            else { return nil }
            let turns = try turnsRead(by: blindReviewer, rowID: rowID, decided: try turnLabels(rowID: rowID))
            return (original, turns.first { $0.turn == turn }?.text)
        }
    }

    /// The row id of trajectory `id`. Call with ``serial`` held.
    ///
    /// - throws: ``PostgresReviewError/unknownTrajectory(store:id:)`` when there is none.
    private func rowID(of id: String) throws -> Int64 {
        let result = try connection.execute(
            "SELECT id FROM trajectory WHERE external_id = $1", [.text(id)], binary: true)
        guard result.rowCount > 0, let rowID = try result.integer(0, 0) else {
            throw PostgresReviewError.unknownTrajectory(store: name, id: id)
        }
        return rowID
    }
}
