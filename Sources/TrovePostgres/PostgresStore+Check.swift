import TroveCore

/// `trove check` on a PostgreSQL store.
extension PostgresStore {
    /// Checks trove's own invariants in one `REPEATABLE READ` snapshot (writers are not blocked).
    /// Unfinished import runs are listed apart, each running (a session holds its lock,
    /// ``isImportRunning(_:)``) or interrupted.
    ///
    /// Checks run: the recorded schema version is this trove's and every migration it knows was
    /// applied, and every table, view, trigger and function they create exists; every record's bytes have
    /// the SHA-256 recorded at import; every message text with a hash stored (one that may be shared) has that hash;
    /// every trajectory has exactly
    /// `message_count` message rows (indexes 0…n-1) and a JSON array of `step_count` steps; every
    /// message's text is private to its trajectory or has a `text_use` row for it; each reviewer's
    /// `reviewer_current` label is their latest `label_event` and each `label_current` has a reviewer's
    /// label; each reviewer's current turn mask and correction is their latest `turn_event`, on an agent
    /// message; every time of the label tables is an ISO 8601 UTC time (``StoreCheckSQL/malformedTimes``). The server itself keeps foreign keys and its pages whole, which SQLite's `integrity_check`
    /// and `foreign_key_check` look at there. A check that fails to run reports that as its problem, and
    /// the others still run.
    ///
    /// - throws: ``PostgresError`` when the snapshot cannot be started.
    public func check() throws -> StoreCheck {
        var check = try readSnapshot { _ in
            func count(_ sql: String) -> Int {
                Int((try? connection.execute(sql, binary: true).integer(0, 0)) ?? 0)
            }
            return StoreCheck(
                findings: [
                    finding("schema version", schemaProblems),
                    finding("schema objects", schemaObjectProblems),
                    finding("records", recordProblems),
                    finding("message texts", messageTextProblems),
                    finding("message rows") { try listed(StoreCheckSQL(.postgres).messageRows) },
                    finding("steps") { try listed(Self.stepsSQL) + correctedParseProblems() },
                    finding("flags") { try listed(StoreCheckSQL(.postgres).flagRows) },
                    finding("current labels") { try listed(StoreCheckSQL(.postgres).currentLabels) },
                    finding("turn labels") { try listed(StoreCheckSQL(.postgres).turnLabels) },
                    finding("label times") { try listed(StoreCheckSQL(.postgres).malformedTimes) },
                ],
                trajectories: count("SELECT count(*) FROM trajectory"),
                labelEvents: count("SELECT count(*) FROM label_event"),
                unfinishedImports: (try? unfinishedImports()) ?? [])
        }
        check.unfinishedImports =
            (try? check.unfinishedImports.probed(
                isRunning: isImportRunning,
                finished: { runs in
                    let rows = try connection.execute(StoreCheckSQL(.postgres).finishedImports(among: runs))
                    return Set(try (0..<rows.rowCount).compactMap { try rows.integer($0, 0) })
                })) ?? check.unfinishedImports
        return check
    }

    /// The finding of one check. A check that fails to run is a problem of that check; a savepoint
    /// around it keeps the snapshot's transaction usable for the checks after it.
    private func finding(_ check: String, _ run: () throws -> [String]) -> StoreCheck.Finding {
        do {
            try connection.execute("SAVEPOINT trove_check")
            let problems = try run()
            try connection.execute("RELEASE SAVEPOINT trove_check")
            return StoreCheck.Finding(check: check, problems: problems)
        } catch {
            _ = try? connection.execute("ROLLBACK TO SAVEPOINT trove_check")
            return StoreCheck.Finding(check: check, problems: ["could not be run: \(error)"])
        }
    }

    /// The import runs ``StoreCheckSQL/unfinishedImports`` finds.
    private func unfinishedImports() throws -> [UnfinishedImport] {
        let rows = try connection.execute(StoreCheckSQL(.postgres).unfinishedImports)
        return try (0..<rows.rowCount).map { row in
            UnfinishedImport(
                run: try rows.integer(row, 0) ?? 0, startedAt: try rows.string(row, 1) ?? "",
                filesJSON: try rows.string(row, 2) ?? "")
        }
    }

    /// The first rows of a one-column query, as ``StoreCheck/listed(_:)`` lists them.
    private func listed(_ sql: String) throws -> [String] {
        let rows = try connection.execute(sql)
        return StoreCheck.listed(try (0..<rows.rowCount).map { try rows.string($0, 0) ?? "" })
    }

    private func schemaProblems() throws -> [String] {
        var problems: [String] = []
        let version = try schemaVersion()
        if version != PostgresSchema.version {
            problems.append("store_info says schema version \(version), this trove writes \(PostgresSchema.version)")
        }
        let applied = try connection.execute("SELECT identifier FROM \(Self.migrationTable)")
        let names = Set(try (0..<applied.rowCount).compactMap { try applied.string($0, 0) })
        for migration in PostgresSchema.migrations where !names.contains(migration.name) {
            problems.append("migration \(migration.name) is not recorded as applied")
        }
        return problems
    }

