import Foundation
import GRDB
import TroveCore

// MARK: - Backup

/// What ``Store/backup(to:)`` copied.
public struct StoreBackup: Sendable, Hashable {
    /// Where the copy was written.
    public var path: String
    /// Trajectories in the copy.
    public var trajectories: Int
    /// Label events in the copy: the whole review history at the moment of the snapshot.
    public var labelEvents: Int
    /// The copy's size in bytes.
    public var bytes: Int
}

/// Why a backup was not written.
public enum StoreBackupError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The destination exists; a backup never overwrites a file.
    case destinationExists(path: String)
    /// The copy failed its integrity check and was deleted.
    case copyDamaged(path: String, problems: [String])

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    public var description: String {
        switch self {
        case .destinationExists(let path):
            Self.isDirectory(path)
                ? "\(path) is a directory; name the backup's file (\(path)/store-backup.sqlite, say)"
                : "\(path) already exists; a backup never overwrites a file"
        case .copyDamaged(let path, let problems):
            "the copy at \(path) failed its integrity check and was removed: \(problems.joined(separator: "; "))"
        }
    }
}

extension Store {
    /// Copies the store to a new file at `destination` with SQLite's online
    /// backup, while other processes go on reading and writing.
    ///
    /// Contract:
    /// - The copy is one consistent snapshot: every transaction committed
    ///   before the snapshot is in it, none after, none in part.
    /// - Writers are not blocked (the source is read from a WAL snapshot).
    /// - The copy is written beside `destination` under a unique temporary
    ///   name, checked with `PRAGMA integrity_check`, then linked into place,
    ///   so `destination` is either absent or a whole, checked store.
    /// - An existing `destination` is never overwritten, not even one created
    ///   while the copy ran.
    /// - The copy has the store's mode (a 0600 store's backup is 0600).
    ///
    /// ```swift
    /// let backup = try Store.open(path: "trove.sqlite", readOnly: true).backup(to: "trove-monday.sqlite")
    /// print(backup.labelEvents)
    /// ```
    ///
    /// - throws: ``StoreBackupError`` or a database error naming the file.
    @discardableResult
    public func backup(to destination: String) throws -> StoreBackup {
        let manager = FileManager.default
        if manager.fileExists(atPath: destination) { throw StoreBackupError.destinationExists(path: destination) }
        // A unique, freshly created (O_EXCL, O_NOFOLLOW) empty file that SQLite then fills, with the store's mode.
        let temporary = try TemporaryFile(for: destination, shownPath: destination)
        try temporary.close(shownPath: destination)
        let partial = temporary.path
        return try withExtendedLifetime(temporary) { try backup(through: partial, to: destination) }
    }

    /// Copies into the empty file `partial`, checks the copy and links it to `destination`.
    private func backup(through partial: String, to destination: String) throws -> StoreBackup {
        let manager = FileManager.default
        var source = stat()
        if stat(path, &source) == 0 { chmod(partial, source.st_mode & 0o7777) }
        func removeSidecars() {
            for suffix in ["-wal", "-shm", "-journal"] { try? manager.removeItem(atPath: partial + suffix) }
        }
        defer { removeSidecars() }
        let copy = try DatabaseQueue(path: partial)
        do {
            try writer.backup(to: copy)
        } catch let error as DatabaseError where error.message == "not an error" {
            // sqlite3_backup_step leaves its error on neither connection, so the message GRDB reads there
            // says "not an error"; the result code's own text says what failed ("database or disk is full").
            throw DatabaseError(resultCode: error.extendedResultCode)
        }
        FaultInjection.point("backup-copied")
        let (problems, trajectories, labelEvents) = try copy.read { db in
            (
                try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" },
                try Int.fetchOne(db, sql: "SELECT count(*) FROM trajectory") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM label_event") ?? 0
            )
        }
        // Closing the last connection checkpoints the copy, so its main file holds everything.
        try copy.close()
        if !problems.isEmpty { throw StoreBackupError.copyDamaged(path: destination, problems: problems) }
        // link(2) fails when the name exists, so a file created at the destination while the copy ran
        // is never replaced; the temporary is removed when `temporary` is released.
        guard link(partial, destination) == 0 else {
            if errno == EEXIST { throw StoreBackupError.destinationExists(path: destination) }
            throw OutputError(path: destination, kind: .cannotCreate, reason: String(cString: strerror(errno)))
        }
        let size = (try? manager.attributesOfItem(atPath: destination)[.size] as? NSNumber)?.intValue ?? 0
        return StoreBackup(path: destination, trajectories: trajectories, labelEvents: labelEvents, bytes: size)
    }
}

