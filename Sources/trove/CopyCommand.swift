import ArgumentParser
import Foundation
import TroveCore
import TrovePostgres
import TroveStore

struct CopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a whole store into a new one, between SQLite and PostgreSQL either way.",
        discussion: """
            SRC and DEST are each a SQLite file or a postgresql:// URL (its schema: --schema when one side is \
            on PostgreSQL, else the URL's search_path, else trove; between two schemas, give each URL its own \
            ?options=-csearch_path%3DNAME). Every table's rows are copied with their ids: the records with their original bytes, \
            the messages, every label and turn event with its reviewer and time, the decisions, assignments, \
            team policy and review positions (SRC on PostgreSQL is read in one REPEATABLE READ snapshot: \
            reviewers may keep working); then what the new store derives (SQLite's full-text index, \
            PostgreSQL's id sequences). DEST must not exist; a copy that fails leaves nothing behind (a SQLite \
            file is linked into place only when whole; PostgreSQL writes in one transaction).

            Exit status: 0 when the copy was made; 64 when DEST exists or --schema does not fit the stores; 65 when the stores' schemas differ; 66 \
            when SRC could not be opened; 73 when DEST could not be created; 74 when writing it failed (a full \
            disk).

            Examples:
              trove copy trove.sqlite 'postgresql://localhost/review?options=-csearch_path%3Dteam'
              trove copy postgresql://localhost/review restored.sqlite --schema team
            """)

    @Argument(help: ArgumentHelp("The store to copy (a SQLite file or a postgresql:// URL).", valueName: "src"))
    var source: String

    @Argument(help: ArgumentHelp("The new store (a SQLite file or a postgresql:// URL).", valueName: "dest"))
    var destination: String

    @Option(
        help: ArgumentHelp(
            "The schema of the store on PostgreSQL, when one of SRC and DEST is (default: its URL's search_path, "
                + "else trove).", valueName: "name"))
    var schema: String?

    func validate() throws {
        if !PostgresStore.isURL(destination), FileManager.default.fileExists(atPath: destination) {
            throw ValidationError("\(destination) already exists; a copy never overwrites a store")
        }
        guard schema != nil else {
            for store in [source, destination] { try StoreOptions.requireSchema(nil, fits: store) }
            return
        }
        if PostgresStore.isURL(source), PostgresStore.isURL(destination) {
            throw ValidationError(
                "--schema: both stores are on PostgreSQL; give each URL its schema (?options=-csearch_path%3DNAME)")
        }
        try StoreOptions.requireSchema(schema, fits: PostgresStore.isURL(source) ? source : destination)
    }

    private var target: String {
        guard PostgresStore.isURL(destination) else { return destination }
        return PostgresConnection.withoutPassword(destination) + (schema.map { " (schema \($0))" } ?? "")
    }

    func run() throws {
        var options = StoreOptions()
        options.store = source
        options.schema = PostgresStore.isURL(source) ? schema : nil
        try options.requireNewFile(destination)
        let counts: [(table: String, rows: Int)]
        // Every table from one snapshot, as a backup reads it: a label committed while the copy runs is in
        // the copy with its event, or not at all.
        if PostgresStore.isURL(source) {
            let store = try options.openPostgres()
            counts = try store.readSnapshot { _ in try copy(from: store) }
        } else {
            let store = try options.open(readOnly: true)
            counts = try store.readSnapshot { _ in try copy(from: store) }
        }
        func rows(_ table: String) -> Int { counts.first { $0.table == table }?.rows ?? 0 }
        Console.output(
            """
            copied \(Plural.trajectories(rows("trajectory"))), \
            \(Plural.counted(rows("label_event"), "label event")) and \(Plural.counted(rows("turn_event"), "turn event")) \
            (\(Plural.counted(counts.reduce(0) { $0 + $1.rows }, "row")) in \(Plural.counted(counts.count, "table"))) \
            to \(Console.visible(target))

            """)
    }

    private func copy(from source: some StoreCopySource) throws -> [(table: String, rows: Int)] {
        var counts: [(table: String, rows: Int)] = []
        do {
            if PostgresStore.isURL(destination) {
                try PostgresStore.create(url: destination, schema: schema) { store in
                    counts = try StoreCopy.copy(from: source, to: store)
                    try store.continueIdentities()
                }
            } else {
                try Store.createCopy(at: destination) { store in counts = try StoreCopy.copy(from: source, to: store) }
            }
        } catch let error as StoreCopyError {
            Console.error("trove: copy to \(Console.visible(target)) failed: \(error); nothing was written")
            if case .destinationExists = error { throw ExitCode(TroveExitCode.usage) }
            throw ExitCode(TroveExitCode.dataError)
        } catch let error as PostgresStoreError {
            Console.error("trove: copy failed: \(error); nothing was written")
            if case .exists = error { throw ExitCode(TroveExitCode.usage) }
            throw ExitCode(TroveExitCode.cannotCreate)
        } catch {
            Console.error("trove: copy to \(Console.visible(target)) failed: \(error); nothing was written")
            throw ExitCode(StorageFailure.isIOError(error) ? TroveExitCode.ioError : TroveExitCode.cannotCreate)
        }
        return counts
    }
}
