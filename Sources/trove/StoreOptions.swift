import ArgumentParser
import Foundation
import TroveStore

/// The `--store` option every command shares.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The dataset store (a SQLite file).",
            discussion: "Defaults to $TROVE_STORE, else ./trove.sqlite.",
            valueName: "path"))
    var store: String?

    /// The store path: `--store`, else `$TROVE_STORE`, else `./trove.sqlite`.
    var path: String {
        store ?? ProcessInfo.processInfo.environment["TROVE_STORE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "trove.sqlite"
    }

    /// The store's file and the files SQLite keeps beside it, which no output may overwrite.
    var files: [String] { [path, path + "-wal", path + "-shm", path + "-journal"] }

    /// Opens the store, turning failures into a message and exit code 66.
    func open(readOnly: Bool = false) throws -> Store {
        do {
            return try Store.open(path: path, readOnly: readOnly)
        } catch {
            Console.error("trove: cannot open store \(path): \(error)")
            throw ExitCode(TroveExitCode.cannotOpen)
        }
    }

    /// Opens the store for a command that changes it; a read-only store (a
    /// write-protected file) is refused with a message and exit code 66.
    func openForWriting() throws -> Store {
        let store = try open()
        if store.isReadOnly {
            Console.error(
                "trove: \(StoreError.readOnly(path: store.path)) (the file is write-protected); nothing was changed")
            throw ExitCode(TroveExitCode.cannotOpen)
        }
        return store
    }
}
