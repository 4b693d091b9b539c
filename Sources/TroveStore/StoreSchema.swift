import GRDB
import TroveCore

/// The store's schema, as named migrations that are never edited once released.
///
/// docs/store.md documents the tables and views as a contract for trainers and
/// inference tools that read the store with plain SQL. A new version of trove
/// that changes the schema adds a migration; ``version`` counts them, and
/// `store_info.schema_version` holds it for readers that don't use GRDB.
enum StoreSchema {
    /// The schema version this build of trove writes.
    static let version = 14

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-trajectories", migrate: createTrajectories)
        migrator.registerMigration("v1-labels", migrate: createLabels)
        migrator.registerMigration("v1-fts", migrate: createFullTextIndex)
        migrator.registerMigration("v1-views", migrate: createViews)
        migrator.registerMigration("v1-review-state", migrate: createReviewState)
        migrator.registerMigration("v2-steps-in-trajectory", migrate: moveStepsIntoTrajectory)
        migrator.registerMigration("v2-private-and-shared-texts", migrate: splitPrivateAndSharedTexts)
        migrator.registerMigration("v3-label-batches", migrate: groupLabelEventsInBatches)
        migrator.registerMigration("v3-context-texts", migrate: markContextTexts)
        migrator.registerMigration("v3-reward-source", migrate: recordRewardSources)
        migrator.registerMigration("v4-outcomes-and-tool-calls", migrate: addOutcomesAndToolCalls)
        migrator.registerMigration("v5-reviewer-labels", migrate: keepEachReviewersLabel)
        migrator.registerMigration("v5-assignments", migrate: addAssignments)
        migrator.registerMigration("v6-task-groups", migrate: addTaskGroups)
        migrator.registerMigration("v7-turn-labels", migrate: addTurnLabels)
        migrator.registerMigration("v8-filter-columns", migrate: indexFilterColumns)
        migrator.registerMigration("v9-label-event-trigger", migrate: recreateLabelEventTrigger)
        migrator.registerMigration("v10-step-text-spans", migrate: readStepTextSpans)
        migrator.registerMigration("v11-bad-encoding-flag", migrate: flagBadEncoding)
        migrator.registerMigration("v12-task-goals", migrate: storeTaskGoals)
        migrator.registerMigration("v13-folded-search-words", migrate: foldSearchWords)
        migrator.registerMigration("v14-parsed-steps", migrate: keepStepsParsed)
        return migrator
    }

    private static func createTrajectories(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE store_info (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                ) WITHOUT ROWID;
                INSERT INTO store_info (key, value) VALUES ('schema_version', '1');

                CREATE TABLE import_run (
                    id INTEGER PRIMARY KEY,
                    started_at TEXT NOT NULL,
                    finished_at TEXT,
                    trove_version TEXT NOT NULL,
                    files TEXT NOT NULL CHECK (json_valid(files)),
                    options TEXT NOT NULL CHECK (json_valid(options)),
                    added INTEGER NOT NULL DEFAULT 0,
                    skipped INTEGER NOT NULL DEFAULT 0,
                    conflicts INTEGER NOT NULL DEFAULT 0,
                    replaced INTEGER NOT NULL DEFAULT 0,
                    rejected INTEGER NOT NULL DEFAULT 0
                );

                CREATE TABLE trajectory (
                    id INTEGER PRIMARY KEY,
                    external_id TEXT NOT NULL UNIQUE,
                    task TEXT NOT NULL,
                    dialect TEXT NOT NULL,
                    source_file TEXT NOT NULL,
                    source_line INTEGER NOT NULL CHECK (source_line >= 1),
                    format TEXT NOT NULL,
                    env_reward REAL CHECK (env_reward IS NULL OR env_reward BETWEEN 0 AND 1),
                    metadata TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),
                    original BLOB NOT NULL,
                    original_sha256 TEXT NOT NULL,
                    message_count INTEGER NOT NULL,
                    step_count INTEGER NOT NULL,
                    preview TEXT NOT NULL DEFAULT '',
                    flags TEXT NOT NULL DEFAULT '',
                    source_model TEXT,
                    import_id INTEGER NOT NULL REFERENCES import_run(id),
                    imported_at TEXT NOT NULL
                );
                CREATE INDEX trajectory_by_task ON trajectory(task, id);

                CREATE TABLE trajectory_flag (
                    trajectory_id INTEGER NOT NULL REFERENCES trajectory(id) ON DELETE CASCADE,
                    flag TEXT NOT NULL,
                    PRIMARY KEY (trajectory_id, flag)
                ) WITHOUT ROWID;
                CREATE INDEX trajectory_flag_by_flag ON trajectory_flag(flag, trajectory_id);

                -- Each distinct message text is stored (and indexed for search) once: AgentInstruct
                -- repeats a task's prompt and in-context example in every record, half of all text.
                CREATE TABLE message_text (
                    id INTEGER PRIMARY KEY,
                    hash INTEGER NOT NULL,
                    text TEXT NOT NULL
                );
                CREATE INDEX message_text_by_hash ON message_text(hash);

                CREATE TABLE message_row (
                    id INTEGER PRIMARY KEY,
                    trajectory_id INTEGER NOT NULL REFERENCES trajectory(id) ON DELETE CASCADE,
                    idx INTEGER NOT NULL CHECK (idx >= 0),
                    role TEXT NOT NULL CHECK (role IN ('instruction', 'agent', 'environment', 'system', 'tool')),
                    original_role TEXT NOT NULL,
                    text_id INTEGER NOT NULL REFERENCES message_text(id),
                    loss INTEGER CHECK (loss IN (0, 1)),
                    turn TEXT NOT NULL,
                    UNIQUE (trajectory_id, idx)
                );
                CREATE INDEX message_row_by_text ON message_row(text_id);

                CREATE VIEW message AS
                SELECT r.id, r.trajectory_id, r.idx, r.role, r.original_role, x.text, r.loss, r.turn, r.text_id
                FROM message_row r JOIN message_text x ON x.id = r.text_id;

                CREATE TABLE step (
                    trajectory_id INTEGER NOT NULL REFERENCES trajectory(id) ON DELETE CASCADE,
                    idx INTEGER NOT NULL CHECK (idx >= 0),
                    message_idx INTEGER NOT NULL,
                    observation_idx INTEGER,
                    thought TEXT,
                    action_kind TEXT,
                    action_argument TEXT,
                    observation TEXT,
                    final_answer TEXT,
                    parsed_by TEXT NOT NULL,
                    segments TEXT NOT NULL CHECK (json_valid(segments)),
                    PRIMARY KEY (trajectory_id, idx)
                ) WITHOUT ROWID;

                CREATE TABLE replaced_record (
                    id INTEGER PRIMARY KEY,
                    trajectory_id INTEGER NOT NULL REFERENCES trajectory(id),
                    original BLOB NOT NULL,
                    original_sha256 TEXT NOT NULL,
                    source_file TEXT NOT NULL,
                    source_line INTEGER NOT NULL,
                    replaced_at TEXT NOT NULL,
                    import_id INTEGER NOT NULL REFERENCES import_run(id)
                );
                """)
    }

    private static func createLabels(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE label_event (
                    id INTEGER PRIMARY KEY,
                    trajectory_id INTEGER NOT NULL REFERENCES trajectory(id),
                    reviewer TEXT NOT NULL,
                    at TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('label', 'undo', 'redo')),
                    reverts INTEGER REFERENCES label_event(id),
                    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
                    reward REAL CHECK (reward IS NULL OR reward BETWEEN 0 AND 1),
                    reward_reason TEXT,
                    tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
                    note TEXT,
                    origin TEXT NOT NULL,
                    CHECK ((kind = 'label') = (reverts IS NULL))
                );
                CREATE INDEX label_event_by_trajectory ON label_event(trajectory_id, id);
                CREATE INDEX label_event_by_reviewer ON label_event(reviewer, id);

                CREATE TRIGGER label_event_no_update BEFORE UPDATE ON label_event
                BEGIN SELECT RAISE(ABORT, 'label_event is append-only'); END;
                CREATE TRIGGER label_event_no_delete BEFORE DELETE ON label_event
                BEGIN SELECT RAISE(ABORT, 'label_event is append-only'); END;

                CREATE TABLE label_current (
                    trajectory_id INTEGER PRIMARY KEY REFERENCES trajectory(id),
                    event_id INTEGER NOT NULL REFERENCES label_event(id),
                    status TEXT NOT NULL,
                    reward REAL,
                    reward_reason TEXT,
                    tags TEXT NOT NULL,
                    note TEXT,
                    reviewer TEXT NOT NULL,
                    at TEXT NOT NULL
                );
                CREATE INDEX label_current_by_status ON label_current(status, trajectory_id);

                CREATE TABLE label_tag (
                    trajectory_id INTEGER NOT NULL REFERENCES trajectory(id),
                    tag TEXT NOT NULL,
                    PRIMARY KEY (trajectory_id, tag)
                ) WITHOUT ROWID;
                CREATE INDEX label_tag_by_tag ON label_tag(tag, trajectory_id);

                CREATE TRIGGER label_event_current AFTER INSERT ON label_event
                BEGIN
                \(currentLabelTriggerBody)
                END;
                """)
    }

    /// What the `label_event_current` trigger does for an event (version 1 for every event, version 3
    /// for an event written without a batch): make it the trajectory's current label and tags.
    private static let currentLabelTriggerBody = """
        INSERT INTO label_current
            (trajectory_id, event_id, status, reward, reward_reason, tags, note, reviewer, at)
        VALUES (NEW.trajectory_id, NEW.id, NEW.status, NEW.reward, NEW.reward_reason, NEW.tags,
                NEW.note, NEW.reviewer, NEW.at)
        ON CONFLICT (trajectory_id) DO UPDATE SET
            event_id = excluded.event_id, status = excluded.status, reward = excluded.reward,
            reward_reason = excluded.reward_reason, tags = excluded.tags, note = excluded.note,
            reviewer = excluded.reviewer, at = excluded.at;
        DELETE FROM label_tag WHERE trajectory_id = NEW.trajectory_id;
        INSERT INTO label_tag (trajectory_id, tag)
            SELECT DISTINCT NEW.trajectory_id, value FROM json_each(NEW.tags);
        """

    private static func createFullTextIndex(_ db: Database) throws {
        try db.execute(sql: searchIndexTable)
    }

    /// The search index over `message_text` (an import into an empty store builds it in a scratch
    /// database under this definition too, ``SearchIndexBuild``).
    static let searchIndexTable = """
        CREATE VIRTUAL TABLE message_fts USING fts5(
            text, content='message_text', content_rowid='id', tokenize='\(searchTokenizer.joined(separator: " "))'
        )
        """

    /// The search index's tokenizer and its options.
    static let searchTokenizer = ["unicode61", "remove_diacritics", "2"]

    /// The statement that indexes the texts `condition` selects (by `id`) into the search index.
    static func indexingTexts(where condition: String) -> String {
        "INSERT INTO message_fts (rowid, text) SELECT id, text FROM message_text WHERE \(condition)"
    }

    private static func createReviewState(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE review_state (
                    reviewer TEXT PRIMARY KEY NOT NULL,
                    trajectory_external_id TEXT,
                    filter TEXT NOT NULL DEFAULT '',
                    sort TEXT NOT NULL DEFAULT 'order',
                    updated_at TEXT NOT NULL
                ) WITHOUT ROWID;
                """)
    }

    /// Version 2 keeps each trajectory's steps as one JSON array in `trajectory.steps`, behind a `step`
    /// view with the columns of version 1's table.
    ///
    /// Implementation note: a step row per parsed turn, each repeating text its message already holds,
    /// cost an import an eighth of its writing time and the store a fifth of its size; the array is
    /// written with the trajectory's row, and readers select from the view as before.
    private static func moveStepsIntoTrajectory(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE trajectory ADD COLUMN steps TEXT NOT NULL DEFAULT '[]';
                UPDATE trajectory SET steps = (
                    SELECT json_group_array(json_array(
                        message_idx, observation_idx, thought, action_kind, action_argument, observation,
                        final_answer, parsed_by, json(segments)))
                    FROM (SELECT * FROM step WHERE trajectory_id = trajectory.id ORDER BY idx))
                WHERE step_count > 0;
                DROP TABLE step;

                CREATE VIEW step AS
                SELECT t.id AS trajectory_id, CAST(j.key AS INTEGER) AS idx,
                       json_extract(j.value, '$[0]') AS message_idx,
                       json_extract(j.value, '$[1]') AS observation_idx,
                       json_extract(j.value, '$[2]') AS thought,
                       json_extract(j.value, '$[3]') AS action_kind,
                       json_extract(j.value, '$[4]') AS action_argument,
                       json_extract(j.value, '$[5]') AS observation,
                       json_extract(j.value, '$[6]') AS final_answer,
                       json_extract(j.value, '$[7]') AS parsed_by,
                       json_extract(j.value, '$[8]') AS segments
                FROM trajectory t, json_each(t.steps) j;

                UPDATE store_info SET value = '2' WHERE key = 'schema_version';
                """)
    }

    /// Version 2 finds the trajectories that use a text without an index over every message: a text
    /// stored for one trajectory names it in `message_text.trajectory_id`, and a text that several may
    /// share (a prompt, an in-context example, a short reply) has one `text_use` row per trajectory
    /// using it. `message_row` is keyed by `(trajectory_id, idx)` alone.
    ///
    /// Implementation note: `message_row` with a row id, a unique index, an index on `text_id` and
    /// IN-list checks made each message cost an import three B-tree inserts and a temporary table.
    private static func splitPrivateAndSharedTexts(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE message_text ADD COLUMN trajectory_id INTEGER;
                CREATE TABLE text_use (
                    text_id INTEGER NOT NULL,
                    trajectory_id INTEGER NOT NULL,
                    PRIMARY KEY (text_id, trajectory_id)
                ) WITHOUT ROWID;
                UPDATE message_text SET trajectory_id = (
                    SELECT min(trajectory_id) FROM message_row WHERE text_id = message_text.id)
                WHERE (SELECT count(DISTINCT trajectory_id) FROM message_row WHERE text_id = message_text.id) = 1;
                INSERT INTO text_use (text_id, trajectory_id)
                    SELECT DISTINCT r.text_id, r.trajectory_id
                    FROM message_row r JOIN message_text x ON x.id = r.text_id
                    WHERE x.trajectory_id IS NULL;

                -- The checks compare with OR rather than IN: SQLite builds a table for an IN list each
                -- time an insert statement runs, which made a message row cost twice as much.
                CREATE TABLE message_row_v2 (
                    trajectory_id INTEGER NOT NULL REFERENCES trajectory(id) ON DELETE CASCADE,
                    idx INTEGER NOT NULL CHECK (idx >= 0),
                    role TEXT NOT NULL CHECK (
                        role = 'instruction' OR role = 'agent' OR role = 'environment' OR role = 'system'
                        OR role = 'tool'),
                    original_role TEXT NOT NULL,
                    text_id INTEGER NOT NULL REFERENCES message_text(id),
                    loss INTEGER CHECK (loss = 0 OR loss = 1),
                    turn TEXT NOT NULL,
                    PRIMARY KEY (trajectory_id, idx)
                ) WITHOUT ROWID;
                INSERT INTO message_row_v2 (trajectory_id, idx, role, original_role, text_id, loss, turn)
                    SELECT trajectory_id, idx, role, original_role, text_id, loss, turn FROM message_row;
                DROP VIEW message;
                DROP TABLE message_row;
                ALTER TABLE message_row_v2 RENAME TO message_row;

                CREATE VIEW message AS
                SELECT r.trajectory_id, r.idx, r.role, r.original_role, x.text, r.loss, r.turn, r.text_id
                FROM message_row r JOIN message_text x ON x.id = r.text_id;

                -- Only a shared text is ever looked up by its hash.
                DROP INDEX message_text_by_hash;
                CREATE INDEX message_text_by_hash ON message_text(hash) WHERE trajectory_id IS NULL;
                """)
    }

    /// Version 3 groups label events in batches: every event one change wrote (one key press, one
    /// `trove label`, one undo or redo) names its `label_batch`, which undo and redo act on as a whole.
    /// An event from before version 3 becomes a batch of its own, with its id, its status as the change
    /// (`accept`, `reject`, `pending`; for an undo or a redo, the status of the event it reverts, which is
    /// the batch it reverts).
    ///
    /// trove keeps `label_current` and `label_tag` up to date itself, with three set-based statements
    /// per batch; the version 1 trigger still does it for an event written without a batch (by SQL
    /// from outside trove).
    ///
    /// Implementation note: the update that fills in `batch` is the only one ever made to
    /// `label_event`, so the append-only trigger is dropped around it and created again. The per-event
    /// trigger (an upsert and a tag rewrite for each row, each checked against foreign keys) made a batch
    /// of a million labels take 27 s of its 35 s; the statements per batch take 4 s.
    private static func groupLabelEventsInBatches(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE label_batch (
                    id INTEGER PRIMARY KEY,
                    reviewer TEXT NOT NULL,
                    at TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('label', 'undo', 'redo')),
                    reverts INTEGER REFERENCES label_batch(id),
                    change TEXT NOT NULL,
                    origin TEXT NOT NULL,
                    CHECK ((kind = 'label') = (reverts IS NULL))
                );
                CREATE INDEX label_batch_by_reviewer ON label_batch(reviewer, id);
                INSERT INTO label_batch (id, reviewer, at, kind, reverts, change, origin)
                    SELECT e.id, e.reviewer, e.at, e.kind, e.reverts,
                           CASE r.status WHEN 'accepted' THEN 'accept' WHEN 'rejected' THEN 'reject' ELSE 'pending' END,
                           e.origin
                    FROM label_event e JOIN label_event r ON r.id = COALESCE(e.reverts, e.id) ORDER BY e.id;

                DROP TRIGGER label_event_current;
                DROP TRIGGER label_event_no_update;
                ALTER TABLE label_event ADD COLUMN batch INTEGER REFERENCES label_batch(id);
                UPDATE label_event SET batch = id;
                CREATE TRIGGER label_event_no_update BEFORE UPDATE ON label_event
                BEGIN SELECT RAISE(ABORT, 'label_event is append-only'); END;
                CREATE INDEX label_event_by_batch ON label_event(batch, trajectory_id);
                CREATE TRIGGER label_event_current AFTER INSERT ON label_event WHEN NEW.batch IS NULL
                BEGIN
                \(currentLabelTriggerBody)
                END;

                UPDATE store_info SET value = '3' WHERE key = 'schema_version';
                """)
    }

    /// Version 3 tells the texts of context turns (prompt, handshake, in-context example, other: what
    /// every record of a task shares) from the trajectory's own turns, so that `has:` searches only the
    /// latter and `context:` only the former: `message_text.context` is 1 for a shared text stored for a
    /// context turn. From version 3 on, the same bytes in a context turn and in an own turn are two
    /// shared texts; an older store marks a shared text used in any context turn as context.
    private static func markContextTexts(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE message_text ADD COLUMN context INTEGER NOT NULL DEFAULT 0 CHECK (context = 0 OR context = 1);
                UPDATE message_text SET context = 1
                WHERE trajectory_id IS NULL AND id IN (
                    SELECT text_id FROM message_row WHERE turn IN ('prompt', 'handshake', 'example', 'other'));
                """)
    }

    /// Version 3 records where each environment reward came from: `trajectory.env_reward_source` is
    /// `record field`, `observation text`, `sidecar` or `--reward`, and NULL when the reward is unknown
    /// or was stored before version 3.
    private static func recordRewardSources(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE trajectory ADD COLUMN env_reward_source TEXT CHECK (
                    env_reward_source IS NULL OR env_reward_source = 'record field'
                    OR env_reward_source = 'observation text' OR env_reward_source = 'sidecar'
                    OR env_reward_source = '--reward');
                """)
    }

    /// Version 4 keeps how a run ended (`trajectory.outcome`, a ``RunOutcome`` name or NULL) and the tool
    /// calls of agent messages (`message_row.tool_calls`, a JSON array of `{"id", "name", "arguments"}`
    /// or NULL) with the id a tool result answers (`message_row.tool_call_id`); the `message` and
    /// `trajectory_review` views show them.
    private static func addOutcomesAndToolCalls(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE trajectory ADD COLUMN outcome TEXT;
                CREATE INDEX trajectory_by_outcome ON trajectory(outcome, id) WHERE outcome IS NOT NULL;
                ALTER TABLE message_row ADD COLUMN tool_calls TEXT CHECK (tool_calls IS NULL OR json_valid(tool_calls));
                ALTER TABLE message_row ADD COLUMN tool_call_id TEXT;

                DROP VIEW message;
                CREATE VIEW message AS
                SELECT r.trajectory_id, r.idx, r.role, r.original_role, x.text, r.loss, r.turn, r.text_id,
                       r.tool_calls, r.tool_call_id
                FROM message_row r JOIN message_text x ON x.id = r.text_id;

                DROP VIEW accepted_trajectory;
                DROP VIEW trajectory_review;
                CREATE VIEW trajectory_review AS
                SELECT t.id, t.external_id, t.task, t.dialect, t.env_reward,
                       COALESCE(l.status, 'pending') AS status,
                       l.reward AS review_reward,
                       COALESCE(l.reward, t.env_reward) AS effective_reward,
                       l.reward_reason, COALESCE(l.tags, '[]') AS tags, l.note,
                       l.reviewer, l.at AS reviewed_at,
                       t.step_count, t.message_count, t.format, t.source_file, t.source_line, t.outcome
                FROM trajectory t LEFT JOIN label_current l ON l.trajectory_id = t.id;

                CREATE VIEW accepted_trajectory AS
                SELECT r.*, t.original, CAST(t.original AS TEXT) AS record
                FROM trajectory_review r JOIN trajectory t ON t.id = r.id
                WHERE r.status = 'accepted';

                UPDATE store_info SET value = '4' WHERE key = 'schema_version';
                """)
    }

    /// The reviewer named on the label events a version 4 import wrote when it replaced a reviewed
    /// record: those events are no reviewer's label. From version 5 on, such a reset is written as each
    /// reviewer's own pending event in a batch by this reviewer.
    static let importReviewer = LabelBatch.importReviewer

    /// Version 5 gives every reviewer their own current label per trajectory (`reviewer_current`, the
    /// `reviewer_label` view) and derives `label_current` and `label_tag` from them as the trajectory's
    /// decision under the latest `team_policy` row (none: one review decides, by majority).
    ///
    /// Each reviewer's current label is their latest event on the trajectory; the events a version 4
    /// import wrote as `trove` when it replaced a reviewed record belong to no one, and a reviewer whose
    /// decision such a reset came after goes back to pending in one batch by `trove` (origin
    /// `migration`), as a version 5 import would have done. Under version 4 the latest event of any
    /// reviewer was the label; now two reviewers who disagreed on a trajectory make it `disputed`.
    ///
    /// The version 1 trigger, for events written without a batch by SQL from outside trove, is
    /// replaced by one that does the same per event.
    private static func keepEachReviewersLabel(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE reviewer_current (
                    trajectory_id INTEGER NOT NULL REFERENCES trajectory(id),
                    reviewer TEXT NOT NULL,
                    event_id INTEGER NOT NULL REFERENCES label_event(id),
                    status TEXT NOT NULL CHECK (status = 'pending' OR status = 'accepted' OR status = 'rejected'),
                    reward REAL,
                    reward_reason TEXT,
                    tags TEXT NOT NULL,
                    note TEXT,
                    at TEXT NOT NULL,
                    PRIMARY KEY (trajectory_id, reviewer)
                ) WITHOUT ROWID;
                CREATE INDEX reviewer_current_by_reviewer ON reviewer_current(reviewer, trajectory_id);

                CREATE TABLE team_policy (
                    id INTEGER PRIMARY KEY,
                    min_reviews INTEGER NOT NULL CHECK (min_reviews >= 1),
                    consensus TEXT NOT NULL CHECK (consensus = 'majority' OR consensus = 'unanimous'),
                    adjudicators TEXT NOT NULL DEFAULT '[]'
                        CHECK (json_valid(adjudicators) AND json_type(adjudicators) = 'array'),
                    set_by TEXT NOT NULL,
                    set_at TEXT NOT NULL
                );

                DROP TRIGGER label_event_current;
                INSERT INTO reviewer_current (trajectory_id, reviewer, event_id, status, reward, reward_reason, tags,
                    note, at)
                SELECT e.trajectory_id, e.reviewer, e.id, e.status, e.reward, e.reward_reason, e.tags, e.note, e.at
                FROM (SELECT max(id) AS id FROM label_event
                      WHERE NOT (reviewer = '\(importReviewer)' AND origin = 'import')
                      GROUP BY trajectory_id, reviewer) m
                JOIN label_event e ON e.id = m.id ORDER BY e.trajectory_id, e.reviewer;
                """)
        let reset = """
            r.status <> 'pending' AND EXISTS (
                SELECT 1 FROM label_event x WHERE x.trajectory_id = r.trajectory_id
                    AND x.reviewer = '\(importReviewer)' AND x.origin = 'import' AND x.id > r.event_id)
            """
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM reviewer_current r WHERE \(reset))") == true {
            let at = Timestamp.now()
            try db.execute(
                sql: """
                    INSERT INTO label_batch (reviewer, at, kind, reverts, change, origin)
                    VALUES ('\(importReviewer)', ?, 'label', NULL, 'pending: record replaced by an import', 'migration')
                    """, arguments: [at])
            let batch = db.lastInsertedRowID
            let before = try Store.lastEventID(db: db)
            try db.execute(
                sql: """
                    INSERT INTO label_event (trajectory_id, reviewer, at, kind, reverts, status, reward, reward_reason,
                        tags, note, origin, batch)
                    SELECT r.trajectory_id, r.reviewer, ?, 'label', NULL, 'pending', r.reward, r.reward_reason, r.tags,
                           r.note, 'migration', ?
                    FROM reviewer_current r WHERE \(reset) ORDER BY r.trajectory_id, r.reviewer
                    """, arguments: [at, batch])
            for statement in reviewerLabelUpdates { try db.execute(sql: statement, arguments: [batch, before]) }
        }
        try db.execute(sql: "DELETE FROM reviewer_current WHERE \(ReviewerLabelSQL.isEmpty("reviewer_current"))")
        try db.execute(sql: "DELETE FROM label_current; DELETE FROM label_tag;")
        for statement in DecisionSQL.update("SELECT trajectory_id FROM reviewer_current") {
            try db.execute(sql: statement)
        }
        try db.execute(
            sql: """
                \(reviewerLabelTrigger)

                CREATE VIEW reviewer_label AS
                SELECT r.trajectory_id, t.external_id, r.reviewer, r.status, r.reward AS review_reward,
                       r.reward_reason, r.tags, r.note, r.at AS reviewed_at,
                       r.reviewer IN (SELECT value FROM json_each(COALESCE(
                           (SELECT adjudicators FROM team_policy ORDER BY id DESC LIMIT 1), '[]'))) AS is_adjudicator
                FROM reviewer_current r JOIN trajectory t ON t.id = r.trajectory_id;

                UPDATE store_info SET value = '5' WHERE key = 'schema_version';
                """)
    }

    /// The `label_event_current` trigger (versions 5 and 9): an event inserted without a batch, by SQL from
    /// outside trove, is its reviewer's label (an empty one leaves none), and its trajectory's decision
    /// is derived again.
    private static var reviewerLabelTrigger: String {
        """
        CREATE TRIGGER label_event_current AFTER INSERT ON label_event WHEN NEW.batch IS NULL
        BEGIN
        \(ReviewerLabelSQL.upsert(ReviewerLabelSQL.triggeringEvent));
        DELETE FROM reviewer_current WHERE trajectory_id = NEW.trajectory_id AND reviewer = NEW.reviewer
            AND \(ReviewerLabelSQL.isEmpty("reviewer_current"));
        \(DecisionSQL.update("SELECT NEW.trajectory_id").joined(separator: ";\n"));
        END;
        """
    }

    /// The statements that make `reviewer_current` show the events of one batch (arguments: the batch, and
    /// an event id below every event of the batch): each event is its reviewer's label on its trajectory,
    /// and an empty one leaves no row.
    static let reviewerLabelUpdates = [reviewerLabelUpsert, emptyReviewerLabelRemoval]

    /// The events of one batch (``reviewerLabelUpdates``' arguments) with `columns`, in id order.
    ///
    /// Implementation note: a batch's events are written by one `INSERT … SELECT`, so they are the events
    /// after the largest id before it; reading that row id range instead of `label_event_by_batch` (and
    /// a table lookup per index entry) took the reviewer labels of a million events from 2.0 s to 1.0 s.
    /// The `+` keeps SQLite off the batch index: the batch is tested on each row of the range.
    /// Ordered by id, which is `(trajectory_id, reviewer)` order: every batch writes its events so.
    static func batchEvents(_ columns: String) -> String {
        "SELECT \(columns) FROM label_event WHERE +batch = ? AND id > ? ORDER BY id"
    }

    /// The first of ``reviewerLabelUpdates``: each event of the batch is its reviewer's label.
    static let reviewerLabelUpsert = ReviewerLabelSQL.upsert(
        batchEvents("trajectory_id, reviewer, id, status, reward, reward_reason, tags, note, at"))

    /// The second of ``reviewerLabelUpdates``: an empty label of the batch leaves no row.
    static let emptyReviewerLabelRemoval = ReviewerLabelSQL.emptyRemoval(batchEvents("trajectory_id, reviewer"))

    /// Version 5 keeps review assignments (`trove assign`): reviewer `reviewer` is to label trajectory
    /// `trajectory_id`. The `review_assignment` view says whether they did (an accept or a reject of
    /// theirs is current).
    private static func addAssignments(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE assignment (
                    trajectory_id INTEGER NOT NULL REFERENCES trajectory(id),
                    reviewer TEXT NOT NULL,
                    assigned_at TEXT NOT NULL,
                    PRIMARY KEY (trajectory_id, reviewer)
                ) WITHOUT ROWID;
                CREATE INDEX assignment_by_reviewer ON assignment(reviewer, trajectory_id);

                CREATE VIEW review_assignment AS
                SELECT a.trajectory_id, t.external_id, a.reviewer, a.assigned_at,
                       EXISTS (SELECT 1 FROM reviewer_current r
                               WHERE r.trajectory_id = a.trajectory_id AND r.reviewer = a.reviewer
                                 AND (r.status = 'accepted' OR r.status = 'rejected')) AS done
                FROM assignment a JOIN trajectory t ON t.id = a.trajectory_id;
                """)
    }

    /// Version 6 records each trajectory's task instance: `trajectory.task_group`, the ``TaskGroup`` id of
    /// its task name and task text (NULL when it states no task), computed here for the trajectories
    /// already stored from the same `message` rows the importer would read.
    private static func addTaskGroups(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE trajectory ADD COLUMN task_group TEXT;
                CREATE INDEX trajectory_by_group ON trajectory(task_group, id) WHERE task_group IS NOT NULL;
                """)
        // The task turn when the parse found one, else the first instruction: TaskGroup.taskText's rule.
        try fillTrajectories(
            db, column: "task_group",
            selecting: """
                COALESCE(
                    (SELECT x.text FROM message_row r JOIN message_text x ON x.id = r.text_id
                     WHERE r.trajectory_id = t.id AND r.turn = 'task' ORDER BY r.idx LIMIT 1),
                    (SELECT x.text FROM message_row r JOIN message_text x ON x.id = r.text_id
                     WHERE r.trajectory_id = t.id AND r.role = 'instruction' ORDER BY r.idx LIMIT 1))
                """
        ) { row in
            let text: String? = row["text"]
            return text.map { TaskGroup.id(task: row["task"], taskText: $0) }
        }
        try db.execute(sql: "UPDATE store_info SET value = '6' WHERE key = 'schema_version'")
    }

    /// Version 7 keeps per-turn training masks and corrected texts as label history: `turn_event`
    /// (append-only, one row per reviewer's change to one turn, in the `label_batch` of the change, so
    /// undo and redo take back turn changes as they do labels), `turn_current` (each reviewer's current
    /// mask and correction per turn) and the `turn_label` view (the decision per turn,
    /// ``TurnSQL/decisions``).
    private static func addTurnLabels(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE turn_event (
                    id INTEGER PRIMARY KEY,
                    trajectory_id INTEGER NOT NULL REFERENCES trajectory(id),
                    turn INTEGER NOT NULL CHECK (turn >= 0),
                    reviewer TEXT NOT NULL,
                    at TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('label', 'undo', 'redo')),
                    reverts INTEGER REFERENCES turn_event(id),
                    train INTEGER CHECK (train IS NULL OR train IN (0, 1)),
                    text TEXT,
                    origin TEXT NOT NULL,
                    batch INTEGER NOT NULL REFERENCES label_batch(id),
                    CHECK ((kind = 'label') = (reverts IS NULL))
                );
                CREATE INDEX turn_event_by_turn ON turn_event(trajectory_id, turn, id);
                CREATE INDEX turn_event_by_batch ON turn_event(batch);
                CREATE TRIGGER turn_event_no_update BEFORE UPDATE ON turn_event
                BEGIN SELECT RAISE(ABORT, 'turn_event is append-only'); END;
                CREATE TRIGGER turn_event_no_delete BEFORE DELETE ON turn_event
                BEGIN SELECT RAISE(ABORT, 'turn_event is append-only'); END;

                CREATE TABLE turn_current (
                    trajectory_id INTEGER NOT NULL REFERENCES trajectory(id),
                    turn INTEGER NOT NULL,
                    reviewer TEXT NOT NULL,
                    event_id INTEGER NOT NULL REFERENCES turn_event(id),
                    train INTEGER CHECK (train IS NULL OR train IN (0, 1)),
                    text TEXT,
                    at TEXT NOT NULL,
                    CHECK (train IS NOT NULL OR text IS NOT NULL),
                    PRIMARY KEY (trajectory_id, turn, reviewer)
                ) WITHOUT ROWID;

                CREATE VIEW turn_label AS \(TurnSQL.decisions);

                UPDATE store_info SET value = '7' WHERE key = 'schema_version';
                """)
    }

    /// Version 8 indexes the small `trajectory` columns filters test (`trajectory_filter_columns`), so that a
    /// filter on them, a bulk label's or the list's, reads that index instead of the table.
    ///
    /// Implementation note: a trajectory's row holds its record and steps (10 KB on average, most of a
    /// 16 KB page), so a scan of `trajectory` for `steps>0` read the whole 10 GB store of a million and a
    /// bulk label took 107 s, bound by that I/O; the index holds 40 bytes a row (SQLite scans it as a
    /// covering index, 5 s to build at a million).
    private static func indexFilterColumns(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE INDEX trajectory_filter_columns ON trajectory(
                    id, task, dialect, outcome, task_group, env_reward, step_count, message_count);
                UPDATE store_info SET value = '8' WHERE key = 'schema_version';
                """)
    }

    /// Version 9 is PostgreSQL's: its store gains the trigger that keeps an event inserted without a batch
    /// (by SQL from outside trove) as its reviewer's label, which SQLite's has had since version 5. Here
    /// the trigger is created again from the same statements, so both backends record the same steps.
    private static func recreateLabelEventTrigger(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP TRIGGER label_event_current;
                \(reviewerLabelTrigger)
                UPDATE store_info SET value = '9' WHERE key = 'schema_version';
                """)
    }

    /// Version 10 lets a step's text be the span of its bytes in its message's text (``StepCoding``): the
    /// `step` view reads such a text out of the message, and gives the same columns and values as before.
    /// Rows written before keep their texts written out, which the view reads as they are.
    ///
    /// Implementation note: a step's thought, argument, observation and answer repeated its messages'
    /// texts, a sixth of the store; as spans they take a few bytes each.
    private static func readStepTextSpans(_ db: Database) throws {
        /// The text at `position` of the step `j.value`: written out, or the span `[start, length]` of
        /// UTF-8 bytes in the text of the message whose index the step holds at `message`.
        func text(at position: Int, inMessageAt message: Int) -> String {
            """
            CASE json_type(j.value, '$[\(position)]') WHEN 'array' THEN (
                       SELECT CAST(substr(CAST(x.text AS BLOB), json_extract(j.value, '$[\(position)][0]') + 1,
                                          json_extract(j.value, '$[\(position)][1]')) AS TEXT)
                       FROM message_row r JOIN message_text x ON x.id = r.text_id
                       WHERE r.trajectory_id = t.id AND r.idx = json_extract(j.value, '$[\(message)]'))
                   ELSE json_extract(j.value, '$[\(position)]') END
            """
        }
        try db.execute(
            sql: """
                DROP VIEW step;
                CREATE VIEW step AS
                SELECT t.id AS trajectory_id, CAST(j.key AS INTEGER) AS idx,
                       json_extract(j.value, '$[0]') AS message_idx,
                       json_extract(j.value, '$[1]') AS observation_idx,
                       \(text(at: 2, inMessageAt: 0)) AS thought,
                       json_extract(j.value, '$[3]') AS action_kind,
                       \(text(at: 4, inMessageAt: 0)) AS action_argument,
                       \(text(at: 5, inMessageAt: 1)) AS observation,
                       \(text(at: 6, inMessageAt: 0)) AS final_answer,
                       json_extract(j.value, '$[7]') AS parsed_by,
                       json_extract(j.value, '$[8]') AS segments
                FROM trajectory t, json_each(t.steps) j;
                UPDATE store_info SET value = '10' WHERE key = 'schema_version';
                """)
    }

    /// Version 11 flags `bad-encoding` the stored trajectories a message text of which holds U+FFFD,
    /// as an import of this version does, and writes the flag into their `flags` list (sorted).
    private static func flagBadEncoding(_ db: Database) throws {
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO trajectory_flag (trajectory_id, flag)
                SELECT DISTINCT r.trajectory_id, '\(QualityFlag.badEncoding.rawValue)'
                FROM message_text x JOIN message_row r ON r.text_id = x.id
                WHERE instr(x.text, char(65533)) > 0;
                UPDATE trajectory SET flags = (
                    SELECT group_concat(flag, ',') FROM (
                        SELECT flag FROM trajectory_flag f WHERE f.trajectory_id = trajectory.id ORDER BY flag))
                WHERE id IN (SELECT trajectory_id FROM trajectory_flag WHERE flag = '\(QualityFlag.badEncoding.rawValue)');
                UPDATE store_info SET value = '11' WHERE key = 'schema_version';
                """)
    }

    /// Version 12 stores each trajectory's goal as the review list shows it (`trajectory.goal`: the first
    /// 200 characters of ``TaskGoal``'s reading of its task message), computed here for the trajectories
    /// already stored from the message an import reads it from, and indexes it ignoring case for the
    /// list's text sort (`trajectory_by_goal`).
    ///
    /// Implementation note: the list sorted by `preview`, the start of the task text with its dialect's
    /// boilerplate, while it showed the goal, so mind2web's pages came first; and no index served that
    /// sort, which read every row of the table (10 GB at a million) for a page. The goal is Swift's
    /// reading, not SQL's, so it is stored, as the task group is (version 6).
    private static func storeTaskGoals(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE trajectory ADD COLUMN goal TEXT NOT NULL DEFAULT ''")
        // The task turn when the parse found one, else the first instruction, else the first message:
        // PreparedTrajectory's rule.
        func text(_ condition: String) -> String {
            """
            (SELECT substr(x.text, 1, \(TaskGoal.searchBudget)) FROM message_row r
             JOIN message_text x ON x.id = r.text_id
             WHERE r.trajectory_id = t.id\(condition) ORDER BY r.idx LIMIT 1)
            """
        }
        try fillTrajectories(
            db, column: "goal",
            selecting: "COALESCE(\(text(" AND r.turn = 'task'")), \(text(" AND r.role = 'instruction'")), \(text("")))"
        ) { row in
            let goal = TaskGoal.goal(of: row["text"] ?? "", task: row["task"], limit: PreparedTrajectory.previewLength)
            return goal.isEmpty ? nil : goal
        }
        try db.execute(
            sql: """
                CREATE INDEX trajectory_by_goal ON trajectory(goal COLLATE NOCASE, id);
                UPDATE store_info SET value = '12' WHERE key = 'schema_version';
                """)
    }

    /// Version 13 is PostgreSQL's: its search words fold diacritics as `message_fts` (`remove_diacritics 2`)
    /// always has, so `has:cafe` finds `café` on both backends. Here only the version moves, so both
    /// backends record the same steps.
    private static func foldSearchWords(_ db: Database) throws {
        try db.execute(sql: "UPDATE store_info SET value = '13' WHERE key = 'schema_version'")
    }

    /// Version 14 is PostgreSQL's: its `step` view reads each trajectory's steps parsed once and stored
    /// (`jsonb`) instead of parsing `trajectory.steps` for every row. SQLite's `json_each` reads the text
    /// as it is; only the version moves.
    private static func keepStepsParsed(_ db: Database) throws {
        try db.execute(sql: "UPDATE store_info SET value = '14' WHERE key = 'schema_version'")
    }

    /// Sets `column` of every stored trajectory to what `value` computes of its row (`id`, `task` and
    /// `text`, the SQL expression `selecting` over trajectory `t`), leaving the rows it gives nil for:
    /// the migrations that store a value only Swift computes. In pages of row ids, so a million
    /// trajectories never sit in memory at once.
    private static func fillTrajectories(
        _ db: Database, column: String, selecting text: String, value: (Row) -> String?
    ) throws {
        let page = try db.makeStatement(
            sql: """
                SELECT t.id, t.task, \(text) AS text
                FROM trajectory t WHERE t.id > ? ORDER BY t.id LIMIT 10000
                """)
        let update = try db.makeStatement(sql: "UPDATE trajectory SET \(column) = ? WHERE id = ?")
        var last: Int64 = 0
        while true {
            let rows = try Row.fetchAll(page, arguments: [last])
            guard let final = rows.last else { break }
            for row in rows {
                if let value = value(row) { try update.execute(arguments: [value, row["id"]]) }
            }
            last = final["id"]
        }
    }

    private static func createViews(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE VIEW trajectory_review AS
                SELECT t.id, t.external_id, t.task, t.dialect, t.env_reward,
                       COALESCE(l.status, 'pending') AS status,
                       l.reward AS review_reward,
                       COALESCE(l.reward, t.env_reward) AS effective_reward,
                       l.reward_reason, COALESCE(l.tags, '[]') AS tags, l.note,
                       l.reviewer, l.at AS reviewed_at,
                       t.step_count, t.message_count, t.format, t.source_file, t.source_line
                FROM trajectory t LEFT JOIN label_current l ON l.trajectory_id = t.id;

                CREATE VIEW accepted_trajectory AS
                SELECT r.*, t.original, CAST(t.original AS TEXT) AS record
                FROM trajectory_review r JOIN trajectory t ON t.id = r.id
                WHERE r.status = 'accepted';
                """)
    }
}
