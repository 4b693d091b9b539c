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

    /// Opens the store, turning failures into a message and exit code 66.
    func open(readOnly: Bool = false) throws -> Store {
        do {
            return try Store.open(path: path, readOnly: readOnly)
        } catch {
            Console.error("trove: cannot open store \(path): \(error)")
            throw ExitCode(TroveExitCode.cannotOpen)
        }
    }
}