// MARK: - Check

extension Store {
    /// Checks the store's file and trove's own invariants, reading one
    /// consistent snapshot (writers are not blocked).
    ///
    /// Checks run: SQLite `integrity_check` (which also verifies every row against
    /// the tables' CHECK constraints, except on a read-only store, whose schema SQLite
    /// reads without them; that check is then reported as skipped) and
    /// `foreign_key_check`; every table, view and trigger the migrations create exists; every
    /// trajectory row can be read and its record's bytes have the SHA-256 recorded at import; every
    /// message text with a hash stored (one that may be shared) has that hash; every
    /// trajectory has exactly `message_count` message rows (indexes 0…n-1) and
    /// a JSON array of `step_count` steps; every message's text is private to
    /// its trajectory or has a `text_use` row for it, so search reaches it; the
    /// full-text index matches `message_text` (FTS5 `integrity-check`, skipped
    /// on a read-only store because SQLite runs it as a write); each reviewer's
    /// `reviewer_current` label is their latest `label_event` on the trajectory,
    /// and `label_current` and `label_tag` hold the decision the team policy
    /// derives from those labels; every time of the label tables is an ISO 8601 UTC time
    /// (``StoreCheckSQL/malformedTimes``).
    /// A check that cannot run (the file is malformed where it reads) reports
    /// that as its problem, and the others still run. Unfinished import runs
    /// are listed apart, each running (its lock file is locked,
    /// ``TrajectoryImporter/isRunning(_:storePath:)``) or interrupted.
    ///
    /// ```swift
    /// let check = try Store.open(path: "trove.sqlite", readOnly: true).check()
    /// if !check.isOK { for finding in check.findings { print(finding.check, finding.problems) } }
    /// ```
    ///
    /// - throws: A database error when the file cannot be read at all.
    public func check() throws -> StoreCheck {
        // One snapshot in a transaction of its own, ended by a rollback: on a damaged file a check that
        // meets the damage can leave the transaction unable to commit, which would lose every finding.
        // Implementation note: on the writing connection unless the store is read-only: SQLite leaves a
        // table's CHECK constraints out of the schema a read-only connection (every reader of the pool)
        // parses, and its `integrity_check` then passes a row that breaks one. A deferred transaction that
        // only reads takes no write lock.
        let snapshot = { (db: Database) throws -> StoreCheck in
            try db.beginTransaction(.deferred)
            defer { try? db.rollback() }
            return StoreCheck(
                findings: [
                    Self.finding("SQLite integrity") { try Self.integrityProblems(db) },
                    Self.finding("foreign keys") { try Self.foreignKeyProblems(db) },
                    Self.finding("schema objects") { try Self.schemaObjectProblems(db) },
                    Self.finding("records") { try Self.recordProblems(db) },
                    Self.finding("message texts") { try Self.messageTextProblems(db) },
                    Self.finding("message rows") { try Self.listed(db, sql: StoreCheckSQL(.sqlite).messageRows) },
                    Self.finding("steps") { try Self.stepProblems(db) },
                    Self.finding("flags") { try Self.listed(db, sql: StoreCheckSQL(.sqlite).flagRows) },
                    Self.finding("current labels") { try Self.listed(db, sql: StoreCheckSQL(.sqlite).currentLabels) },
                    Self.finding("turn labels") { try Self.listed(db, sql: StoreCheckSQL(.sqlite).turnLabels) },
                    Self.finding("label times") { try Self.listed(db, sql: StoreCheckSQL(.sqlite).malformedTimes) },
                ],
                trajectories: (try? Int.fetchOne(db, sql: "SELECT count(*) FROM trajectory")) ?? 0,
                labelEvents: (try? Int.fetchOne(db, sql: "SELECT count(*) FROM label_event")) ?? 0,
                unfinishedImports: (try? Row.fetchAll(db, sql: StoreCheckSQL(.sqlite).unfinishedImports))?.map {
                    UnfinishedImport(run: $0[0] ?? 0, startedAt: $0[1] ?? "", filesJSON: $0[2] ?? "")
                } ?? [])
        }
        var result = try isReadOnly ? writer.unsafeRead(snapshot) : writer.writeWithoutTransaction(snapshot)
        result.unfinishedImports = try result.unfinishedImports.probed(
            isRunning: { TrajectoryImporter.isRunning($0, storePath: path) },
            finished: { runs in
                try writer.unsafeRead { db in
                    Set(try Int64.fetchAll(db, sql: StoreCheckSQL(.sqlite).finishedImports(among: runs)))
                }
            })
        if isReadOnly {
            result.findings.insert(
                Finding(check: "CHECK constraints", problems: [], skipped: "the store is read-only"), at: 1)
            result.findings.append(
                Finding(check: "full-text index", problems: [], skipped: "the store is read-only"))
        } else {
            result.findings.append(Self.fullTextFinding(storePath: path, writer))
        }
        return result
    }

