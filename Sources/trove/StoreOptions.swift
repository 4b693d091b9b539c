import ArgumentParser
import Foundation
import TroveCore
import TrovePostgres
import TroveStore

/// The `--store` and `--schema` options every command shares.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The dataset store: a SQLite file, or a PostgreSQL server's URL.",
            discussion:
                "Defaults to $TROVE_STORE, else ./trove.sqlite. A postgresql:// or postgres:// URL names a store on "
                + "a server, in the schema --schema names, else the one its options choose "
                + "(?options=-c%20search_path%3Dteam), else `trove`.",
            valueName: "path-or-url"))
    var store: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The PostgreSQL schema the store lives in (default: the URL's search_path, else trove).",
            discussion:
                "Lowercase letters, digits and _, as psql writes it unquoted. Only for a PostgreSQL store; a "
                + "search_path in the URL must name the same schema.",
            valueName: "name"))
    var schema: String?

    func validate() throws {
        try Self.requireSchema(schema, fits: path)
    }

    /// Checks `schema` (`--schema`) against the store at `location`: it names a PostgreSQL store, the
    /// name is one ``PostgresSchemaName`` takes, and the URL's `search_path`, if any, names the same. A
    /// URL's `search_path` that names no schema trove can take is refused with or without `--schema`.
    static func requireSchema(_ schema: String?, fits location: String) throws {
        let named = try searchPathSchema(in: location)
        guard let schema else { return }
        guard PostgresStore.isURL(location) else {
            throw ValidationError("--schema is for a PostgreSQL store; \(Console.visible(location)) is a SQLite file")
        }
        if let problem = PostgresSchemaName.problem(with: schema) {
            throw ValidationError("--schema \(schema.debugDescription): \(problem)")
        }
        if let named, named != schema {
            throw ValidationError(
                "--schema \(schema) conflicts with the URL's search_path (\(named.debugDescription)); name the "
                    + "schema once")
        }
    }

    /// The schema the `search_path` of the URL `location` names (nil for a SQLite file or a URL without
    /// one), or a usage error saying why it names none trove can take.
    private static func searchPathSchema(in location: String) throws -> String? {
        guard PostgresStore.isURL(location) else { return nil }
        do {
            return try PostgresStore.searchPathSchema(in: location)
        } catch {
            throw ValidationError("\(Console.visible(PostgresConnection.withoutPassword(location))): \(error)")
        }
    }

    /// The store path: `--store`, else `$TROVE_STORE`, else `./trove.sqlite`.
    var path: String {
        store ?? ProcessInfo.processInfo.environment["TROVE_STORE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "trove.sqlite"
    }

    /// Where `trove import` appends the records it rejects unless `--rejects` says otherwise:
    /// `STORE.rejects.jsonl` beside a SQLite store, `trove.rejects.jsonl` for a PostgreSQL store.
    var rejectsPath: String { isPostgres ? "trove.rejects.jsonl" : path + ".rejects.jsonl" }

    /// The files no output may replace: the store, the files SQLite keeps beside it and the rejects file.
    var reservedFiles: [ReservedFile] {
        let rejects = ReservedFile(
            path: rejectsPath, role: "the store's rejects file, where trove import appends the records it rejects")
        guard !isPostgres else { return [rejects] }
        return [
            ReservedFile(path: path, role: "the store"),
            ReservedFile(path: path + "-wal", role: "the store's write-ahead log"),
            ReservedFile(path: path + "-shm", role: "the store's shared-memory index"),
            ReservedFile(path: path + "-journal", role: "the store's rollback journal"), rejects,
        ]
    }

    /// Refuses `destination`, where `backup` or `copy` writes a new SQLite file from this store, with a
    /// message and exit code 64 when an output could not go there either
    /// (``OutputTarget/requireNewDatabase(_:reserved:)``): this store's own files, or the `-wal`, `-shm`
    /// or `-journal` of another SQLite database. A PostgreSQL URL is no file and passes.
    func requireNewFile(_ destination: String) throws {
        guard !PostgresStore.isURL(destination) else { return }
        do {
            try OutputTarget.requireNewDatabase(destination, reserved: reservedFiles)
        } catch {
            Console.error("trove: \(error); nothing was written")
            throw ExitCode(TroveExitCode.of(error))
        }
    }

    /// The store as manifests and messages name it: the path, or the server's URL without its password
    /// (and the schema, when `--schema` names it).
    var displayName: String {
        guard isPostgres else { return path }
        return PostgresConnection.withoutPassword(path) + (schema.map { " (schema \($0))" } ?? "")
    }

    /// Whether the store is on a PostgreSQL server (`postgresql://` or `postgres://`).
    var isPostgres: Bool { PostgresStore.isURL(path) }

    /// Opens the store on PostgreSQL, turning failures into a message and exit code 66.
    func openPostgres(createIfMissing: Bool = false) throws -> PostgresStore {
        do {
            return try PostgresStore(url: path, schema: schema, createIfMissing: createIfMissing)
        } catch {
            Console.error(
                "trove: cannot open store \(Console.visible(PostgresConnection.withoutPassword(path))): \(error)")
            throw ExitCode(TroveExitCode.cannotOpen)
        }
    }

    /// The message for a write the PostgreSQL server refused because the user lacks the privilege
    /// (``PostgresError/isWriteDenied``), worded as a read-only SQLite store's refusal (exit 66 both).
    static func writeDeniedMessage(_ error: PostgresError) -> String {
        let store = error.connection ?? "the PostgreSQL store"
        return "trove: \(StoreError.readOnly(path: store)) for this user (the server says: \(error.message)); "
            + "nothing was changed"
    }

    /// Opens the SQLite store, turning failures into a message and exit code 66, or 74 when the disk
    /// failed (full, or an I/O error: opening writes, as SQLite makes its `-shm` file and trove finishes
    /// what a killed run left). Only `createIfMissing`
    /// (import) creates a store where none exists. Commands reach a PostgreSQL store through their own
    /// openers (``openPostgres(createIfMissing:)``, ``openForReading()``, `openTeam`, `openSink`); a URL
    /// that reaches this is refused with exit 64 instead of being taken for a file name.
    func open(readOnly: Bool = false, createIfMissing: Bool = false) throws -> Store {
        if isPostgres {
            Console.error("trove: this command does not take a PostgreSQL store; nothing was done")
            throw ExitCode(TroveExitCode.usage)
        }
        do {
            return try Store.open(path: path, readOnly: readOnly, createIfMissing: createIfMissing)
        } catch  where StorageFailure.isIOError(error) {
            let cause =
                StorageFailure.isDiskFull(error, at: path)
                ? "the disk is full (free space and run it again)"
                : "the store could not be written (disk full or I/O error)"
            Console.error("trove: cannot open store \(path): \(cause): \(error)")
            throw ExitCode(TroveExitCode.ioError)
        } catch {
            Console.error("trove: cannot open store \(path): \(error)")
            throw ExitCode(TroveExitCode.cannotOpen)
        }
    }

    /// Opens the store, on either backend, for a command that only reads it to write files (`export`,
    /// `mix`, `diff`), failing as ``open(readOnly:createIfMissing:)`` and ``openPostgres(createIfMissing:)`` do.
    func openForReading() throws -> any ExportSource {
        isPostgres ? try openPostgres() : try open(readOnly: true)
    }

    /// Opens the store, on either backend, for a team command (`team`, `assign`, `progress`,
    /// `agreement`), failing as ``open(readOnly:createIfMissing:)`` and ``openPostgres(createIfMissing:)`` do.
    func openTeam(readOnly: Bool) throws -> any TeamStore {
        if isPostgres { return try openPostgres() }
        return readOnly ? try open(readOnly: true) : try openForWriting()
    }

    /// Opens the store for a command that changes it; a read-only store (a
    /// write-protected file) is refused with a message and exit code 66.
    func openForWriting(createIfMissing: Bool = false) throws -> Store {
        let store = try open(createIfMissing: createIfMissing)
        if store.isReadOnly {
            let reason =
                !Store.isWriteProtected(store.path) && Store.cannotWriteBeside(store.path)
                ? "its directory, or the -wal or -shm file SQLite keeps beside it, is write-protected; for a store "
                    + "several people write, see \"Sharing a store\" in docs/store.md"
                : "the file is write-protected"
            Console.error("trove: \(StoreError.readOnly(path: store.path)) (\(reason)); nothing was changed")
            throw ExitCode(TroveExitCode.cannotOpen)
        }
        return store
    }

    /// Opens the store, on either backend, for a command that writes labels (`label`, `edit`), failing as
    /// ``openForWriting(createIfMissing:)`` and ``openPostgres(createIfMissing:)`` do.
    func openSink() throws -> any TrajectorySource & LabelSink {
        isPostgres ? try openPostgres() : try openForWriting()
    }

    /// Trajectory `id` read whole from `store`: a damaged row exits 65 and an unknown id exits 1, each
    /// with a message (`diff`).
    func trajectory(_ id: String, in store: any ExportSource) throws -> StoredTrajectory {
        try found(id) { try store.trajectory(id: $0, verifyingBytes: false) }
    }

    /// Trajectory `id` with what `show` prints (``Store/reportedTrajectory(id:)``), failing as
    /// ``trajectory(_:in:)`` does.
    func reportedTrajectory(_ id: String, in store: Store) throws -> StoredTrajectory {
        try found(id) { try store.reportedTrajectory(id: $0) }
    }

    /// Trajectory `id` with what `show` prints from a PostgreSQL store, failing as
    /// ``trajectory(_:in:)`` does (a server's refusal exits 66, as opening does).
    func reportedTrajectory(_ id: String, in store: PostgresStore) throws -> StoredTrajectory {
        try found(id) { id in
            do {
                return try store.reportedTrajectory(id: id)
            } catch let error as PostgresError {
                Console.error("trove: \(store.name): \(error)")
                throw ExitCode(TroveExitCode.cannotOpen)
            }
        }
    }

    private func found(_ id: String, _ read: (String) throws -> StoredTrajectory?) throws -> StoredTrajectory {
        let found: StoredTrajectory?
        do {
            found = try read(id)
        } catch let error as StoreError where error.isDamage {
            Console.error("trove: \(error)")
            throw ExitCode(TroveExitCode.dataError)
        }
        guard let found else {
            Console.error("trove: no trajectory with id \(Console.visible(id)) in \(Console.visible(displayName))")
            throw ExitCode(TroveExitCode.notFound)
        }
        return found
    }
}