    /// The tables, views, triggers and functions the migrations create (``PostgresSchema/objects``) that
    /// the store's schema lacks: dropped behind trove's back.
    private func schemaObjectProblems() throws -> [String] {
        let rows = try connection.execute(
            """
            SELECT 'table', tablename FROM pg_tables WHERE schemaname = $1
            UNION ALL SELECT 'view', viewname FROM pg_views WHERE schemaname = $1
            UNION ALL SELECT 'trigger', t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND NOT t.tgisinternal
            UNION ALL SELECT 'function', p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = $1
            """, [.text(schema)])
        let found = Set(
            try (0..<rows.rowCount).map {
                StoreCheck.SchemaObject(kind: try rows.string($0, 0) ?? "", name: try rows.string($0, 1) ?? "")
            })
        return StoreCheck.missingObjects(PostgresSchema.objects, found: found)
    }

    /// Every message text that is not the text its stored hash was made of (``StoreCheck/alteredText(_:of:)``),
    /// read through a cursor as its UTF-8 bytes, so a store of any size is checked in bounded memory.
    private func messageTextProblems() throws -> [String] {
        var problems: [String] = []
        try connection.forEachRow(
            of: "SELECT x.id, x.hash, convert_to(x.text, 'UTF8'), t.external_id FROM message_text x "
                + "LEFT JOIN trajectory t ON t.id = x.trajectory_id WHERE x.hash <> 0 ORDER BY x.id",
            cursor: "trove_check_texts", batch: 1000
        ) { rows, row in
            guard !StoreCheck.hasHash(try rows.bytes(row, 2) ?? [], try rows.integer(row, 1) ?? 0) else { return }
            problems.append(
                StoreCheck.alteredText(
                    try rows.integer(row, 0) ?? 0, of: try rows.string(row, 3).map(TrajectoryReport.visible)))
        }
        return StoreCheck.listed(problems)
    }

    /// Every trajectory whose record bytes do not have the SHA-256 recorded at import, read through a
    /// cursor so a store of any size is checked in bounded memory.
    private func recordProblems() throws -> [String] {
        var problems: [String] = []
        try connection.forEachRow(
            of: "SELECT external_id, original, original_sha256 FROM trajectory ORDER BY id",
            cursor: "trove_check_records", batch: 200
        ) { rows, row in
            guard SHA256.hash(try rows.bytes(row, 1) ?? []).hexString != (try rows.string(row, 2)) else { return }
            let id = try rows.string(row, 0) ?? ""
            problems.append("\(TrajectoryReport.visible(id)): its bytes do not match original_sha256")
        }
        return StoreCheck.listed(problems)
    }

    /// Trajectories with a correction whose stored steps and flags are not the parse of the texts the
    /// team policy decides, as on SQLite.
    private func correctedParseProblems() throws -> [String] {
        var problems: [String] = []
        let corrected = try connection.execute(
            "SELECT DISTINCT trajectory_id FROM turn_current WHERE text IS NOT NULL ORDER BY 1", binary: true)
        for row in 0..<corrected.rowCount {
            let rowID = try corrected.integer(row, 0) ?? 0
            guard let (trajectory, dialect) = try wholeTrajectory(rowID: rowID) else { continue }
            let stored = try connection.execute(
                "SELECT steps, flags FROM trajectory WHERE id = $1", [.integer(rowID)], binary: true)
            let parsed = CorrectedParse(
                trajectory, dialect: dialect,
                labels: try PostgresExportSnapshot.turnLabels(of: rowID, connection: connection))
            if try stored.string(0, 0) != parsed.steps || stored.string(0, 1) != parsed.flagsColumn {
                problems.append("\(TrajectoryReport.visible(trajectory.id)): \(StoreCheck.staleCorrectedParse)")
            }
        }
        return StoreCheck.listed(problems)
    }

    /// Steps that are not JSON at all stop this query (PostgreSQL 15 cannot test text for JSON without
    /// an error), which the finding reports as its problem.
    private static let stepsSQL = """
        SELECT external_id || ': steps is not a JSON array' FROM trajectory
        WHERE json_typeof(steps::json) <> 'array'
        UNION ALL
        SELECT external_id || ': step_count ' || step_count || ', but ' || json_array_length(steps::json) || ' steps'
        FROM trajectory
        WHERE CASE WHEN json_typeof(steps::json) = 'array' THEN json_array_length(steps::json) <> step_count
                   ELSE false END
        UNION ALL
        \(StoreCheckSQL(.postgres).stepSpans)
        """
}
