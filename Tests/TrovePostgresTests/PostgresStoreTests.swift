import Foundation
import Testing
import TroveCore
import TroveTestSupport

@testable import TrovePostgres

@Suite(.enabled(if: TestPostgres.url != nil, TestPostgres.skipMessage))
struct PostgresStoreTests {
    let url = TestPostgres.url ?? ""
    let schema = TestPostgres.uniqueSchema()

    /// A version 8 store gains, on opening, the trigger that makes an event a script inserts without a
    /// batch its reviewer's label and derives the decision.
    @Test func versionNineKeepsEventsInsertedBySQLAsLabels() throws {
        let store = try PostgresStore(url: url, schema: schema, createIfMissing: true)
        try store.connection.execute(
            """
            DROP TRIGGER label_event_current ON label_event; DROP FUNCTION label_event_current();
            DELETE FROM grdb_migrations WHERE identifier = 'v9-label-event-trigger';
            UPDATE store_info SET value = '8' WHERE key = 'schema_version';
            INSERT INTO import_run (id, started_at, trove_version, files, options) VALUES (1, 'now', '0', '[]', '{}');
            INSERT INTO trajectory (id, external_id, task, dialect, source_file, source_line, format, original,
                original_sha256, message_count, step_count, import_id, imported_at)
            VALUES (1, 'os_1', 'os', 'os', 'f.jsonl', 1, 'conversations/from-value', '\\x7b7d', '', 0, 0, 1, 'now')
            """)
        let reopened = try PostgresStore(url: url, schema: schema)
        #expect(try reopened.schemaVersion() == 9)
        try reopened.connection.execute(
            """
            INSERT INTO label_event (trajectory_id, reviewer, at, kind, status, tags, origin)
            VALUES (1, 'script', '2026-01-01T00:00:00.000Z', 'label', 'accepted', '["s"]', 'sql')
            """)
        let decision = try reopened.connection.execute(
            """
            SELECT (SELECT status FROM reviewer_current WHERE reviewer = 'script'), l.status, l.tags, g.tag
            FROM label_current l JOIN label_tag g ON g.trajectory_id = l.trajectory_id
            """)
        #expect(decision.rowCount == 1)
        #expect(try (0..<4).map { try decision.string(0, $0) } == ["accepted", "accepted", #"["s"]"#, "s"])
    }

    /// A version 10 store gains, on opening, `bad-encoding` on trajectories whose text holds U+FFFD.
    @Test func versionElevenFlagsStoredTextsHoldingTheReplacementCharacter() throws {
        let store = try PostgresStore(url: url, schema: schema, createIfMissing: true)
        try store.connection.execute(
            """
            DELETE FROM grdb_migrations WHERE identifier = 'v11-bad-encoding-flag';
            UPDATE store_info SET value = '10' WHERE key = 'schema_version';
            INSERT INTO import_run (id, started_at, trove_version, files, options) VALUES (1, 'now', '0', '[]', '{}');
            INSERT INTO trajectory (id, external_id, task, dialect, source_file, source_line, format, original,
                original_sha256, message_count, step_count, import_id, imported_at, flags)
            VALUES (1, 'os_1', 'os', 'os', 'f.jsonl', 1, 'conversations/from-value', '\\x7b7d', '', 1, 0, 1, 'now',
                    'raw-fallback'),
                   (2, 'os_2', 'os', 'os', 'f.jsonl', 2, 'conversations/from-value', '\\x7b7d', '', 1, 0, 1, 'now', '');
            INSERT INTO trajectory_flag (trajectory_id, flag) VALUES (1, 'raw-fallback');
            INSERT INTO message_text (id, hash, text) VALUES (1, 1, 'caf' || chr(65533)), (2, 2, 'ok');
            INSERT INTO message_row (trajectory_id, idx, role, original_role, text_id, turn) VALUES
                (1, 0, 'instruction', 'human', 1, 'task'), (2, 0, 'instruction', 'human', 2, 'task');
            """)
        let reopened = try PostgresStore(url: url, schema: schema)
        #expect(try reopened.schemaVersion() == 11)
        let flags = try reopened.connection.execute("SELECT flags FROM trajectory ORDER BY id")
        #expect(try [flags.string(0, 0), flags.string(1, 0)] == ["bad-encoding,raw-fallback", ""])
    }