    private typealias Finding = StoreCheck.Finding

    /// The finding of one check; a check that fails to run (SQLite finds the file malformed where it
    /// reads) is a problem of that check, and the other checks still run.
    private static func finding(_ check: String, _ run: () throws -> [String]) -> Finding {
        do {
            return Finding(check: check, problems: try run())
        } catch let error as DatabaseError {
            return Finding(check: check, problems: ["could not be run: \(error.message ?? "\(error.resultCode)")"])
        } catch {
            return Finding(check: check, problems: ["could not be run: \(error)"])
        }
    }

    /// Every trajectory whose row cannot be read (a column holds a value trove never writes there) or
    /// whose bytes do not have the SHA-256 recorded when they were imported (a flipped bit inside a
    /// record passes SQLite's own check).
    private static func recordProblems(_ db: Database) throws -> [String] {
        var problems: [String] = []
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT id, external_id, task, dialect, source_file, source_line, format, env_reward, original,
                       original_sha256
                FROM trajectory ORDER BY id
                """)
        while let row = try rows.next() {
            do {
                let record = try row.record(TrajectoryRecord.self)
                if SHA256.hash(record.original).hexString != record.sha256 {
                    problems.append("\(TrajectoryReport.visible(record.id)): its bytes do not match original_sha256")
                }
            } catch StoreError.damagedRow(let trajectory, let column, let stored) {
                problems.append(
                    "\(trajectory.map(TrajectoryReport.visible) ?? "a trajectory"): its \(column) holds \(stored)")
            }
        }
        return StoreCheck.listed(problems)
    }

    /// The store's tables, views and triggers.
    private static func schemaObjects(_ db: Database) throws -> Set<StoreCheck.SchemaObject> {
        Set(
            try Row.fetchAll(
                db,
                sql:
                    "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view', 'trigger') AND name NOT LIKE 'sqlite%'"
            ).map { StoreCheck.SchemaObject(kind: $0[0], name: $0[1]) })
    }

    /// The tables, views and triggers the store's migrations create (``StoreSchema/migrator``, run on an
    /// empty database in memory, a few milliseconds) that the store lacks: dropped behind trove's back.
    private static func schemaObjectProblems(_ db: Database) throws -> [String] {
        let empty = try DatabaseQueue()
        try StoreSchema.migrator.migrate(empty)
        return StoreCheck.missingObjects(try empty.read(schemaObjects), found: try schemaObjects(db))
    }

    /// Every message text that is not the text its stored hash was made of (``StoreCheck/alteredText(_:of:)``),
    /// read through a cursor as the bytes stored.
    private static func messageTextProblems(_ db: Database) throws -> [String] {
        var problems: [String] = []
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT x.id, x.hash, CAST(x.text AS BLOB), t.external_id
                FROM message_text x LEFT JOIN trajectory t ON t.id = x.trajectory_id WHERE x.hash <> 0 ORDER BY x.id
                """)
        while let row = try rows.next() {
            let bytes: Data = row[2] ?? Data()
            if !StoreCheck.hasHash(Array(bytes), row[1]) {
                problems.append(StoreCheck.alteredText(row[0], of: (row[3] as String?).map(TrajectoryReport.visible)))
            }
        }
        return StoreCheck.listed(problems)
    }

    private static func integrityProblems(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
    }

    private static func foreignKeyProblems(_ db: Database) throws -> [String] {
        try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { row in
            try row.reading { row in
                let table: String = try row.stored(Column("table"))
                let rowID: Int64? = try row.stored(Column("rowid"))
                let parent: String = try row.stored(Column("parent"))
                return "\(table) row \(rowID.map(String.init) ?? "?") points to a missing \(parent) row"
            }
        }
    }

    private static func stepProblems(_ db: Database) throws -> [String] {
        try listed(
            db,
            sql: """
                SELECT external_id || ': steps is not a JSON array' FROM trajectory
                WHERE CASE WHEN json_valid(steps) THEN json_type(steps) <> 'array' ELSE 1 END
                UNION ALL
                SELECT external_id || ': step_count ' || step_count || ', but ' || json_array_length(steps) || ' steps'
                FROM trajectory
                WHERE CASE WHEN json_valid(steps) THEN json_type(steps) = 'array' ELSE 0 END
                  AND json_array_length(steps) <> step_count
                UNION ALL
                \(StoreCheckSQL(.sqlite).stepSpans)
                """) + correctedParseProblems(db)
    }

    /// Trajectories with a correction whose stored steps and flags are not the parse of the texts the
    /// team policy decides (``CorrectedParse``, as a correction, undo, redo or policy change writes it).
    private static func correctedParseProblems(_ db: Database) throws -> [String] {
        var problems: [String] = []
        for rowID in try Int64.fetchAll(
            db, sql: "SELECT DISTINCT trajectory_id FROM turn_current WHERE text IS NOT NULL ORDER BY 1")
        {
            guard let (trajectory, dialect) = try wholeTrajectory(rowID: rowID, db: db),
                let stored = try Row.fetchOne(
                    db, sql: "SELECT steps, flags FROM trajectory WHERE id = ?", arguments: [rowID])
            else { continue }
            let parsed = CorrectedParse(trajectory, dialect: dialect, labels: try turnLabels(rowID: rowID, db: db))
            if stored["steps"] != parsed.steps || stored["flags"] != parsed.flagsColumn {
                problems.append("\(TrajectoryReport.visible(trajectory.id)): \(StoreCheck.staleCorrectedParse)")
            }
        }
        return StoreCheck.listed(problems)
    }

    /// The full-text index's finding: skipped while an import in progress builds the index apart (the
    /// texts it stored are not in it yet, as designed), else FTS5's check.
    private static func fullTextFinding(storePath: String, _ writer: some DatabaseWriter) -> Finding {
        if (try? writer.read { try SearchIndexBuild.isRunning(storePath: storePath, in: $0) }) == true {
            return Finding(
                check: "full-text index", problems: [],
                skipped: "an import in progress is building it; its texts are searchable when it ends")
        }
        // The transaction is inside the finding: on a damaged file even its commit can fail.
        return finding("full-text index") { try writer.write(fullTextProblems) }
    }

    private static func fullTextProblems(_ db: Database) throws -> [String] {
        // An import into a store without texts indexes them apart and moves the index in when it ends; one
        // that died left its build, which the next command that opens the store for writing finishes.
        if try SearchIndexBuild.isRegistered(db) {
            return [
                "message_fts lacks the texts of an interrupted import "
                    + "(the next command that opens the store for writing indexes them)"
            ]
        }
        do {
            // With rank 1, FTS5 checks the index against `message_text` too, not only against itself.
            try db.execute(sql: "INSERT INTO message_fts (message_fts, rank) VALUES ('integrity-check', 1)")
            return []
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
            return ["message_fts does not match message_text: \(error.message ?? "corrupt")"]
        }
    }

    /// The first ``StoreCheck/problemsListed`` rows of a one-column query, and how many more there were.
    private static func listed(_ db: Database, sql: String) throws -> [String] {
        StoreCheck.listed(try String.fetchAll(db, sql: sql))
    }

}
