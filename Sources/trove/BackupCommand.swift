import ArgumentParser
import Foundation
import TroveStore

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the store to a new file while others keep reading and writing it.",
        discussion: """
            Uses SQLite's online backup: the copy is one consistent snapshot (every label acknowledged before \
            it, none in part), reviewers and importers are not blocked, and the copy is checked with \
            PRAGMA integrity_check before it is renamed into place. DEST must not exist.

            Exit status: 0 when the copy was written; 64 when DEST exists; 66 when the store could not be \
            opened or the copy could not be written.

            Examples:
              trove backup backups/trove-$(date +%F).sqlite
              trove backup --store /data/review.sqlite /mnt/backup/review.sqlite
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: ArgumentHelp("Where to write the copy (a new file).", valueName: "dest"))
    var destination: String

    func validate() throws {
        if FileManager.default.fileExists(atPath: destination) {
            throw ValidationError("\(destination) already exists; a backup never overwrites a file")
        }
    }

    func run() throws {
        let store = try storeOptions.open(readOnly: true)
        do {
            let backup = try store.backup(to: destination)
            Console.output(
                """
                backed up \(backup.trajectories) trajectories and \(backup.labelEvents) label events \
                to \(backup.path) (\(String(format: "%.1f", Double(backup.bytes) / 1_000_000)) MB, integrity ok)

                """)
        } catch {
            Console.error("trove: backup to \(destination) failed: \(error)")
            throw ExitCode(TroveExitCode.cannotOpen)
        }
    }
}