    /// Review: setting a team policy while another connection's label transaction was open derived the
    /// decision from before that label (pending where the two reviewers disagree), which `check` flags.
    @Test func aTeamPolicySetWhileALabelIsWrittenDerivesTheDecisionFromIt() throws {
        let store = try PostgresStore(url: url, schema: schema, createIfMissing: true)
        _ = try PostgresImporter(store: store).importFiles([Fixtures.url("dialects/os.json").path])
        let first = try store.connection.execute("SELECT id, external_id FROM trajectory ORDER BY id LIMIT 1")
        let rowID = try #require(try first.integer(0, 0))
        _ = try store.applyLabel(.accept, to: [try #require(try first.string(0, 1))], reviewer: "r1", origin: "test")
        let labeler = try PostgresStore(url: url, schema: schema)
        try labeler.connection.execute("BEGIN")
        try labeler.connection.execute(
            """
            INSERT INTO label_event (trajectory_id, reviewer, at, kind, status, tags, origin)
            VALUES ($1, 'r2', '2026-01-01T00:00:00.000Z', 'label', 'rejected', '[]', 'sql')
            """, [.integer(rowID)])
        let setter = try PostgresStore(url: url, schema: schema)
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var outcome: Result<TeamPolicyChange, any Error>?
        Thread {
            outcome = Result {
                try setter.setTeamPolicy(try TeamPolicy(minReviews: 2, consensus: .unanimous), by: "lead")
            }
            done.signal()
        }.start()
        // The policy waits for the label's transaction; it derives from the label once committed.
        #expect(done.wait(timeout: .now() + 0.5) == .timedOut)
        try labeler.connection.execute("COMMIT")
        done.wait()
        _ = try #require(outcome).get()
        let decided = try store.connection.execute(
            "SELECT status FROM label_current WHERE trajectory_id = $1", [.integer(rowID)])
        #expect(try decided.string(0, 0) == "disputed")
        #expect(try store.check().findings.allSatisfy(\.problems.isEmpty))
    }

    @Test func aNewStoreHasEveryMigrationAndTheVersion() throws {
        let store = try PostgresStore(url: url, schema: schema, createIfMissing: true)
        #expect(try store.schemaVersion() == 14)
        let migrations = try store.connection.execute("SELECT identifier FROM grdb_migrations ORDER BY identifier")
        #expect(migrations.rowCount == 24)
        // Opening it again changes nothing.
        _ = try PostgresStore(url: url, schema: schema)
        #expect(try store.connection.execute("SELECT count(*) FROM grdb_migrations").integer(0, 0) == 24)
    }

    /// A version 11 store gains, on opening, each trajectory's goal as the list shows it (from its task
    /// turn, else its first instruction, else its first message), and the text sort's index.
    @Test func versionTwelveStoresTheGoalsOfAVersionElevenStore() throws {
        let store = try PostgresStore(url: url, schema: schema, createIfMissing: true)
        try store.connection.execute(
            """
            DROP INDEX trajectory_by_goal; ALTER TABLE trajectory DROP COLUMN goal;
            DELETE FROM grdb_migrations WHERE identifier = 'v12-task-goals';
            UPDATE store_info SET value = '11' WHERE key = 'schema_version';
            INSERT INTO import_run (id, started_at, trove_version, files, options) VALUES (1, 'now', '0', '[]', '{}');
            INSERT INTO trajectory (id, external_id, task, dialect, source_file, source_line, format, original,
                original_sha256, message_count, step_count, import_id, imported_at)
            VALUES (1, 'os_1', 'os', 'os', 'f.jsonl', 1, 'conversations/from-value', '\\x7b7d', '', 2, 0, 1, 'now'),
                   (2, 'os_2', 'os', 'os', 'f.jsonl', 2, 'conversations/from-value', '\\x7b7d', '', 1, 0, 1, 'now'),
                   (3, 'os_3', 'os', 'os', 'f.jsonl', 3, 'conversations/from-value', '\\x7b7d', '', 1, 0, 1, 'now');
            INSERT INTO message_text (id, hash, text) VALUES
                (1, 1, 'You are a helpful assistant.'), (2, 2, 'Now, my problem is:' || chr(10) || 'zip the logs'),
                (3, 3, 'WebShop [SEP] Instruction: [SEP] A red mug [SEP] Search'), (4, 4, 'count  the' || chr(10) || 'files');
            INSERT INTO message_row (trajectory_id, idx, role, original_role, text_id, turn) VALUES
                (1, 0, 'system', 'system', 1, 'prompt'), (1, 1, 'instruction', 'human', 2, 'task'),
                (2, 0, 'instruction', 'human', 3, 'context'), (3, 0, 'environment', 'human', 4, 'observation');
            """)
        let reopened = try PostgresStore(url: url, schema: schema)
        #expect(try reopened.schemaVersion() == 12)
        let goals = try reopened.connection.execute("SELECT goal FROM trajectory ORDER BY id")
        #expect(try (0..<3).map { try goals.string($0, 0) } == ["zip the logs", "A red mug", "count the files"])
        let sorted = try reopened.rows(matching: Filter(nil), sortedBy: ListSort(column: .text), after: nil, limit: 9)
        #expect(sorted.map(\.id) == ["os_2", "os_3", "os_1"])
        let index = try reopened.connection.execute(
            "SELECT count(*) FROM pg_indexes WHERE schemaname = $1 AND indexname = 'trajectory_by_goal'",
            [.text(schema)])
        #expect(try index.integer(0, 0) == 1)
    }

    /// A version 12 store, whose search words are `simple`'s, gains on opening the words of the
    /// diacritics-folding configuration: `has:cafe` then finds `café` and `has:naive` `NAÏVE`, as on SQLite.
    @Test func versionThirteenFoldsDiacriticsInTheWordsOfAVersionTwelveStore() throws {
        let store = try PostgresStore(url: url, schema: schema, createIfMissing: true)
        try Self.revertToVersionTwelve(store.connection)
        try store.connection.execute(
            """
            INSERT INTO import_run (id, started_at, trove_version, files, options) VALUES (1, 'now', '0', '[]', '{}');
            INSERT INTO trajectory (id, external_id, task, dialect, source_file, source_line, format, original,
                original_sha256, message_count, step_count, import_id, imported_at)
            VALUES (1, 'os_1', 'os', 'os', 'f.jsonl', 1, 'conversations/from-value', '\\x7b7d', '', 1, 0, 1, 'now'),
                   (2, 'os_2', 'os', 'os', 'f.jsonl', 2, 'conversations/from-value', '\\x7b7d', '', 1, 0, 1, 'now');
            INSERT INTO message_text (id, hash, text, trajectory_id) VALUES
                (1, 1, 'Meet at the Café de Flore', 1), (2, 2, 'A NAÏVE approach', 2);
            INSERT INTO message_row (trajectory_id, idx, role, original_role, text_id, turn) VALUES
                (1, 0, 'instruction', 'human', 1, 'task'), (2, 0, 'instruction', 'human', 2, 'task');
            """)
        let unfolded = try store.connection.execute(
            "SELECT count(*) FROM message_text WHERE words @@ phraseto_tsquery('simple', 'cafe')")
        #expect(try unfolded.integer(0, 0) == 0)
        let reopened = try PostgresStore(url: url, schema: schema)
        #expect(try reopened.schemaVersion() == 13)
        func ids(_ filter: String) throws -> [String] {
            try reopened.rows(matching: Filter.parse(filter), sortedBy: ListSort(), after: nil, limit: 9).map(\.id)
        }
        #expect(try ids("has:cafe") == ["os_1"])
        #expect(try ids("has:\"cafe de flore\"") == ["os_1"])
        #expect(try ids("has:naive") == ["os_2"])
        #expect(try ids("has:naïve") == ["os_2"])
        let index = try reopened.connection.execute(
            "SELECT count(*) FROM pg_indexes WHERE schemaname = $1 AND indexname = 'message_text_words'",
            [.text(schema)])
        #expect(try index.integer(0, 0) == 1)
    }

    /// A version 12 store whose user may not create the `unaccent` extension (no CREATE on the database),
    /// in a database that lacks it, is not migrated: opening names the statement to ask the database's
    /// owner for and changes nothing; once the owner has run it, in a schema of their choice the user may
    /// use, the store opens and its words fold.
    @Test func aStoreWhoseUserMayNotCreateUnaccentAsksForItAndChangesNothing() throws {
        let admin = try PostgresConnection(url: url)
        let database = "trove_" + schema
        let role = "r" + schema
        try admin.execute("CREATE ROLE \(role) LOGIN")
        try admin.execute("CREATE DATABASE \(database)")
        defer { _ = try? admin.execute("DROP DATABASE \(database) WITH (FORCE); DROP ROLE \(role)") }
        let owner = try PostgresConnection(url: try Self.url(url, user: "postgres", database: database))
        let userURL = try Self.url(url, user: role, database: database)
        try owner.execute("GRANT CREATE ON DATABASE \(database) TO \(role)")
        let store = try PostgresStore(url: userURL, schema: "team", createIfMissing: true)
        try Self.revertToVersionTwelve(store.connection)
        try store.connection.execute("DROP EXTENSION unaccent")
        try owner.execute("REVOKE CREATE ON DATABASE \(database) FROM \(role)")
        #expect {
            try PostgresStore(url: userURL, schema: "team")
        } throws: { error in
            guard case .missingUnaccent(let name, let server) = error as? PostgresStoreError else { return false }
            return name == store.name && server.contains("permission denied")
                && "\(error)".contains("`CREATE EXTENSION unaccent;`")
        }
        #expect(try store.schemaVersion() == 12)
        try owner.execute(
            "CREATE SCHEMA shared; GRANT USAGE ON SCHEMA shared TO PUBLIC; CREATE EXTENSION unaccent SCHEMA shared")
        let migrated = try PostgresStore(url: userURL, schema: "team")
        #expect(try migrated.schemaVersion() == 13)
        let folded = try migrated.connection.execute("SELECT to_tsvector('trove_words', 'Ça NAÏVE')::text")
        #expect(try folded.string(0, 0) == "'ca':1 'naive':2")
    }

    /// Takes the store on `connection` back to version 12: its search words made with `simple`.
    private static func revertToVersionTwelve(_ connection: PostgresConnection) throws {
        try revertPunctuationSplitWords(connection)
        try connection.execute(
            """
            ALTER TABLE message_text DROP COLUMN words;
            DROP TEXT SEARCH CONFIGURATION trove_words;
            ALTER TABLE message_text ADD COLUMN words tsvector
                GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED;
            CREATE INDEX message_text_words ON message_text USING gin (words);
            DELETE FROM grdb_migrations WHERE identifier = 'v13-folded-search-words';
            UPDATE store_info SET value = '12' WHERE key = 'schema_version';
            """)
    }

    /// Takes the store on `connection` back to before `v14-punctuation-split-words`: its search words
    /// made from the text as written, by PostgreSQL's word parser alone.
    private static func revertPunctuationSplitWords(_ connection: PostgresConnection) throws {
        try connection.execute(
            """
            ALTER TABLE message_text DROP COLUMN words;
            DROP FUNCTION trove_word_text(text);
            ALTER TABLE message_text ADD COLUMN words tsvector
                GENERATED ALWAYS AS (to_tsvector('trove_words', text)) STORED;
            CREATE INDEX message_text_words ON message_text USING gin (words);
            DELETE FROM grdb_migrations WHERE identifier = 'v14-punctuation-split-words';
            """)
    }

    /// A store whose search words kept e-mail addresses, host names, paths, URLs and decimals whole gains
    /// on opening words split at ASCII punctuation, as SQLite's: `has:com` then finds `github.com`, and
    /// the version stays 14.
    @Test func punctuationSplitWordsFindTheWordsInsideAddressesPathsAndDecimals() throws {
        let store = try PostgresStore(url: url, schema: schema, createIfMissing: true)
        _ = try PostgresImporter(store: store).importFiles([Fixtures.url("filter/punctuation.json").path])
        try Self.revertPunctuationSplitWords(store.connection)
        func ids(_ store: PostgresStore, _ filter: String) throws -> [String] {
            try store.rows(matching: Filter.parse(filter), sortedBy: ListSort(), after: nil, limit: 9).map(\.id)
        }
        let unsplit = try store.connection.execute(
            "SELECT count(*) FROM message_text WHERE words @@ phraseto_tsquery('trove_words', 'github')")
        #expect(try unsplit.integer(0, 0) == 0)
        let reopened = try PostgresStore(url: url, schema: schema)
        #expect(try reopened.schemaVersion() == 14)
        #expect(try ids(reopened, "has:github") == ["punctuation_joined"])
        #expect(try ids(reopened, "has:jane") == ["punctuation_joined"])
        #expect(try ids(reopened, "has:\"3.4\"") == ["punctuation_joined"])
        #expect(try ids(reopened, "has:com").sorted() == ["punctuation_joined", "punctuation_spaced"])
        let index = try reopened.connection.execute(
            "SELECT count(*) FROM pg_indexes WHERE schemaname = $1 AND indexname = 'message_text_words'",
            [.text(schema)])
        #expect(try index.integer(0, 0) == 1)
    }

    /// `url` with its user and database replaced.
    private static func url(_ url: String, user: String, database: String) throws -> String {
        var components = try #require(URLComponents(string: url))
        components.user = user
        components.path = "/" + database
        return try #require(components.string)
    }

    /// A version 13 store gains on opening each trajectory's parsed steps, and its `step` view returns
    /// what the view of version 10, which parsed `steps` as `json` for every row, returned: spans read out
    /// of their messages, texts written out (tool calls, Terminus replies) and segments alike.
    @Test func versionFourteenReadsTheSameStepsFromTheParsedSteps() throws {
        let store = try PostgresStore(url: url, schema: schema, createIfMissing: true)
        let files = [
            "dialects/os.json", "dialects/alfworld.json", "filter/scripts.json",
            "agent-runs/atif-tools.trajectory.json",
            "agent-runs/miniswe.traj.json",
        ]
        _ = try PostgresImporter(store: store).importFiles(files.map { Fixtures.url($0).path })
        try store.connection.execute(
            """
            DROP VIEW step;
            ALTER TABLE trajectory DROP COLUMN steps_jsonb;
            \(PostgresSchema.stepView(elements: "json_array_elements(t.steps::json)", typeOf: "json_typeof"))
            DELETE FROM grdb_migrations WHERE identifier = 'v14-parsed-steps';
            UPDATE store_info SET value = '13' WHERE key = 'schema_version';
            """)
        func steps(_ store: PostgresStore) throws -> [String] {
            let rows = try store.connection.execute("SELECT s::text FROM step s ORDER BY trajectory_id, idx")
            return try (0..<rows.rowCount).map { try rows.string($0, 0) ?? "" }
        }
        let before = try steps(store)
        #expect(before.count > 20)
        let reopened = try PostgresStore(url: url, schema: schema)
        #expect(try reopened.schemaVersion() == 14)
        #expect(try steps(reopened) == before)
        let unparsed = try reopened.connection.execute(
            "SELECT count(*) FROM trajectory WHERE steps_jsonb IS DISTINCT FROM steps::jsonb")
        #expect(try unparsed.integer(0, 0) == 0)
    }

    @Test func aStoreANewerTroveWroteIsRefused() throws {
        let store = try PostgresStore(url: url, schema: schema, createIfMissing: true)
        try store.connection.execute("INSERT INTO grdb_migrations VALUES ('v99-future')")
        #expect(throws: PostgresStoreError.supersededSchema(store: store.name, unknown: ["v99-future"])) {
            try PostgresStore(url: url, schema: schema)
        }
    }

    /// A store whose `store_info` records a newer schema version than this trove's, with no migration it
    /// does not know, is refused as SQLite's is, with the same words.
    @Test func aStoreRecordingANewerVersionIsRefused() throws {
        let store = try PostgresStore(url: url, schema: schema, createIfMissing: true)
        try store.connection.execute(
            "UPDATE store_info SET value = $1 WHERE key = 'schema_version'", [.text(String(PostgresSchema.version + 1))]
        )
        #expect {
            try PostgresStore(url: url, schema: schema)
        } throws: { error in
            error as? PostgresStoreError == .supersededSchema(store: store.name, unknown: [])
                && "\(error)"
                    == "\(store.name): this store was written by a newer version of trove; upgrade trove to open it"
        }
    }

    /// Two imports of one file into one store at once take turns batch by batch: neither fails on a row
    /// the other stored (a unique violation, before), and together they store each record once, the one
    /// skipping what the other added, as on SQLite.
    @Test func twoImportsOfOneFileAtOnceStoreEachRecordOnce() throws {
        _ = try PostgresStore(url: url, schema: schema, createIfMissing: true)
        let directory = TemporaryDirectory()
        let file = directory.path("many.jsonl")
        let lines = (0..<300).map { index in
            #"{"id": "t_\#(index)", "conversations": [{"from": "human", "value": "q \#(index)"}, "#
                + #"{"from": "gpt", "value": "a \#(index)"}]}"#
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        final class Outcomes: @unchecked Sendable {
            let lock = NSLock()
            var summaries: [ImportSummary] = []
            var errors: [String] = []
        }
        let outcomes = Outcomes()
        let (url, schema) = (url, schema)
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            do {
                let store = try PostgresStore(url: url, schema: schema)
                var options = ImportOptions()
                options.batchSize = 5
                let summary = try PostgresImporter(store: store, options: options).importFiles([file])
                outcomes.lock.withLock { outcomes.summaries.append(summary) }
            } catch {
                outcomes.lock.withLock { outcomes.errors.append("\(error)") }
            }
        }
        #expect(outcomes.errors.isEmpty, "\(outcomes.errors)")
        #expect(outcomes.summaries.map(\.added).reduce(0, +) == 300)
        #expect(outcomes.summaries.map(\.skipped).reduce(0, +) == 300)
        let store = try PostgresStore(url: url, schema: schema)
        #expect(try store.connection.execute("SELECT count(*) FROM trajectory").integer(0, 0) == 300)
    }

    @Test func noStoreIsCreatedUnlessAsked() throws {
        #expect(throws: PostgresStoreError.self) { try PostgresStore(url: url, schema: schema) }
        let check = try PostgresConnection(url: url)
        let exists = try check.execute("SELECT count(*) FROM pg_namespace WHERE nspname = $1", [.text(schema)])
        #expect(try exists.integer(0, 0) == 0)
    }

    @Test func aSchemaHoldingOtherTablesIsNotAStore() throws {
        let connection = try PostgresConnection(url: url)
        try connection.execute("CREATE SCHEMA \(schema); CREATE TABLE \(schema).mine (x int)")
        #expect(throws: PostgresStoreError.self) { try PostgresStore(url: url, schema: schema, createIfMissing: true) }
    }

    /// Two schemas of one database hold two stores: what is written into one is not in the other.
    @Test func twoSchemasOfOneDatabaseAreTwoStores() throws {
        let one = try PostgresStore(url: url, schema: schema, createIfMissing: true)
        let other = try PostgresStore(url: url, schema: TestPostgres.uniqueSchema(), createIfMissing: true)
        try one.saveReviewState(
            ReviewSessionState(trajectoryID: "os_1", filter: "task:os", sort: ListSort()), for: "ana")
        #expect(try one.reviewState(for: "ana")?.trajectoryID == "os_1")
        #expect(try other.reviewState(for: "ana") == nil)
    }

    /// The schema may come from the URL's `search_path` option; `trove` otherwise.
    @Test func theURLsSearchPathNamesTheSchema() throws {
        let store = try PostgresStore(url: TestPostgres.storeURL(schema: schema), createIfMissing: true)
        #expect(store.schema == schema)
        #expect(try store.connection.execute("SELECT current_schema()").string(0, 0) == schema)
    }
}
